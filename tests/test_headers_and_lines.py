"""Headers say what is true (excluded, not yet decided) and missing steps point where they belong."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "rule_cases" / "_base" / "longhe" / "decision.yaml"
runner = CliRunner()


def _findings(path: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2021-06-30"])
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def _write(tmp_path: Path, data: dict[str, object]) -> Path:
    target = tmp_path / "decision.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_missing_step_points_at_the_steps_key(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE.read_text("utf-8"))
    del data["steps"]["legality_review"]
    target = _write(tmp_path, data)
    steps_line = target.read_text("utf-8").splitlines().index("steps:") + 1
    legal = next(f for f in _findings(target) if f["rule"] == "LEGAL-01")
    assert legal["path"] == "steps.legality_review"
    assert (legal["line"], legal["column"]) == (steps_line, 1)


def test_missing_steps_key_points_at_the_top_line(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE.read_text("utf-8"))
    del data["steps"]
    target = _write(tmp_path, data)
    legal = next(f for f in _findings(target) if f["rule"] == "LEGAL-01")
    assert legal["path"] == "steps.legality_review" and legal["line"] == 1


def test_excluded_header_names_what_still_applies() -> None:
    out = runner.invoke(app, ["validate", str(ROOT / "decisions" / "2020" / "LH-2020-YJ01.yaml")]).stdout
    assert "不适用重大行政决策程序" not in out and "适用《" not in out
    assert "已排除适用重大行政决策程序" in out and "只检查其中的 DOC-01、DOC-02、DOC-03、SCOPE-02" in out


def test_in_progress_header_says_not_decided() -> None:
    path = ROOT / "decisions" / "2020" / "LH-2020-017.yaml"
    out = runner.invoke(app, ["validate", str(path), "--as-of", "2026-12-03"]).stdout
    assert "尚未决定，按检查日 2026-12-03 有效的规定检查" in out
    assert "取自 as_of" not in out and "决策日期 2026-12-03" not in out


def test_info_findings_counted_not_listed_unless_asked() -> None:
    path = str(ROOT / "decisions" / "2020" / "LH-2020-003.yaml")
    quiet = runner.invoke(app, ["validate", path]).stdout
    infos = json.loads(runner.invoke(app, ["validate", path, "--format", "json"]).stdout)["summary"]["infos"]
    assert infos >= 2
    assert "LAUNCH-03" not in quiet and f"另有 {infos} 条提示未列出（加 --show-info 或 -v 显示）" in quiet
    assert f"提示 {infos} 个" in quiet
    for flag in ("--show-info", "-v"):
        loud = runner.invoke(app, ["validate", path, flag]).stdout
        assert "LAUNCH-03" in loud and "未列出" not in loud
