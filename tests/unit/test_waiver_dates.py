"""Waiver expiry is judged at the governing date of a decision taken, at --as-of for one in progress."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from decision_check import validate
from decision_check.engine import EngineOptions
from decision_check.findings import Result
from decision_check.reporters import ReportMeta, renderer
from decision_check.rulesets import RuleBook, load_rulebook

BASES = Path(__file__).resolve().parents[1] / "rule_cases" / "_base"
WAIVER = {"rule": "DRAFT-01", "reason": "法律依据清单并入起草说明", "basis": "镇长办公会纪要"}


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def run(tmp_path: Path, book: RuleBook, as_of: date, expires: str, **patch: object) -> Result:
    record = yaml.safe_load((BASES / "longhe" / "decision.yaml").read_text(encoding="utf-8"))
    record["documents"][9]["type"] = "other"  # no legal-basis list: DRAFT-01 fires
    record["waivers"] = [{**WAIVER, "expires": date.fromisoformat(expires)}]
    record.update(patch)
    folder = tmp_path / "decisions"
    folder.mkdir(exist_ok=True)
    (folder / "r.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return validate.run([folder], book, EngineOptions(as_of=as_of), base=tmp_path, root=tmp_path, jobs=1)


def waived(result: Result) -> bool:
    (draft,) = [f for f in result.findings if f.rule == "DRAFT-01"]
    return draft.waived


@pytest.mark.parametrize(("expires", "applies"), [("2021-06-30", True), ("2020-10-12", True), ("2020-10-11", False)])
def test_decided_record_audited_years_later(tmp_path: Path, book: RuleBook, expires: str, applies: bool) -> None:
    result = run(tmp_path, book, date(2026, 12, 3), expires)
    assert waived(result) is applies
    outcome = result.decisions[0]
    assert (outcome.waiver_date, outcome.waiver_date_basis) == (date(2020, 10, 12), "governing_date")


@pytest.mark.parametrize(("as_of", "applies"), [("2021-01-30", True), ("2021-01-31", True), ("2021-02-01", False)])
def test_in_progress_record_is_judged_at_as_of(tmp_path: Path, book: RuleBook, as_of: str, applies: bool) -> None:
    result = run(tmp_path, book, date.fromisoformat(as_of), "2021-01-31", status="in_progress")
    assert waived(result) is applies
    outcome = result.decisions[0]
    assert (outcome.waiver_date, outcome.waiver_date_basis) == (date.fromisoformat(as_of), "as_of")
    expired = [f for f in result.findings if f.rule == "WAIVER" and f.severity.value == "info"]
    if not applies:
        assert "核查日期 2021-02-01" in expired[0].message.zh and "as-of date 2021-02-01" in expired[0].message.en


def test_reports_say_which_date(tmp_path: Path, book: RuleBook) -> None:
    result = run(tmp_path, book, date(2026, 12, 3), "2021-06-30")
    data = json.loads(renderer("json")(result, ReportMeta(lang="en")))
    (decision,) = data["decisions"]
    assert decision["waiver_expiry_judged_at"] == "2020-10-12"
    assert decision["waiver_expiry_basis"] == "governing_date"
    markdown = renderer("markdown")(result, ReportMeta(lang="en"))
    assert "waiver expiry judged at: 2020-10-12 (the governing date)" in markdown
    rich = renderer("rich")(result, ReportMeta(lang="zh", width=100))
    assert "豁免到期判断日：2020-10-12（决策日期）" in rich


def test_record_without_waivers_names_no_date(tmp_path: Path, book: RuleBook) -> None:
    result = run(tmp_path, book, date(2026, 12, 3), "2021-06-30", waivers=[])
    assert result.decisions[0].waiver_date is None
    data = json.loads(renderer("json")(result, ReportMeta(lang="en")))
    assert data["decisions"][0]["waiver_expiry_judged_at"] is None
