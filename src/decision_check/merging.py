"""Rules of one id across the rule sets in force, merged into one: the stricter severity, every citation,
and how a check's violation becomes a worded finding.

"Stricter wins" (rules.md): a rule runs once per decision, with the highest severity and the
citations of every set whose condition holds; a graded outcome takes the highest severity any
active definition gives it. Used by :mod:`decision_check.engine`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from decision_check.checks.base import Violation
from decision_check.findings import Citation, Finding, Severity
from decision_check.i18n import EMPTY
from decision_check.loader import LoadedFile, format_path
from decision_check.rulesets import Rule, RuleSet


@dataclass(frozen=True)
class Merged:
    rule: Rule  # the last active definition (options, messages)
    severity: Severity
    waivable: bool
    citations: tuple[Citation, ...]
    definitions: tuple[Rule, ...]


def group_rules(sets: Iterable[RuleSet], subject: str = "decision") -> dict[str, tuple[Rule, ...]]:
    grouped: dict[str, list[Rule]] = {}
    for rule_set in sets:
        for rule in rule_set.rules.values():
            if rule.check.subject == subject:
                grouped.setdefault(rule.id, []).append(rule)
    return {k: tuple(v) for k, v in grouped.items()}


def holds(rule: Rule, ctx: Any) -> bool:
    return all(predicate(ctx) for predicate in rule.predicates)


def scope_rule(rule: Rule) -> bool:
    """Rules that still run on an excluded decision (the exclusion itself is checked)."""
    return rule.step in ("scope", "evidence")


def rule_finding(
    loaded: LoadedFile,
    merged: Merged,
    violation: Violation,
    decision: str | None,
    organ: str,
    *,
    pending_is_info: bool,
    worded: bool = True,
) -> Finding:
    """A violation as a finding: the graded outcome's severity (highest across the sets in force),
    message and hint filled with the violation's values (unless ``worded`` is false: cross-file
    candidates are worded only if they become findings), every applicable citation."""
    severity = merged.severity
    if violation.outcome != "default":
        severity = max((d.outcome(violation.outcome).severity for d in merged.definitions), key=lambda s: s.rank)
    if violation.pending and pending_is_info:
        severity = Severity.INFO
    outcome = merged.rule.outcome(violation.outcome)
    values = {k: show(v) for k, v in violation.values.items()}
    return Finding(
        rule=merged.rule.id,
        severity=severity,
        file=loaded.file,
        span=loaded.source.locate(violation.path),
        path=format_path(violation.path),
        message=outcome.message.format(**values) if worded else EMPTY,
        hint=outcome.hint.format(**values) if worded else EMPTY,
        decision=decision,
        organ=organ,
        citations=union(merged.citations, outcome.citations, violation.citations),
        item=violation.item,
    )


def merge(active: Sequence[Rule]) -> Merged:
    severity = max((d.severity for d in active), key=lambda s: s.rank)
    citations = union(*(d.cites_on_findings for d in active))
    return Merged(
        rule=active[-1],
        severity=severity,
        waivable=all(d.waivable for d in active),
        citations=citations,
        definitions=tuple(active),
    )


def union(*groups: Iterable[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str | None], Citation] = {}
    for group in groups:
        for citation in group:
            seen.setdefault((citation.instrument, citation.article), citation)
    return tuple(seen.values())


def show(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value
