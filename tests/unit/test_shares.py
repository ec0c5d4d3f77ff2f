"""Shares as people write them (0.5, "1/2", 半数, 过半数 …) in organ files and rule parameters, and
MEET-03 judged with them; an unreadable share is a SCHEMA finding, never a silent 0.5."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from decision_check import validate
from decision_check.cli.app import app
from decision_check.cli.commands import __all__ as _registered  # noqa: F401  (registers the commands)
from decision_check.engine import EngineOptions
from decision_check.findings import Result
from decision_check.models.records import Organ, Quorum
from decision_check.models.types import SHARE_DESCRIPTION, parse_share_spelling
from decision_check.models.validator_cache import json_schema
from decision_check.models.validator_cache import validate as validate_model
from decision_check.rulesets import Param, RuleBook, load_rulebook

BASE = Path(__file__).resolve().parents[1] / "rule_cases" / "_base" / "longhe"


@pytest.mark.parametrize(
    ("spelling", "share", "strict"),
    [
        (0.5, Fraction(1, 2), None),
        ("0.5", Fraction(1, 2), None),
        ("1/2", Fraction(1, 2), None),
        ("2/3", Fraction(2, 3), None),
        ("2／3", Fraction(2, 3), None),
        ("50%", Fraction(1, 2), None),
        ("66.5％", Fraction(133, 200), None),
        ("半数", Fraction(1, 2), None),
        ("二分之一", Fraction(1, 2), None),
        ("三分之二", Fraction(2, 3), None),
        ("十分之七", Fraction(7, 10), None),
        ("过半数", Fraction(1, 2), True),
        ("超过三分之二", Fraction(2, 3), True),
        ("半数以上", Fraction(1, 2), False),
        ("三分之二以上", Fraction(2, 3), False),
        ("不少于三分之二", Fraction(2, 3), False),
        (1, Fraction(1), None),
    ],
)
def test_each_spelling(spelling: object, share: Fraction, strict: bool | None) -> None:
    assert parse_share_spelling(spelling) == (share, strict)


@pytest.mark.parametrize("spelling", ["多数", "三分之", "1/0", "3/2", "0", "150%", True, None, "half-ish"])
def test_bad_spellings_are_rejected(spelling: object) -> None:
    with pytest.raises(ValueError, match="比例"):
        parse_share_spelling(spelling)


@pytest.mark.parametrize(
    ("fraction", "inclusive"), [("过半数", False), ("半数", True), ("1/2", True), ("半数以上", True), (0.5, True)]
)
def test_quorum_reads_strictness_from_the_spelling(fraction: object, inclusive: bool) -> None:
    quorum = validate_model(Quorum, {"fraction": fraction})
    assert quorum.fraction == Fraction(1, 2) and quorum.inclusive is inclusive


def test_bare_share_leaves_strictness_to_inclusive() -> None:
    assert validate_model(Quorum, {"fraction": "1/2", "inclusive": False}).inclusive is False


def test_spelling_that_contradicts_inclusive_is_rejected() -> None:
    with pytest.raises(ValueError, match="矛盾"):
        validate_model(Quorum, {"fraction": "过半数", "inclusive": True})


def test_schema_describes_the_spellings() -> None:
    schema = json_schema(Organ)
    fraction = schema["$defs"]["Quorum"]["properties"]["fraction"]
    assert fraction["description"] == SHARE_DESCRIPTION
    assert "过半数" in fraction["description"] and "strictly more than" in fraction["description"]


# ------------------------------------------------------------------------------ MEET-03 judged


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rulebook()


def run(tmp_path: Path, book: RuleBook, quorum: dict[str, Any], present: int) -> Result:
    """The bundled town record with ``present`` of its 4 decide-meeting members present."""
    folder = tmp_path / "decisions"
    folder.mkdir()
    organ = yaml.safe_load((BASE / "organ.yaml").read_text(encoding="utf-8"))
    organ["quorum"] = quorum
    (folder / "organ.yaml").write_text(yaml.safe_dump(organ, allow_unicode=True, sort_keys=False), "utf-8")
    record = yaml.safe_load((BASE / "decision.yaml").read_text(encoding="utf-8"))
    for position, member in enumerate(record["meetings"][0]["members"]):
        member["present"] = position < present
        if position < present:
            member.pop("absence_reason", None)
        else:
            member["absence_reason"] = "出差"
            member.pop("opinion", None)
    (folder / "r.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    return validate.run([folder], book, EngineOptions(as_of=date(2021, 6, 30)), base=tmp_path, root=tmp_path, jobs=1)


def meet03(result: Result) -> list[str]:
    return [f.message.zh for f in result.findings if f.rule == "MEET-03"]


def test_quorum_failure_judged_with_a_two_thirds_organ(tmp_path: Path, book: RuleBook) -> None:
    (message,) = meet03(run(tmp_path, book, {"fraction": "三分之二", "basis": "工作规则第五条"}, present=2))
    assert "三分之二" in message and "2" in message


def test_two_thirds_organ_met(tmp_path: Path, book: RuleBook) -> None:
    assert meet03(run(tmp_path, book, {"fraction": "2/3"}, present=3)) == []


def test_more_than_half_needs_more_than_half(tmp_path: Path, book: RuleBook) -> None:
    (message,) = meet03(run(tmp_path, book, {"fraction": "过半数"}, present=2))
    assert "超过半数" in message


def test_half_is_met_by_exactly_half(tmp_path: Path, book: RuleBook) -> None:
    assert meet03(run(tmp_path, book, {"fraction": "半数"}, present=2)) == []


def test_unreadable_share_is_a_schema_finding_and_not_judged_as_half(tmp_path: Path, book: RuleBook) -> None:
    result = run(tmp_path, book, {"fraction": "大多数"}, present=1)
    (schema,) = [f for f in result.findings if f.rule == "SCHEMA"]
    assert schema.file == "decisions/organ.yaml" and schema.path == "quorum.fraction"
    organ_text = (tmp_path / "decisions" / "organ.yaml").read_text(encoding="utf-8").splitlines()
    assert schema.span is not None and "大多数" in organ_text[schema.span.line - 1]
    assert meet03(result) == []  # 1 of 4 present, but no share was read: not judged with a default 0.5


def test_unreadable_organ_in_context_folder_is_reported(tmp_path: Path, book: RuleBook) -> None:
    run(tmp_path, book, {"fraction": "大多数"}, present=1)
    folder = tmp_path / "decisions"
    options = EngineOptions(as_of=date(2021, 6, 30))
    result = validate.run([folder / "r.yaml"], book, options, base=tmp_path, root=tmp_path, jobs=1, context=[folder])
    assert [f.file for f in result.findings if f.rule == "SCHEMA"] == ["decisions/organ.yaml"]
    assert meet03(result) == []


def test_stricter_share_parameter_wins() -> None:
    assert Param("q", "2/3", "min").stricter(Param("q", 0.5, "min")).value == "2/3"
    assert Param("q", "半数", "min").stricter(Param("q", "过半数", "min")).value == "过半数"
    assert Param("q", "半数", "min").loosens(Param("q", "2/3", "min"))


def test_rules_show_meet03_says_at_least_or_more_than() -> None:
    out = CliRunner().invoke(app, ["rules", "show", "MEET-03"]).output
    assert "半数以上（含本数，达到即可）：应到 8 人须至少 4 人" in out
    assert "“过半数”“超过……”为严格多于（不含本数）" in out
