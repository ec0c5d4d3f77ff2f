"""Counts over the index (``stats --by year|organ|rule|step``): current decisions and findings only.

To be aligned with ``decision_check.summary`` (the one counting module) once both have landed.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlmodel import col, select

from decision_check.store.engine import Store
from decision_check.store.tables import DecisionRow, FindingRow, StepRow

DIMENSIONS = ("year", "organ", "rule", "step")
STEP_STATES = ("done", "missing", "pending", "not_applicable", "not_required")


def stats(store: Store, by: str) -> tuple[list[str], list[list[str | int]]]:
    """(header, rows) for one dimension."""
    with store.session() as session:
        decisions = {
            (organ, did): year
            for organ, did, year in session.execute(
                select(DecisionRow.organ, DecisionRow.id, DecisionRow.year).where(col(DecisionRow.gone).is_(False))
            )
        }
        findings = list(
            session.execute(
                select(FindingRow.rule, FindingRow.severity, FindingRow.organ, FindingRow.decision_id).where(
                    col(FindingRow.gone).is_(False), col(FindingRow.waived).is_(False)
                )
            )
        )
        steps = list(session.execute(select(StepRow.organ, StepRow.decision_id, StepRow.step, StepRow.state)))
    if by == "step":
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for organ, did, step, state in steps:
            if (organ, did) in decisions:
                table[step][state] += 1
        return ["step", *STEP_STATES], [[step, *(table[step][s] for s in STEP_STATES)] for step in sorted(table)]
    if by == "rule":
        rules: dict[str, Counter[str]] = defaultdict(Counter)
        affected: dict[str, set[tuple[str | None, str | None]]] = defaultdict(set)
        for rule, severity, organ, did in findings:
            rules[rule][severity] += 1
            affected[rule].add((organ, did))
        header = ["rule", "errors", "warnings", "infos", "decisions"]
        rows: list[list[str | int]] = [
            [r, c["error"], c["warning"], c["info"], len(affected[r])] for r, c in sorted(rules.items())
        ]
        return header, rows
    key_of = (lambda k: str(decisions[k]) if decisions[k] is not None else "—") if by == "year" else (lambda k: k[0])
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for k in decisions:
        counts[key_of(k)]["decisions"] += 1
    for _, severity, organ, did in findings:
        k = (organ or "", did or "")
        if k in decisions:
            counts[key_of(k)][severity] += 1
    header = [by, "decisions", "errors", "warnings", "infos"]
    return header, [[k, c["decisions"], c["error"], c["warning"], c["info"]] for k, c in sorted(counts.items())]
