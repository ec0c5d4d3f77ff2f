"""Checks of a meeting's materials and records, party consideration and adjustment: MEET-10,
PARTY-01, ADJ-01 and 龙河镇's own practice of party discussion and minutes (LH-03 / LH-04).

713号 arts 8, 29, 37; 189号 art 18.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated

from decision_check.checks.base import CheckDef, Context, NoOptions, Options, Violation, check
from decision_check.checks.meetings import (
    is_meeting,
    meeting_label,
)
from decision_check.findings import STEP_LABELS
from decision_check.i18n import Text
from decision_check.models.enums import (
    DocType,
    MeetingBody,
    MeetingPurpose,
)
from decision_check.models.lazy import constrained
from decision_check.models.records import STEP_NAMES

# ------------------------------------------------------------------------------------ MEET-10

_RESULTS: dict[str, tuple[tuple[DocType, ...], Text]] = {
    "public_participation": ((DocType.OPINION_SUMMARY,), Text("公众意见采纳情况", "adoption of public opinions")),
    "expert_review": ((DocType.EXPERT_OPINION,), Text("专家论证意见及采纳情况", "expert opinions and their adoption")),
    "risk_assessment": ((DocType.RISK_REPORT,), Text("风险评估报告", "risk assessment report")),
    "fair_competition_review": (
        (DocType.FAIR_COMPETITION_RECORD,),
        Text("公平竞争审查记录", "fair-competition review record"),
    ),
    "legality_review": ((DocType.LEGALITY_OPINION,), Text("合法性审查意见书", "legality review opinion")),
}


def _result_steps() -> list[str]:
    return list(_RESULTS)


@dataclass(frozen=True, kw_only=True)
class MaterialsOptions(Options):
    steps: Annotated[list[str], constrained(min_length=1)] = field(default_factory=_result_steps)

    def __post_init__(self) -> None:
        unknown = [s for s in self.steps if s not in _RESULTS]
        if unknown:
            raise ValueError(f"no meeting material is defined for {unknown}; known: {', '.join(_RESULTS)}")


def _step_refs(ctx: Context, name: str) -> set[str]:
    steps = ctx.decision.steps
    refs: set[str | None] = set()
    if name == "public_participation" and steps.public_participation is not None:
        refs.add(steps.public_participation.adoption_summary)
    elif name == "expert_review" and steps.expert_review is not None:
        refs.add(steps.expert_review.adoption_summary)
    elif name == "risk_assessment" and steps.risk_assessment is not None:
        refs.add(steps.risk_assessment.existing)
    return {r for r in refs if r}


@check(
    "meeting_materials",
    MaterialsOptions,
    Text(
        "决定会议的材料（materials）须包含合法性审查意见书，以及每个已完成步骤的结果：意见采纳情况、专家论证意见、"
        "风险评估报告、公平竞争审查记录（按 documents 中的类型或步骤引用的文件编号认定）。"
        "通过：materials [D2, D3, D4, D5] 分别为意见汇总、专家意见、风险报告、审查意见书；不通过：缺 D5。",
        "The governing meeting's materials hold the legality opinion and, for each performed step, its result "
        "(by document type or the step's own reference). Pass: summary, expert opinion, risk report and legality "
        "opinion all listed. Fail: the legality opinion missing.",
    ),
)
def meeting_materials(ctx: Context, options: MaterialsOptions) -> Iterator[Violation]:
    meeting = ctx.meeting
    if meeting is None:
        return
    materials = set(meeting.materials)
    name = meeting_label(meeting, ctx.governing_index or 0)
    for step_name in options.steps:
        if step_name not in STEP_NAMES or not ctx.step_done(step_name):
            continue
        types, label = _RESULTS[step_name]
        accepted = {d.id for d in ctx.decision.documents if d.type in types} | _step_refs(ctx, step_name)
        if accepted & materials:
            continue
        step_label = STEP_LABELS[step_name]
        yield Violation(
            (*ctx.meeting_path, "materials"),
            {
                "meeting": name,
                "step": step_label.zh,
                "step_en": step_label.en,
                "material": label.zh,
                "material_en": label.en,
                "candidates": "、".join(sorted(accepted)) or "无",
                "candidates_en": ", ".join(sorted(accepted)) or "none",
            },
            item=step_name,
        )


# ------------------------------------------------------------------------------------ PARTY-01


@check(
    "party_consideration",
    NoOptions,
    Text(
        "决策出台前须向同级党委请示报告：有 purpose 为 party_consideration 的记录（党委会议审议、书面请示或报告），"
        "日期不晚于发文日期；由党委会或党政联席会议决定的，视为已经党委讨论。"
        "通过：10月15日党委会审议、10月16日发文；不通过：没有党委审议记录。",
        "Before issuance the matter is put to the same-level party committee: a party_consideration (committee "
        "meeting, written request or report) dated no later than issued.date, or a decision by a party or joint "
        "body. Pass: committee on 15 Oct, issued 16 Oct. Fail: no party consideration.",
    ),
    requires_step=True,
    row="party",
)
def party_consideration(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (none: info while in progress), ``late`` (after issuance)."""
    meetings = ctx.decision.meetings
    if any(m.is_deciding and m.body is not None and m.body.is_party for m in meetings):
        return
    considerations = [(i, m) for i, m in enumerate(meetings) if m.purpose is MeetingPurpose.PARTY_CONSIDERATION]
    if not considerations:
        yield Violation(("meetings",), pending=True)
        return
    issued = ctx.decision.issued.date if ctx.decision.issued is not None else None
    dated = [(i, m) for i, m in considerations if m.date is not None]
    if issued is None or not dated:
        return
    if all(m.date is not None and m.date > issued for _, m in dated):
        index, meeting = dated[0]
        yield Violation(
            ("meetings", index, "date"),
            {"meeting": meeting_label(meeting, index), "date": meeting.date or "", "issued": issued},
            outcome="late",
        )


# ------------------------------------------------------------------------------------ ADJ-01


@check(
    "adjustment_meeting",
    NoOptions,
    Text(
        "状态为已调整（adjusted）或已终止（terminated）的决策，须记录 purpose 为 adjustment 且有结论的会议。"
        "通过：2021-03-01 调整决策会议同意；不通过：状态 adjusted 但没有调整会议。",
        "A decision with status adjusted or terminated records an adjustment meeting with an outcome. "
        "Pass: an adjustment meeting approved the change. Fail: status adjusted, no adjustment meeting.",
    ),
)
def adjustment_meeting(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no adjustment meeting), ``no_outcome``."""
    adjustments = [(i, m) for i, m in enumerate(ctx.decision.meetings) if m.purpose is MeetingPurpose.ADJUSTMENT]
    values = {"status": ctx.status.zh, "status_en": ctx.status.en}
    if not adjustments:
        yield Violation(("status",), values)
    elif all(m.outcome is None for _, m in adjustments):
        index, meeting = adjustments[-1]
        yield Violation(
            ("meetings", index, "outcome"), {**values, "meeting": meeting_label(meeting, index)}, outcome="no_outcome"
        )


# ------------------------------------------------------------------------------------ LH-03 / LH-04


def _party_bodies() -> list[MeetingBody]:
    return [MeetingBody.PARTY_COMMITTEE, MeetingBody.JOINT_PARTY_GOVERNMENT_MEETING]


@dataclass(frozen=True, kw_only=True)
class PartyBodiesOptions(Options):
    bodies: Annotated[list[MeetingBody], constrained(min_length=1)] = field(default_factory=_party_bodies)


@check(
    "party_committee_discussed",
    PartyBodiesOptions,
    Text(
        "决策经党委会集体讨论：有 body 为所列机构（默认党委会、党政联席会议）的会议；书面请示、报告不算会议讨论。"
        "通过：2020年第15次党委会审议；不通过：只有书面报告，或没有党委记录。",
        "The party committee discussed the decision: a meeting of one of `bodies` (party committee, joint "
        "meeting); a written request or report is not a meeting. Pass: the 15th party committee meeting. "
        "Fail: only a written report.",
    ),
)
def party_committee_discussed(ctx: Context, options: PartyBodiesOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (info while in progress)."""
    if any(m.body in options.bodies and is_meeting(m) for m in ctx.decision.meetings):
        return
    yield Violation(("meetings",), {"bodies": "、".join(b.zh for b in options.bodies)}, pending=True)


@check(
    "minutes_kept",
    NoOptions,
    Text(
        "每次会议（书面请示、报告除外）有纪要编号（minutes_no）和记录人（recorder）；会议引用的会议纪要文件"
        "（documents 中 type 为 meeting_minutes）存在，已归档的须列入 archive.archived_documents。"
        "通过：龙河府纪〔2020〕20号、记录人陈某、纪要 D6 已归档；不通过：未填记录人，或纪要 D6 未列入归档目录。",
        "Every meeting (written requests and reports aside) has minutes_no and recorder; its meeting_minutes "
        "document exists and, once archived, is among archive.archived_documents. Pass: numbered, recorder named, "
        "D6 archived. Fail: no recorder, or D6 not archived.",
    ),
)
def minutes_kept(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (number or recorder missing), ``no_minutes`` (info while in progress),
    ``not_archived``."""
    archive = ctx.decision.steps.archive
    archived = set(archive.archived_documents) if archive is not None and archive.done else None
    for index, meeting in enumerate(ctx.decision.meetings):
        if not is_meeting(meeting):
            continue
        name = meeting_label(meeting, index)
        missing = [
            (key, label)
            for key, label, value in (
                ("minutes_no", Text("纪要编号（minutes_no）", "minutes number"), meeting.minutes_no),
                ("recorder", Text("记录人（recorder）", "recorder"), meeting.recorder),
            )
            if not value
        ]
        if missing:
            yield Violation(
                ("meetings", index, missing[0][0]),
                {
                    "meeting": name,
                    "missing": "、".join(label.zh for _, label in missing),
                    "missing_en": ", ".join(label.en for _, label in missing),
                },
                item=f"{name}:fields",
            )
        minutes = [
            doc_id
            for doc_id in meeting.documents
            if (doc := ctx.decision.document(doc_id)) is not None and doc.type is DocType.MEETING_MINUTES
        ]
        if not minutes:
            yield Violation(
                ("meetings", index, "documents"),
                {"meeting": name},
                outcome="no_minutes",
                item=f"{name}:minutes",
                pending=True,
            )
        elif archived is not None:
            left_out = [d for d in minutes if d not in archived]
            if left_out:
                yield Violation(
                    ("steps", "archive", "archived_documents"),
                    {"meeting": name, "documents": "、".join(left_out)},
                    outcome="not_archived",
                    item=f"{name}:archive",
                )


CHECKS: tuple[CheckDef, ...] = (
    meeting_materials,
    party_consideration,
    adjustment_meeting,
    party_committee_discussed,
    minutes_kept,
)
