"""Counts over the index (``stats --by year|organ|rule|step``): current decisions and findings only.

Definitions are :mod:`decision_check.summary`'s, the module the annual report and the site count with:
a decision's ``year`` is ``summary.year_of`` (stored at index time), a step is required as
``summary.is_required`` says, and ``--by step`` counts over decisions taken (decided, adjusted,
terminated; not excluded), as the report's 表1 does, before the states of every row.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select as sa_select
from sqlmodel import col, select

from decision_check.store.engine import Store
from decision_check.store.tables import DecisionRow, FindingRow, StepRow
from decision_check.summary import TAKEN, is_required

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
        steps = list(
            session.execute(
                sa_select(  # five columns: past sqlmodel's typed overloads of select
                    col(StepRow.organ),
                    col(StepRow.decision_id),
                    col(StepRow.step),
                    col(StepRow.required),
                    col(StepRow.state),
                )
            )
        )
        taken = {
            (organ, did)
            for organ, did, status, excluded in session.execute(
                select(DecisionRow.organ, DecisionRow.id, DecisionRow.status, DecisionRow.excluded).where(
                    col(DecisionRow.gone).is_(False)
                )
            )
            if status in TAKEN and not excluded
        }
    if by == "step":
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for organ, did, step, need, state in steps:
            if (organ, did) not in decisions:
                continue
            table[step][state] += 1
            if (organ, did) in taken and is_required(need, state):
                table[step]["required"] += 1
                table[step]["performed"] += state == "done"
        columns = ("required", "performed", *STEP_STATES)
        return ["step", *columns], [[step, *(table[step][c] for c in columns)] for step in sorted(table)]
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
