"""Whole-record examples: the valid set is clean, each invalid file gets exactly its diagnostic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from decision_check import validate
from decision_check.engine import EngineOptions
from decision_check.findings import Severity
from decision_check.rulesets import load_rulebook

EXAMPLES = Path(__file__).parent / "examples"
EXPECTED = yaml.safe_load((EXAMPLES / "invalid" / "expected.yaml").read_text(encoding="utf-8"))


def test_spec_example_is_compliant_under_longhe() -> None:
    """decision-format.md: the example has no error and no warning under the bundled longhe jurisdiction."""
    result = validate.run(
        [EXAMPLES / "valid"], load_rulebook(), EngineOptions(as_of=date(2021, 6, 30)), base=EXAMPLES, jobs=1
    )
    problems = [
        (f.rule, f.severity.value, f.path, f.message.zh)
        for f in result.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]
    assert problems == []
    assert [d.id for d in result.decisions] == ["LH-2020-003"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_example(name: str) -> None:
    result = validate.run(
        [EXAMPLES / "invalid" / name], load_rulebook(), EngineOptions(as_of=date(2021, 6, 30)), base=EXAMPLES, jobs=1
    )
    expected = EXPECTED[name]
    diagnostics = [(f.rule, f.line, f.path) for f in result.findings if f.rule in ("LOAD", "SCHEMA")]
    assert diagnostics == [(expected["rule"], expected["line"], expected["path"])]
    assert result.exit_code(Severity.ERROR) == 1


def test_every_invalid_file_is_listed() -> None:
    files = {p.name for p in (EXAMPLES / "invalid").glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)
