"""``decision-check plan``: the steps still due with earliest lawful dates, on the official calendar.

Expected dates are counted by hand on the 2020 State Council calendar: National Day and Mid-Autumn
2020-10-01..08 off; Sunday 2020-09-27 and Saturday 2020-10-10 are make-up working days (调休).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _plan(path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["plan", str(path), "--format", "json", *args], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else {}, result.stderr


def _steps(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    steps = plan["steps"]
    assert isinstance(steps, list)
    return {s["step"]: s for s in steps}


@pytest.fixture()
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "decisions" / "LH-2020-019.yaml"
    target.parent.mkdir()
    target.write_text((DATA / "in-progress.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_plan_across_national_day_counts_make_up_saturday(record: Path) -> None:
    code, plan, _ = _plan(record, "--as-of", "2020-09-20")
    assert code == 0
    steps = _steps(plan)
    order = list(steps)
    assert order == ["public_participation", "legality_review", "meetings", "party", "publication", "archive"]
    # notice 2020-09-01 + 30 days, the publication day not counted
    assert steps["public_participation"]["earliest"] == "2020-10-01"
    # submitted Fri 09-25: 09-27(Sun, 调休) 09-28 09-29 09-30 | 10-01..08 off | 10-09 10-10(Sat, 调休) 10-12 = 7th
    assert steps["legality_review"]["earliest"] == "2020-10-12"
    # the discussion comes after the legality conclusion, with 7 working days strictly between
    assert steps["meetings"]["earliest"] == "2020-10-13"
    # 20 working days after 10-13 (no holiday, no 调休 in between): 11-10
    assert steps["publication"]["latest"] == "2020-11-10"
    assert "调休" in steps["legality_review"]["why"]["zh"]
    missing = {m["rule"] for m in plan["missing"]}
    assert "DRAFT-01" in missing


def test_plan_by_id_in_the_project_folder_and_text(record: Path) -> None:
    result = runner.invoke(app, ["plan", "LH-2020-019", "--as-of", "2020-09-20"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "合法性审查（未完成） 最早 2020-10-12" in result.stdout
    assert "仍缺的记录和证据" in result.stdout


def test_plan_submission_not_yet_made_counts_from_the_comment_period(record: Path) -> None:
    text = record.read_text(encoding="utf-8").replace("    submitted: 2020-09-25\n", "")
    record.write_text(text, encoding="utf-8")
    code, plan, _ = _plan(record, "--as-of", "2020-09-20")
    steps = _steps(plan)
    # comment period ends 10-01; submitted on the first working day after it, 10-09 (10-02..08 off);
    # then 10-10(Sat, 调休) 10-12 10-13 10-14 10-15 10-16 10-19 = 7th working day
    assert steps["legality_review"]["earliest"] == "2020-10-19"
    assert steps["meetings"]["earliest"] == "2020-10-20"
    assert code == 0


def test_plan_shortened_comment_period_with_reason(record: Path) -> None:
    text = record.read_text(encoding="utf-8").replace(
        "    status: pending\n",
        "    comment_period: {start: 2020-09-02, end: 2020-09-15}\n"
        "    shortened_reason: 防汛工程须在汛期前开工\n    status: pending\n",
    )
    record.write_text(text, encoding="utf-8")
    code, plan, _ = _plan(record, "--as-of", "2020-09-03")
    assert code == 0
    step = _steps(plan)["public_participation"]
    assert step["earliest"] == "2020-09-15"
    assert "防汛工程须在汛期前开工" in step["why"]["zh"]


def test_plan_rule_parameter_comes_from_the_rule_book(record: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "stricter.yaml").write_text((DATA / "stricter-rules.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (rules / "jurisdictions.yaml").write_text("jurisdictions:\n  strict: [national, stricter]\n", encoding="utf-8")
    code, plan, err = _plan(record, "--as-of", "2020-09-20", "--rules", str(rules), "--jurisdiction", "strict")
    assert code == 0, err
    steps = _steps(plan)
    assert steps["public_participation"]["earliest"] == "2020-10-06"  # 35 days after 09-01
    assert "35日" in steps["public_participation"]["why"]["zh"]


def test_plan_on_a_decided_record_points_to_validate() -> None:
    result = runner.invoke(app, ["plan", str(ROOT / "decisions" / "2020" / "LH-2020-003.yaml")])
    assert result.exit_code == 2
    assert "已决定" in result.stderr and "decision-check validate" in result.stderr


def test_plan_unknown_id_is_exit_2(record: Path) -> None:
    result = runner.invoke(app, ["plan", "LH-2020-404"])
    assert result.exit_code == 2 and "LH-2020-404" in result.stderr
