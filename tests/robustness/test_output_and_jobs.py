"""Issue 13, items 2 and 3: a bad ``--output`` and a bad ``--jobs`` are usage errors (exit 2) before any work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decision_check import validate as validation
from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.engine import EngineOptions
from decision_check.errors import UsageError
from decision_check.rulesets import RuleBook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "rule_cases" / "_base" / "longhe" / "decision.yaml"
runner = CliRunner()


def _no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the command starts validating: the preflight must come first."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation ran before the output/jobs preflight")

    monkeypatch.setattr(validation, "run", refuse)


def test_output_folder_is_exit_2_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_work(monkeypatch)
    result = runner.invoke(app, ["validate", str(EXAMPLE), "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "输出路径是文件夹" in result.stderr and str(tmp_path) in result.stderr
    assert "Traceback" not in result.output


def test_output_with_missing_parent_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_work(monkeypatch)
    result = runner.invoke(app, ["validate", str(EXAMPLE), "-o", str(tmp_path / "no" / "such" / "r.json")])
    assert result.exit_code == 2 and "文件夹不存在" in result.stderr
    assert not (tmp_path / "no").exists()


def test_output_under_a_file_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_work(monkeypatch)
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(EXAMPLE), "-o", str(tmp_path / "plain.txt" / "r.json")])
    assert result.exit_code == 2 and "不是文件夹" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere; run the suite as a normal user to check this")
def test_output_in_a_read_only_folder_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_work(monkeypatch)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = runner.invoke(app, ["validate", str(EXAMPLE), "-o", str(locked / "r.json")])
    assert result.exit_code == 2 and "没有写入权限" in result.stderr


def test_output_still_written_when_fine(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    result = runner.invoke(app, ["validate", str(EXAMPLE), "-f", "json", "-o", str(target), "--as-of", "2021-06-30"])
    assert result.exit_code in (0, 1) and target.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("jobs", ["0", "-1", "-8"])
def test_jobs_below_one_is_exit_2(jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_work(monkeypatch)
    result = runner.invoke(app, ["validate", str(EXAMPLE), "--jobs", jobs])
    assert result.exit_code == 2 and "--jobs" in result.stderr and jobs in result.stderr


def test_jobs_one_and_help_says_the_default() -> None:
    assert runner.invoke(app, ["validate", str(EXAMPLE), "--jobs", "1", "--as-of", "2021-06-30"]).exit_code in (0, 1)
    assert "at least 1" in runner.invoke(app, ["validate", "--help"]).stdout


def test_core_run_refuses_zero_jobs() -> None:
    with pytest.raises(UsageError):
        validation.run([EXAMPLE], RuleBook.__new__(RuleBook), EngineOptions.__new__(EngineOptions), jobs=0)
