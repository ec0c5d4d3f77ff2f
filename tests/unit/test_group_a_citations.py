"""Citations that depend on the regime or the date: 189号 for EXP-01/RISK-01, 337号 patches, FCR-01's
fair-competition rules before and after 2024-08-01. The rule cases cannot see citations; these tests do."""

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


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _base(name: str) -> dict[str, Any]:
    data = yaml.safe_load((BASES / name / "decision.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _findings(tmp_path: Path, record: dict[str, Any], book: RuleBook, rule: str) -> list[Finding]:
    folder = tmp_path / "decisions"
    folder.mkdir()
    (folder / "d.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = validate.run([folder], book, EngineOptions(as_of=date(2025, 6, 30)), base=tmp_path, root=tmp_path, jobs=1)
    return [f for f in result.findings if f.rule == rule]


def _instruments(finding: Finding) -> set[str]:
    return {c.instrument for c in finding.citations}


def test_exp01_under_189_cites_189_even_when_not_technical(tmp_path: Path, book: RuleBook) -> None:
    record = _base("county-2020-06")
    record["flags"]["technical"] = False
    del record["steps"]["expert_review"]
    [finding] = _findings(tmp_path, record, book, "EXP-01")
    assert finding.severity.value == "error"
    cited = [(c.instrument, c.article) for c in finding.citations]
    assert cited == [("重庆市政府重大决策程序规定", "第二十条第（三）项")]


def test_exp01_under_713_and_189_cites_both(tmp_path: Path, book: RuleBook) -> None:
    record = _base("county-2020-06")
    del record["steps"]["expert_review"]
    [finding] = _findings(tmp_path, record, book, "EXP-01")
    assert _instruments(finding) == {"重大行政决策程序暂行条例", "重庆市政府重大决策程序规定"}


def test_risk01_under_337_adds_an_unconfirmed_337_citation(tmp_path: Path, book: RuleBook) -> None:
    record = _base("county-2020-10")
    del record["steps"]["risk_assessment"]
    [finding] = _findings(tmp_path, record, book, "RISK-01")
    cq = [c for c in finding.citations if c.instrument == "重庆市重大行政决策程序规定"]
    assert len(cq) == 1 and cq[0].article is None and cq[0].confidence == "unconfirmed"
    assert cq[0].note is not None and "约第二十三条" in cq[0].note
    assert ("重大行政决策程序暂行条例", "第二十二条") in {(c.instrument, c.article) for c in finding.citations}


def _non_compliant(record: dict[str, Any], day: str) -> dict[str, Any]:
    record["flags"]["market_entities"] = True
    record["steps"]["fair_competition_review"] = {
        "date": "2020-08-26",
        "reviewer": "龙河镇经济发展办公室",
        "conclusion": "non_compliant",
        "documents": ["D11"],
    }
    record["documents"].append({"id": "D11", "type": "fair_competition_record", "title": "公平竞争审查表"})
    record["meetings"][0]["materials"].append("D11")
    record["meetings"][0]["date"] = day
    return record


@pytest.mark.parametrize(
    ("day", "cited", "not_cited"),
    [
        ("2020-10-12", "国务院关于在市场体系建设中建立公平竞争审查制度的意见", "公平竞争审查条例"),
        ("2024-07-31", "国务院关于在市场体系建设中建立公平竞争审查制度的意见", "公平竞争审查条例"),
        ("2024-08-01", "公平竞争审查条例", "国务院关于在市场体系建设中建立公平竞争审查制度的意见"),
    ],
)
def test_fcr01_non_compliant_cites_the_review_rules_in_force(
    tmp_path: Path, book: RuleBook, day: str, cited: str, not_cited: str
) -> None:
    [finding] = _findings(tmp_path, _non_compliant(_base("longhe"), day), book, "FCR-01")
    assert finding.severity.value == "error" and finding.path == "steps.fair_competition_review.conclusion"
    assert cited in _instruments(finding) and not_cited not in _instruments(finding)
    articles = {(c.instrument, c.article) for c in finding.citations}
    assert ("重大行政决策程序暂行条例", "第二十九条第（一）项") in articles
