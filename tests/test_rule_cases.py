"""Every rule's YAML cases (tests/rule_cases/<ID>.yaml), run through the real engine on real files."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from decision_check import validate
from decision_check.engine import EngineOptions
from decision_check.findings import Finding
from decision_check.rulesets import RuleBook, load_rulebook

CASES = Path(__file__).parent / "rule_cases"
BASES = CASES / "_base"
DEFAULT_AS_OF = date(2021, 6, 30)


def _merge(base: Any, patch: Any) -> Any:
    if isinstance(patch, dict) and isinstance(base, list) and all(isinstance(k, int) for k in patch):
        out = list(base)
        for index, value in patch.items():
            out[index] = _merge(out[index], value)
        return out
    if isinstance(patch, dict) and isinstance(base, dict):
        merged = dict(base)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = _merge(base.get(key), value)
        return merged
    return copy.deepcopy(patch)


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, case in enumerate(spec["cases"]):
            params.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}-{index}-{case['name']}"))
    return params


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook()


def run_case(rule: str, case: dict[str, Any], tmp_path: Path, book: RuleBook) -> list[Finding]:
    """Write the case's files and validate them; return every finding."""
    base_dir = BASES / case.get("base", "longhe")
    folder = tmp_path / "decisions"
    folder.mkdir()
    for name, patch_key in (
        ("decision.yaml", "patch"),
        ("organ.yaml", "organ_patch"),
        ("catalog.yaml", "catalog_patch"),
    ):
        source = base_dir / name
        if not source.exists() and patch_key not in case:
            continue
        if patch_key in case and case[patch_key] is None:
            continue
        data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.exists() else {}
        data = _merge(data, case.get(patch_key) or {})
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for relative, text in (case.get("files") or {}).items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relative, link_target in (case.get("symlinks") or {}).items():  # {link path: target as written}
        link = tmp_path / relative
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(link_target)
    as_of = case.get("as_of", DEFAULT_AS_OF)
    options = EngineOptions(as_of=as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of)))
    result = validate.run([folder], book, options, base=tmp_path, root=tmp_path, jobs=1)
    return result.findings


@pytest.mark.parametrize(("rule", "case"), _load_cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path, book: RuleBook) -> None:
    findings = run_case(rule, case, tmp_path, book)
    expected = case.get("expect") or []
    wanted_rules = {rule} | {item.get("rule", rule) for item in expected}
    broken = [f for f in findings if f.rule in ("LOAD", "SCHEMA") and "SCHEMA" not in wanted_rules]
    assert not broken, f"the case's record is malformed: {[(f.path, f.message.en) for f in broken]}"
    relevant = [f for f in findings if f.rule in wanted_rules]
    unmatched = list(relevant)
    for item in expected:
        match = next(
            (
                f
                for f in unmatched
                if f.rule == item.get("rule", rule)
                and f.severity.value == item["severity"]
                and ("path" not in item or f.path == item["path"])
                and ("waived" not in item or f.waived == item["waived"])
            ),
            None,
        )
        assert match is not None, f"expected {item}, got {[(f.rule, f.severity.value, f.path) for f in relevant]}"
        unmatched.remove(match)
    assert not unmatched, f"unexpected: {[(f.rule, f.severity.value, f.path, f.message.zh) for f in unmatched]}"
    absent = [f for f in findings if f.rule in set(case.get("absent") or ())]  # rules that must not fire at all
    assert not absent, f"should not apply: {[(f.rule, f.severity.value, f.path) for f in absent]}"
