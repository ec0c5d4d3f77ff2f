"""A throw-away project (organ file, catalogue, records) in a temporary folder, as the working directory."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``tmp_path`` holding decisions/organs, decisions/catalogs and two records; cwd set to it."""
    for folder in ("organs", "catalogs"):
        shutil.copytree(ROOT / "decisions" / folder, tmp_path / "decisions" / folder)
    (tmp_path / "decisions" / "2020").mkdir()
    for name in ("LH-2020-003.yaml", "LH-2020-007.yaml"):
        shutil.copyfile(ROOT / "decisions" / "2020" / name, tmp_path / "decisions" / "2020" / name)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
