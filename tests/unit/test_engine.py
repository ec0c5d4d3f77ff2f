"""Engine semantics: governing date, regime by date and level, stricter wins, merging across sets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from decision_check import validate
from decision_check.engine import EngineOptions
from decision_check.errors import RuleSetError
from decision_check.findings import Result
from decision_check.rulesets import RuleBook, load_rulebook

ROOT = Path(__file__).resolve().parents[2]
BASES = ROOT / "tests" / "rule_cases" / "_base"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def run_record(tmp_path: Path, record: dict[str, object], book: RuleBook, as_of: date = date(2021, 6, 30)) -> Result:
    folder = tmp_path / "decisions"
    folder.mkdir(exist_ok=True)
    (folder / "r.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return validate.run([folder], book, EngineOptions(as_of=as_of), base=tmp_path, root=tmp_path, jobs=1)


def base(name: str) -> dict[str, object]:
    data = yaml.safe_load((BASES / name / "decision.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def with_meeting_date(record: dict[str, object], day: str) -> dict[str, object]:
    meetings = record["meetings"]
    assert isinstance(meetings, list)
    meetings[0]["date"] = day
    return record


def test_governing_date_from_the_governing_meeting(tmp_path: Path, book: RuleBook) -> None:
    outcome = run_record(tmp_path, base("longhe"), book).decisions[0]
    assert outcome.governing_date == date(2020, 10, 12) and outcome.governing_date_source == "meetings[0]"
    assert [u.id for u in outcome.rule_sets] == ["national", "longhe"]
    assert "参照，第四十二条" in outcome.rule_sets[0].reason.zh


def test_governing_date_falls_back_to_issued_then_as_of(tmp_path: Path, book: RuleBook) -> None:
    record = base("longhe")
    record["meetings"] = []
    outcome = run_record(tmp_path, record, book).decisions[0]
    assert outcome.governing_date_source == "issued.date" and outcome.governing_date == date(2020, 10, 16)
    record.pop("issued")
    steps = record["steps"]
    assert isinstance(steps, dict)
    steps.pop("publication")
    outcome = run_record(tmp_path, record, book, as_of=date(2020, 11, 1)).decisions[0]
    assert outcome.governing_date_source == "as_of" and outcome.status == "in_progress"


def test_township_before_713_has_no_binding_regime(tmp_path: Path, book: RuleBook) -> None:
    result = run_record(tmp_path, with_meeting_date(base("longhe"), "2019-08-30"), book)
    outcome = result.decisions[0]
    assert outcome.rule_sets == ()  # the town's practice set starts 2020-01-01
    reg = [f for f in result.findings if f.rule == "REG-00"]
    assert len(reg) == 1 and reg[0].severity.value == "info" and "第四十二条" in reg[0].citation
    assert all(f.rule in ("REG-00",) or not f.rule.startswith(("PP-", "LEGAL-")) for f in result.findings)


def test_713_applies_from_its_first_day(tmp_path: Path, book: RuleBook) -> None:
    result = run_record(tmp_path, with_meeting_date(base("longhe"), "2019-09-01"), book)
    assert [u.id for u in result.decisions[0].rule_sets] == ["national"]
    assert not [f for f in result.findings if f.rule == "REG-00"]


def test_same_county_record_at_two_dates_gets_two_regimes(tmp_path: Path, book: RuleBook) -> None:
    june = run_record(tmp_path, base("county-2020-06"), book).decisions[0]
    assert [u.id for u in june.rule_sets] == ["national", "chongqing-2006"]
    october = run_record(tmp_path, with_meeting_date(base("county-2020-06"), "2020-10-12"), book).decisions[0]
    assert [u.id for u in october.rule_sets] == ["national", "chongqing"]
    assert "2020-08-31" in june.rule_sets[1].reason.zh and "直接适用" in june.rule_sets[1].reason.zh


def test_last_day_of_189(tmp_path: Path, book: RuleBook) -> None:
    last = run_record(tmp_path, with_meeting_date(base("county-2020-06"), "2020-08-31"), book).decisions[0]
    first = run_record(tmp_path, with_meeting_date(base("county-2020-06"), "2020-09-01"), book).decisions[0]
    assert "chongqing-2006" in [u.id for u in last.rule_sets]
    assert [u.id for u in first.rule_sets] == ["national", "chongqing"]


def test_record_jurisdiction_overridden_by_command_line(tmp_path: Path, book: RuleBook) -> None:
    folder = tmp_path / "decisions"
    folder.mkdir()
    (folder / "r.yaml").write_text(yaml.safe_dump(base("longhe"), allow_unicode=True), encoding="utf-8")
    result = validate.run(
        [folder], book, EngineOptions(as_of=date(2021, 6, 30), jurisdiction="national"), base=tmp_path, jobs=1
    )
    assert [u.id for u in result.decisions[0].rule_sets] == ["national"]


def test_stricter_parameter_wins_and_rule_runs_once(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "strict.yaml").write_text(
        "id: strict-county\ntitle: 某县实施办法\nlevel: county\nin_force: {from: 2020-01-01}\n"
        "applies_to: {township: direct}\nextends: [national]\nparams:\n  comment_days: {value: 45, min: true}\n",
        encoding="utf-8",
    )
    (rules / "jurisdictions.yaml").write_text("jurisdictions:\n  strict: [national, strict-county]\n", encoding="utf-8")
    book = load_rulebook([rules])
    record = base("longhe")
    record["jurisdiction"] = "strict"
    result = run_record(tmp_path, record, book)
    pp03 = [f for f in result.findings if f.rule == "PP-03"]
    # 36 days (16 July – 20 August) passes 713's 30 but not the county's 45: one finding, not two.
    assert len(pp03) == 1 and "45" in pp03[0].message.zh


def test_citations_merge_across_sets_in_force(tmp_path: Path, book: RuleBook) -> None:
    record = base("county-2020-10")
    steps = record["steps"]
    assert isinstance(steps, dict)
    steps["legality_review"]["submitted"] = "2020-10-20"
    result = run_record(tmp_path, record, book)
    legal03 = [f for f in result.findings if f.rule == "LEGAL-03"]
    instruments = {c.instrument for f in legal03 for c in f.citations}
    assert "重大行政决策程序暂行条例" in instruments


def test_fingerprint_stable_when_lines_move(tmp_path: Path, book: RuleBook) -> None:
    record = base("longhe")
    steps = record["steps"]
    assert isinstance(steps, dict)
    steps["public_participation"]["comment_period"] = {"start": "2020-07-16", "end": "2020-07-30"}
    first = [f for f in run_record(tmp_path, record, book).findings if f.rule == "PP-03"]
    record["notes_moved"] = None
    record.pop("notes_moved")
    text = "# 新增一行注释\n# 又一行\n" + yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    folder = tmp_path / "decisions"
    (folder / "r.yaml").write_text(text, encoding="utf-8")
    second = [
        f
        for f in validate.run([folder], book, EngineOptions(as_of=date(2021, 6, 30)), base=tmp_path, jobs=1).findings
        if f.rule == "PP-03"
    ]
    assert first[0].line + 2 == second[0].line
    assert first[0].fingerprint == second[0].fingerprint


def test_parallel_and_serial_runs_agree(tmp_path: Path, book: RuleBook) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    record = base("longhe")
    for index in range(12):
        record["id"] = f"LH-2020-{index:03d}"
        (folder / f"{index}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    options = EngineOptions(as_of=date(2021, 6, 30))
    serial = validate.run([folder], book, options, base=tmp_path, jobs=1)
    validate_threshold = validate.PARALLEL_THRESHOLD
    validate.PARALLEL_THRESHOLD = 1
    try:
        parallel = validate.run([folder], book, options, base=tmp_path, jobs=2)
    finally:
        validate.PARALLEL_THRESHOLD = validate_threshold
    key = lambda r: sorted((f.file, f.rule, f.line, f.fingerprint) for f in r.findings)  # noqa: E731
    assert key(serial) == key(parallel)
    assert [d.id for d in serial.decisions] == [d.id for d in parallel.decisions]


def test_uncheckable_article_needs_its_reason(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (
        "id: some-county\ntitle: 某县实施办法\nlevel: county\nin_force: {from: 2020-01-01}\n"
        "applies_to: {township: direct}\nextends: [national]\n"
        "articles:\n  - {number: 第一条, title: 目的, checkable: false}\n"
    )
    (rules / "county.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as raised:
        load_rulebook([rules], cache=False)
    assert "第一条" in str(raised.value)
    (rules / "county.yaml").write_text(
        text.replace("checkable: false}", "checkable: false, reason: 立法目的}"), "utf-8"
    )
    assert load_rulebook([rules], cache=False).sets["some-county"].articles[0].reason == "立法目的"
