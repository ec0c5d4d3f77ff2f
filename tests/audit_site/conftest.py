"""The site built once from the bundled records, and a real headless Chromium to look at it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import site_cmd

del site_cmd
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DECISION_CHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build(tmp: Path, *extra: str) -> Path:
    out = tmp / "site"
    done = CliRunner().invoke(
        app, ["site", str(ROOT / "decisions"), "--output", str(out), "--as-of", "2026-12-03", *extra]
    )
    assert done.exit_code == 0, done.output
    return out


@pytest.fixture
def make_site() -> Any:
    return build


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def public_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("public"), "--public")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Chromium not found: install the Debian package (apt-get install -y chromium) or set "
            "DECISION_CHECK_CHROMIUM to its path; .ci/run installs it"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (in the test extras)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()
