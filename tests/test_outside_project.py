"""A record checked outside any project is still checked, and says which cross-file rules could not run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.context_notes import ORGAN_RULES

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "rule_cases" / "_base" / "longhe"
runner = CliRunner()


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, record: str = "decision.yaml") -> list[dict[str, object]]:
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["validate", record, "--format", "json", "--as-of", "2021-06-30"])
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def test_alone_without_organ_or_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(BASE / "decision.yaml", tmp_path / "decision.yaml")
    findings = _run(tmp_path, monkeypatch)
    notes = [f for f in findings if f["rule"] == "CONTEXT"]
    assert len(notes) == 1 and notes[0]["severity"] == "info"
    message = str(notes[0]["message"])
    assert "CAT-01（列入目录）未检查" in message and "机关文件" in message
    assert all(rule in message for rule in ORGAN_RULES)
    assert any(f["rule"] == "LAUNCH-03" for f in findings)  # still checked


def test_with_organ_file_only_the_catalogue_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "decisions"
    folder.mkdir()
    shutil.copy(BASE / "decision.yaml", folder / "decision.yaml")
    shutil.copy(BASE / "organ.yaml", folder / "organ.yaml")
    notes = [f for f in _run(tmp_path, monkeypatch, "decisions/decision.yaml") if f["rule"] == "CONTEXT"]
    assert len(notes) == 1 and "机关文件" not in str(notes[0]["message"])


def test_inside_the_project_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["validate", "decisions/2020/LH-2020-003.yaml", "--format", "json"])
    assert not [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "CONTEXT"]
