"""The evidence contradicts the steps: a step's own document while the step is missing or not applicable."""

from __future__ import annotations

from collections.abc import Iterator

from decision_check.checks.base import Context, NoOptions, Violation, check
from decision_check.findings import STEP_LABELS
from decision_check.i18n import Text
from decision_check.models.enums import DocType, StepStatus

# The document only a performed step produces.
STEP_OF_DOCUMENT: dict[DocType, str] = {
    DocType.HEARING_RECORD: "hearing",
    DocType.EXPERT_OPINION: "expert_review",
    DocType.RISK_REPORT: "risk_assessment",
    DocType.FAIR_COMPETITION_RECORD: "fair_competition_review",
    DocType.LEGALITY_SUBMISSION: "legality_review",
    DocType.LEGALITY_OPINION: "legality_review",
}


@check(
    "evidence_matches_steps",
    NoOptions,
    Text(
        "登记的或提交会议的文件若是某一步骤的结果（如合法性审查意见书），该步骤须已记录且不是“不适用”。"
        "通过：D5 合法性审查意见书，legality_review 已完成；不通过：有 D5，但没有 legality_review 或标为不适用。",
        "A registered or meeting document that is a step's result (e.g. a legality opinion) needs that step recorded "
        "and not marked not applicable. Pass: D5 legality opinion with legality_review done. Fail: D5 without it.",
    ),
)
def evidence_matches_steps(ctx: Context, _: NoOptions) -> Iterator[Violation]:
    decision = ctx.decision
    used = {doc_id for meeting in decision.meetings for doc_id in meeting.materials}
    for index, document in enumerate(decision.documents):
        step_name = STEP_OF_DOCUMENT.get(document.type)
        if step_name is None:
            continue
        step = ctx.step(step_name)
        if step is not None and step.effective_status is not StepStatus.NOT_APPLICABLE:
            continue
        label = STEP_LABELS[step_name]
        state = ("未记录", "not recorded") if step is None else ("标为不适用", "marked not applicable")
        where = ("，并作为会议材料提交", " and submitted to a meeting") if document.id in used else ("", "")
        yield Violation(
            ("documents", index),
            {
                "doc": document.id,
                "doc_type": document.type.zh,
                "doc_type_en": document.type.en,
                "step": label.zh,
                "step_en": label.en,
                "state": state[0],
                "state_en": state[1],
                "where": where[0],
                "where_en": where[1],
            },
        )


CHECKS = (evidence_matches_steps,)
