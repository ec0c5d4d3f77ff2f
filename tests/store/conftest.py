"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL tests need DECISION_CHECK_TEST_PG (a server URL whose user may CREATE DATABASE); each
test gets a fresh database, dropped afterwards. Without it they skip — run them with
``scripts/with-postgres.sh .venv/bin/python -m pytest -q tests/store``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "DECISION_CHECK_TEST_PG"
PG_SKIP = (
    f"PostgreSQL store tests need {PG_ENV}=postgresql+psycopg://USER@HOST:PORT/DB; "
    "run: scripts/with-postgres.sh .venv/bin/python -m pytest -q tests/store"
)


def _pg_admin(url: str, statement: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, password=parsed.password,
        dbname=parsed.database or "postgres", autocommit=True,
    ) as connection:  # fmt: skip
        connection.execute(statement.encode())


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'store' / 'index.db').as_posix()}"
        return
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(PG_SKIP)
    from sqlalchemy.engine import make_url

    name = f"dc_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        _pg_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's example records (decisions/) as the working directory."""
    folder = tmp_path / "project"
    shutil.copytree(ROOT / "decisions", folder / "decisions")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("DECISION_CHECK_DB", raising=False)
    return folder
