"""Opening the store: URL resolution, SQLite pragmas, migrations applied on open, clear errors.

SQLite (the default, ``.decision-check/index.db`` under the project) runs in WAL mode with foreign
keys on and a busy timeout; every write transaction starts with ``BEGIN IMMEDIATE`` so concurrent
writers queue instead of failing half-way. PostgreSQL (psycopg 3) takes an advisory lock while
migrating. Any database failure becomes a :class:`StoreError` (one line, exit code 2).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError, StatementError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from decision_check.errors import DecisionCheckError

ENV_URL = "DECISION_CHECK_DB"
ENV_TIMEOUT = "DECISION_CHECK_DB_TIMEOUT"  # seconds a writer waits for a locked SQLite file
DEFAULT_TIMEOUT = 30.0
MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK = 7_130_337  # advisory lock id held while migrating a PostgreSQL store


class StoreError(DecisionCheckError):
    """The store cannot be opened or written: unreachable, locked, newer schema, bad URL."""


def resolve_url(option: str | None, configured: str) -> str:
    """``--db`` > ``DECISION_CHECK_DB`` > configuration (whose default is the project's SQLite file)."""
    return option or os.environ.get(ENV_URL) or configured


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for other engines and in-memory databases)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def exists(url: str) -> bool:
    """Whether a store is there to consult — a SQLite file that exists, or any server URL."""
    path = sqlite_path(url)
    return path.exists() if path is not None else make_url(url).get_backend_name() != "sqlite"


@dataclass
class Store:
    """An open, migrated store."""

    engine: Engine
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back (nothing written) on error."""
        with guard(self.url), Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _timeout() -> float:
    try:
        return float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the SQLite pragmas; no migration."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"数据库地址无效：{url}", f"not a database URL: {url}") from None
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("psycopg2", "psycopg2cffi"):
        raise StoreError("PostgreSQL 请用 postgresql+psycopg://", "use postgresql+psycopg:// for PostgreSQL")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    path = sqlite_path(url)
    kwargs: dict[str, Any] = {}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        kwargs = {"poolclass": NullPool, "connect_args": {"timeout": _timeout()}}
    elif parsed.get_backend_name() == "postgresql":
        kwargs = {"connect_args": {"connect_timeout": 10}, "pool_pre_ping": True}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise StoreError(f"不支持的数据库：{url}（{exc}）", f"unsupported database {url}: {exc}") from None
    if engine.dialect.name == "sqlite":
        timeout_ms = int(_timeout() * 1000)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below drive transactions
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def guard(url: str) -> Iterator[None]:
    """Database failures as one clear :class:`StoreError`."""
    try:
        yield
    except DecisionCheckError:
        raise
    except DBAPIError as exc:
        raise _explain(url, exc) from None
    except SQLAlchemyError as exc:
        detail = (str(exc.orig) if isinstance(exc, StatementError) and exc.orig else str(exc)).splitlines()[0]
        raise StoreError(f"数据库错误（{safe(url)}）：{detail}", f"database error ({safe(url)}): {detail}") from None


def safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _explain(url: str, exc: DBAPIError) -> StoreError:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    shown = safe(url)
    if "locked" in detail or "busy" in detail:
        return StoreError(
            f"数据库文件被其他进程锁定，等待 {_timeout():g} 秒后放弃：{shown}",
            f"the database file is locked by another process (gave up after {_timeout():g} s): {shown}",
        )
    if exc.connection_invalidated or "connect" in detail.lower() or "unable to open" in detail:
        return StoreError(f"无法连接数据库 {shown}：{detail}", f"cannot reach the database {shown}: {detail}")
    return StoreError(f"数据库错误（{shown}）：{detail}", f"database error ({shown}): {detail}")


def open_store(url: str, *, upgrade: bool = True) -> Store:
    """Open ``url`` and bring its schema to this tool's version (never dropping a table)."""
    engine = make_engine(url)
    with guard(url):
        _retrying_when_locked(engine, lambda: migrate(engine, url) if upgrade else engine.connect().close())
    return Store(engine, url)


def _retrying_when_locked(engine: Engine, action: Callable[[], None]) -> None:
    """Run ``action``; on SQLite, try again while the file is reported locked, up to the busy timeout.

    SQLite's busy handler covers a writer waiting for another, but not every case of several processes
    opening one new file at once (switching it to WAL, the first schema transaction): there it answers
    "database is locked" at once. Those are retried, with a short random pause, within the same limit."""
    deadline = time.monotonic() + _timeout()
    while True:
        try:
            action()
            return
        except DBAPIError as exc:
            locked = "locked" in str(exc.orig or exc) or "busy" in str(exc.orig or exc)
            if engine.dialect.name != "sqlite" or not locked or time.monotonic() >= deadline:
                raise
            time.sleep(random.uniform(0.02, 0.2))


def migrate(engine: Engine, url: str, revision: str = "head") -> None:
    """Apply pending Alembic revisions in one locked transaction (concurrent openers wait)."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        current = _current(connection)
        if current is not None:
            try:
                script.get_revision(current)
            except CommandError:
                raise StoreError(
                    f"数据库 {safe(url)} 的结构版本 {current} 比本工具新；请升级 decision-check",
                    f"the database {safe(url)} has schema revision {current}, newer than this tool; "
                    "upgrade decision-check",
                ) from None
        if current == script.get_current_head() and revision == "head":
            return
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _current(connection: Connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def schema_revision(store: Store) -> str | None:
    """The revision the store's schema is at."""
    with guard(store.url), store.engine.connect() as connection:
        return _current(connection)
