"""Issue 13, item 5: schema-driven fuzzing — no input makes loader + engine raise, and reports stay valid.

Profile ``decision-check-ci`` (the default here): a few hundred derandomized examples, no example
database, so the normal run is quick and repeatable. ``HYPOTHESIS_PROFILE=decision-check-deep`` runs
more; ``benchmarks/fuzz.py`` runs 100,000. Failures found there are saved under
``tests/examples/fuzz_regressions/`` and replayed by :func:`test_saved_fuzz_regressions`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fuzz_harness import REGRESSIONS, check_text, mutated_records, schema_records
from hypothesis import HealthCheck, given, settings

_COMMON = {"deadline": None, "database": None, "suppress_health_check": list(HealthCheck)}
settings.register_profile("decision-check-ci", max_examples=150, derandomize=True, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("decision-check-deep", max_examples=5000, **_COMMON)  # type: ignore[arg-type]
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "decision-check-ci"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(PROFILE)
@given(text=mutated_records())
def test_mutated_bundled_records_never_crash(folder: Path, text: str | bytes) -> None:
    check_text(text, folder)


@settings(PROFILE, max_examples=max(PROFILE.max_examples // 4, 1))
@given(text=schema_records())
def test_records_from_the_json_schema_never_crash(folder: Path, text: str | bytes) -> None:
    check_text(text, folder)


@pytest.mark.parametrize(
    "case", sorted(REGRESSIONS.glob("*.yaml")) or [pytest.param(None, marks=pytest.mark.skip("no saved case"))]
)
def test_saved_fuzz_regressions(case: Path, tmp_path: Path) -> None:
    check_text(case.read_bytes(), tmp_path)


def test_the_check_catches_a_finding_without_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The property is not vacuous: a finding without a line (as raw NUL gave before issue 13) fails it.
    import dataclasses

    from decision_check import validate as validation

    real = validation._judge_file

    def lineless(*args: object) -> object:
        item = real(*args)  # type: ignore[arg-type]
        item.findings = [dataclasses.replace(f, span=None) for f in item.findings]
        return item

    monkeypatch.setattr(validation, "_judge_file", lineless)
    with pytest.raises(AssertionError, match="without a line"):
        check_text("id: [\n", tmp_path)
