"""Procedure steps (required, performed, missing) and problems (findings by rule) over a set of decisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from decision_check.findings import Finding, Severity, StepRow
from decision_check.summary.figures import Figure, Item, figure

# ------------------------------------------------------------------------------------------ steps


def is_required(required: str, state: str) -> bool:
    """A step-table row (``required``: yes/no/conditional; ``state``) says the step was due."""
    if required == "yes":
        return state != "not_applicable"
    return required == "conditional" and state in ("done", "missing", "pending")


def required(row: StepRow) -> bool:
    """The step table says the step was due for this decision."""
    return is_required(row.required, row.state)


@dataclass(frozen=True)
class StepCount:
    """One procedure step over the year's decisions: required, performed, missing, performed unasked."""

    step: str
    required: Figure
    done: Figure
    missing: Figure
    not_applicable: Figure
    extra: Figure  # performed where the rules did not require it


def step_count(step: str, items: Sequence[Item]) -> StepCount:
    rows = [(item.id, row) for item in items for row in item.outcome.steps if row.step == step]
    due = [(i, r) for i, r in rows if required(r)]
    return StepCount(
        step,
        figure(f"steps.{step}.required", (i for i, _ in due)),
        figure(f"steps.{step}.done", (i for i, r in due if r.state == "done")),
        figure(f"steps.{step}.missing", (i for i, r in due if r.state in ("missing", "pending"))),
        figure(f"steps.{step}.not_applicable", (i for i, r in rows if r.state == "not_applicable")),
        figure(f"steps.{step}.extra", (i for i, r in rows if r.state == "done" and not required(r))),
    )


# --------------------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One rule's findings over the year's decisions: how many decisions, which, how serious, waived."""

    rule: str
    severity: Severity
    decisions: Figure
    waived: Figure
    findings: tuple[Finding, ...]


def problems(items: Sequence[Item]) -> list[Problem]:
    """Errors and warnings (waived ones included) grouped by rule, most serious and most frequent first."""
    by_rule: dict[str, list[tuple[str, Finding]]] = {}
    for item in items:
        for finding in item.findings:
            if finding.severity is Severity.INFO and not finding.waived:
                continue
            by_rule.setdefault(finding.rule, []).append((item.id, finding))
    out = []
    for rule, pairs in by_rule.items():
        worst = max((f.severity for _, f in pairs), key=lambda s: s.rank)
        out.append(
            Problem(
                rule,
                worst,
                figure(f"problems.{rule}.decisions", (i for i, _ in pairs), rule),
                figure(f"problems.{rule}.waived", (i for i, f in pairs if f.waived), rule),
                tuple(sorted((f for _, f in pairs), key=Finding.sort_key)),
            )
        )
    return sorted(out, key=lambda p: (-p.severity.rank, -p.decisions.value, p.rule))
