"""A decision's step table: one row per procedure step — required (yes / no / conditional), its state
(done, missing, pending, not applicable, not required) and date. Reports, documents, the store and
:mod:`decision_check.summary` all read these rows; the engine builds them (:func:`step_rows`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from decision_check.findings import STEP_LABELS, StepRow
from decision_check.models.enums import MeetingPurpose, StepStatus
from decision_check.models.records import Decision

STEP_ROWS: tuple[str, ...] = (
    "public_participation",
    "hearing",
    "expert_review",
    "risk_assessment",
    "fair_competition_review",
    "legality_review",
    "npc_report",
    "meetings",
    "party",
    "publication",
    "archive",
    "implementation",
)


STEP_STATE: dict[StepStatus, Literal["done", "pending", "not_applicable"]] = {
    StepStatus.DONE: "done",
    StepStatus.PENDING: "pending",
    StepStatus.NOT_APPLICABLE: "not_applicable",
}


def step_rows(decision: Decision, required: Mapping[str, Literal["yes", "no", "conditional"]]) -> tuple[StepRow, ...]:
    rows: list[StepRow] = []
    for name in STEP_ROWS:
        need = required.get(name, "no")
        label = STEP_LABELS[name]
        if name == "meetings":
            meeting = decision.governing_meeting()
            state: Literal["done", "missing", "pending", "not_applicable", "not_required"] = (
                "done" if meeting else ("missing" if need == "yes" else "not_required")
            )
            rows.append(StepRow(name, label, need, state, meeting.date if meeting else None))
            continue
        if name == "party":
            party = next((m for m in decision.meetings if m.purpose is MeetingPurpose.PARTY_CONSIDERATION), None)
            state = "done" if party else ("missing" if need == "yes" else "not_required")
            rows.append(StepRow(name, label, need, state, party.date if party else None))
            continue
        step = decision.steps.get(name)
        if step is None:
            if need == "no" and name in ("hearing", "npc_report", "fair_competition_review"):
                continue
            state = "missing" if need == "yes" else "not_required"
            rows.append(StepRow(name, label, need, state))
            continue
        status = step.effective_status
        state = STEP_STATE[status]
        day = step.primary_date()
        rows.append(StepRow(name, label, need, state, day))
    return tuple(rows)
