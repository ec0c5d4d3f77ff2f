"""Citations and messages of the legality and meeting rules that the rule cases cannot see: 189号 vs the
organ's own rules for MEET-03, the 337号 patches, party-practice citations, and MEET-09's cross-file text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from decision_check import validate
from decision_check.engine import EngineOptions
from decision_check.findings import Finding
from decision_check.rulesets import RuleBook, load_rulebook

BASES = Path(__file__).resolve().parents[1] / "rule_cases" / "_base"
CQ337 = "重庆市重大行政决策程序规定"
CQ189 = "重庆市政府重大决策程序规定"
N713 = "重大行政决策程序暂行条例"
GROUP_B_PATCHED = {
    "LEGAL-01": "约第二十六条",
    "LEGAL-02": "约第二十六条",
    "LEGAL-03": "约第二十七条",
    "LEGAL-04": "约第二十九条",
    "ORDER-01": "约第二十七条",
    "MEET-01": "约第三十一条",
    "MEET-03": "约第三十一条",
    "MEET-04": "约第三十一条",
    "MEET-05": "约第三十一条",
    "MEET-07": "约第三十一条",
    "MEET-10": "约第三十条",
    "PARTY-01": "约第三十二条",
    "NPC-01": "约第九条",
    "ADJ-01": "约第三十八条",
}


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _base(name: str, kind: str = "decision") -> dict[str, Any]:
    data = yaml.safe_load((BASES / name / f"{kind}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _run(tmp_path: Path, book: RuleBook, records: dict[str, dict[str, Any]]) -> list[Finding]:
    folder = tmp_path / "decisions"
    folder.mkdir()
    for name, record in records.items():
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (folder / name).write_text(text, encoding="utf-8")
    options = EngineOptions(as_of=date(2021, 6, 30))
    return validate.run([folder], book, options, base=tmp_path, root=tmp_path, jobs=1).findings


def _one(findings: list[Finding], rule: str) -> Finding:
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, [(f.rule, f.path) for f in matching]
    return matching[0]


def _cited(finding: Finding) -> set[tuple[str, str | None]]:
    return {(c.instrument, c.article) for c in finding.citations}


def _three_of_eight(record: dict[str, Any]) -> dict[str, Any]:
    record["meetings"][0]["members"][1]["present"] = False
    record["meetings"][0]["members"][1]["absence_reason"] = "在市里开会"
    return record


def test_meet03_under_189_cites_its_article(tmp_path: Path, book: RuleBook) -> None:
    record = _three_of_eight(_base("county-2020-06"))
    finding = _one(_run(tmp_path, book, {"d.yaml": record, "organ.yaml": _base("county-2020-06", "organ")}), "MEET-03")
    assert finding.severity.value == "error"
    assert (CQ189, "第二十一条第（一）项") in _cited(finding)
    assert "应到 8 人、出席 3 人" in finding.message.zh and "至少 4 人" in finding.message.zh
    assert "重庆市政府重大决策程序规定》第二十一条第（一）项规定的" in finding.message.zh
    assert N713 not in {c.instrument for c in finding.citations}


def test_meet03_after_189_cites_the_organs_rules_not_189(tmp_path: Path, book: RuleBook) -> None:
    record = _three_of_eight(_base("county-2020-06"))
    record["meetings"][0]["date"] = "2020-10-12"
    finding = _one(_run(tmp_path, book, {"d.yaml": record, "organ.yaml": _base("county-2020-06", "organ")}), "MEET-03")
    assert finding.severity.value == "error"
    instruments = {c.instrument for c in finding.citations}
    assert CQ189 not in instruments
    own = [c for c in finding.citations if c.instrument == "丰都县人民政府工作规则"]
    assert len(own) == 1 and own[0].article is None and own[0].note and "丰都府发〔2018〕10号" in own[0].note
    cq = [c for c in finding.citations if c.instrument == CQ337]
    assert len(cq) == 1 and cq[0].article is None and cq[0].confidence == "unconfirmed"


def test_meet03_without_any_rule_is_a_warning_without_organ_citation(tmp_path: Path, book: RuleBook) -> None:
    record = _base("longhe")
    for member in record["meetings"][0]["members"][1:]:
        member["present"] = False
    organ = _base("longhe", "organ")
    del organ["quorum"]
    finding = _one(_run(tmp_path, book, {"d.yaml": record, "organ.yaml": organ}), "MEET-03")
    assert finding.severity.value == "warning"
    # 713号 sets no quorum: the finding cites the (unrecorded) rules of procedure, not art 30(1)
    assert N713 not in {c.instrument for c in finding.citations}
    assert [(c.instrument, c.article, c.confidence) for c in finding.citations] == [
        ("本机关议事规则", None, "unconfirmed")
    ]
    assert "机关文件未记录议事规则的到会人数" in finding.message.zh


def test_meet03_party_meeting_names_the_party_rules(tmp_path: Path, book: RuleBook) -> None:
    record = _base("longhe")
    for member in record["meetings"][1]["members"][1:4]:
        member["present"] = False
        member["absence_reason"] = "外出"
    finding = _one(_run(tmp_path, book, {"d.yaml": record, "organ.yaml": _base("longhe", "organ")}), "MEET-03")
    assert finding.severity.value == "warning"
    assert [c.instrument for c in finding.citations] == ["党委会议事规则"]
    assert "党委会议事规则" in finding.message.zh


def test_meet03_organ_finding_names_its_rules_and_not_713(tmp_path: Path, book: RuleBook) -> None:
    record = _base("longhe")
    for member in record["meetings"][0]["members"][1:]:
        member["present"] = False
        member["absence_reason"] = "外出"
    organ = _base("longhe", "organ")
    finding = _one(_run(tmp_path, book, {"d.yaml": record, "organ.yaml": organ}), "MEET-03")
    assert finding.severity.value == "error"
    assert N713 not in {c.instrument for c in finding.citations}
    (own,) = finding.citations
    assert own.instrument in finding.message.zh


def test_meet03_rule_lists_its_possible_sources_without_713(book: RuleBook) -> None:
    national = book.sets["national"].rules["MEET-03"]
    assert N713 not in {c.instrument for c in national.citations}
    assert {c.instrument for c in national.citations} == {"本机关议事规则", "党委会议事规则"}
    assert national.cites_on_findings == ()
    old = book.sets["chongqing-2006"].rules["MEET-03"]
    assert (CQ189, "第二十一条第（一）项") in {(c.instrument, c.article) for c in old.cites_on_findings}


@pytest.mark.parametrize(("rule", "note"), sorted(GROUP_B_PATCHED.items()))
def test_337_patches_never_present_a_guessed_article(rule: str, note: str, book: RuleBook) -> None:
    citations = [c for c in book.sets["chongqing"].rules[rule].citations if c.instrument == CQ337]
    assert len(citations) == 1
    citation = citations[0]
    assert citation.article is None and citation.confidence == "unconfirmed"
    assert citation.note is not None and citation.note.startswith(note)
    assert rule not in book.sets["national"].rules or all(
        c.instrument != CQ337 for c in book.sets["national"].rules[rule].citations
    )


def test_meet01_under_337_carries_the_unconfirmed_citation(tmp_path: Path, book: RuleBook) -> None:
    record = _base("county-2020-10")
    record["meetings"][0]["body"] = "mayor_office_meeting"
    finding = _one(_run(tmp_path, book, {"d.yaml": record, "organ.yaml": _base("county-2020-10", "organ")}), "MEET-01")
    assert finding.severity.value == "error"
    assert (N713, "第三十条第一款") in _cited(finding) and (CQ337, None) in _cited(finding)
    assert "政府常务会议、政府全体会议" in finding.message.zh


def test_legal03_under_337_carries_the_unconfirmed_citation(tmp_path: Path, book: RuleBook) -> None:
    record = _base("county-2020-10")
    record["steps"]["legality_review"]["submitted"] = "2020-10-22"
    record["steps"]["legality_review"]["concluded"] = "2020-10-23"
    finding = _one(_run(tmp_path, book, {"d.yaml": record}), "LEGAL-03")
    notes = [c.note for c in finding.citations if c.instrument == CQ337]
    assert notes and notes[0] is not None and notes[0].startswith("约第二十七条")


def test_township_findings_never_cite_337(tmp_path: Path, book: RuleBook) -> None:
    record = _base("longhe")
    record["meetings"][0]["speaking_order"] = ["赵某", "钱某", "孙某"]
    finding = _one(_run(tmp_path, book, {"d.yaml": record}), "MEET-04")
    assert {c.instrument for c in finding.citations} == {N713}


def test_party_secretary_order_cites_party_rules_by_analogy(tmp_path: Path, book: RuleBook) -> None:
    record = _base("longhe")
    record["meetings"][1]["speaking_order"] = ["刘某", "赵某", "周某", "郑某"]
    finding = _one(_run(tmp_path, book, {"d.yaml": record}), "MEET-04")
    assert finding.severity.value == "info"
    party = [c for c in finding.citations if c.instrument == "中国共产党党组工作条例"]
    assert len(party) == 1 and party[0].confidence == "med" and party[0].note and "类推" in party[0].note


def test_meet09_names_the_other_file_and_the_difference(tmp_path: Path, book: RuleBook) -> None:
    first = _base("longhe")
    second = _base("longhe")
    second["id"] = "LH-2020-010"
    second["meetings"][0]["members"][3]["present"] = True
    second["meetings"][0]["members"][3]["opinion"] = "agree"
    findings = [f for f in _run(tmp_path, book, {"a.yaml": first, "b.yaml": second}) if f.rule == "MEET-09"]
    assert sorted(f.decision for f in findings) == ["LH-2020-003", "LH-2020-010"]
    mine = next(f for f in findings if f.decision == "LH-2020-003")
    assert "LH-2020-010" in mine.message.zh and "李某某" in mine.message.zh
    assert mine.item == "2020年第20次镇政府班子会"
    assert "{" not in mine.message.zh and "{" not in mine.message.en
