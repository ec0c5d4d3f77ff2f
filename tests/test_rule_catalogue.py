"""Every rule is complete: id from the catalogue, Chinese title, citation, in-force period, cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from decision_check.rulesets import RuleBook, load_rulebook

CASES = Path(__file__).parent / "rule_cases"

# The minimum catalogue of shared/spec/rules.md (ids are stable and user-facing).
CATALOGUE = [
    "SCOPE-01",
    "SCOPE-02",
    "FLAG-01",
    "CAT-01",
    "CAT-02",
    "CAT-03",
    "LAUNCH-01",
    "LAUNCH-02",
    "LAUNCH-03",
    "DRAFT-01",
    "PP-01",
    "PP-02",
    "PP-03",
    "PP-04",
    "PP-05",
    "PP-06",
    "PP-07",
    "PP-08",
    "PP-09",
    "PP-10",
    "EXP-01",
    "EXP-02",
    "EXP-03",
    "EXP-04",
    "RISK-01",
    "RISK-02",
    "RISK-03",
    "RISK-04",
    "FCR-01",
    "LEGAL-01",
    "LEGAL-02",
    "LEGAL-03",
    "LEGAL-04",
    "ORDER-01",
    "MEET-01",
    "MEET-02",
    "MEET-03",
    "MEET-04",
    "MEET-05",
    "MEET-06",
    "MEET-07",
    "MEET-08",
    "MEET-09",
    "MEET-10",
    "PARTY-01",
    "NPC-01",
    "PUB-01",
    "PUB-02",
    "PUB-03",
    "ARC-01",
    "ARC-02",
    "ARC-03",
    "DOC-01",
    "DOC-02",
    "DOC-03",
    "IMPL-01",
    "EVAL-01",
    "ADJ-01",
    "LH-01",
    "LH-02",
    "LH-03",
    "LH-04",
    # issue 15: articles 13, 15(1), 16(3)–17, 20, 26(1), 27, 34–35, 36
    "CONS-01",
    "CONS-02",
    "PP-11",
    "PP-12",
    "EXP-05",
    "LEGAL-05",
    "LEGAL-06",
    "IMPL-02",
    "EVAL-02",
]
DIAGNOSTICS = ["REG-00", "WAIVER", "DUP-ID"]
NOT_WAIVABLE = {"LEGAL-01", "LEGAL-02", "MEET-01"}


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def _cases(rule_id: str) -> list[dict[str, object]]:
    path = CASES / f"{rule_id}.yaml"
    assert path.exists(), f"{rule_id} has no case file {path.name}"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["rule"] == rule_id
    cases = spec["cases"]
    assert isinstance(cases, list)
    return cases


@pytest.mark.parametrize("rule_id", CATALOGUE)
def test_catalogue_rule_is_encoded_completely(rule_id: str, book: RuleBook) -> None:
    definitions = book.all_rules().get(rule_id)
    assert definitions, f"{rule_id} is not encoded in any bundled rule set"
    for rule in definitions:
        assert rule.title.zh and rule.title.en, rule_id
        assert rule.citations and all(c.instrument for c in rule.citations), rule_id
        assert rule.message.zh and rule.message.en, rule_id
        assert rule.hint.zh and rule.hint.en, rule_id
        assert rule.description.zh and rule.description.en, rule_id
        rule_set = book.sets[rule.rule_set]
        assert rule_set.in_force_from is not None
        if rule_id in NOT_WAIVABLE:
            assert not rule.waivable
    cases = _cases(rule_id)
    assert any(not c.get("expect") for c in cases), f"{rule_id} has no passing case"
    assert any(c.get("expect") for c in cases), f"{rule_id} has no failing case"


@pytest.mark.parametrize("rule_id", DIAGNOSTICS)
def test_engine_diagnostics_have_cases(rule_id: str) -> None:
    cases = _cases(rule_id)
    assert any(c.get("expect") for c in cases)


def test_every_bundled_rule_has_a_case_file(book: RuleBook) -> None:
    missing = [rule_id for rule_id in book.all_rules() if not (CASES / f"{rule_id}.yaml").exists()]
    assert missing == []


def test_practice_rules_are_never_errors(book: RuleBook) -> None:
    for definitions in book.all_rules().values():
        for rule in definitions:
            if rule.basis_kind in ("practice", "proxy"):
                assert rule.severity.value != "error", rule.id


def test_every_rule_set_states_its_period_and_levels(book: RuleBook) -> None:
    periods = {s.id: (str(s.in_force_from), str(s.in_force_to)) for s in book.sets.values()}
    assert periods == {
        "national": ("2019-09-01", "None"),
        "chongqing-2006": ("2006-01-01", "2020-08-31"),
        "chongqing": ("2020-09-01", "None"),
        "longhe": ("2020-01-01", "None"),
    }
    assert book.sets["national"].mode(next(iter(book.sets["national"].applies_to))) is not None
