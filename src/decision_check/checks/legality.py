"""Checks of legality review and of the order of steps (713号 arts 25–28, 29)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from decision_check.checks.base import CheckDef, Context, NoOptions, Options, Violation, check
from decision_check.findings import STEP_LABELS
from decision_check.i18n import Text
from decision_check.models.enums import LegalityConclusion, StepStatus
from decision_check.models.lazy import constrained
from decision_check.models.records import STEP_NAMES, Step


def designated(reviewer: str, reviewers: list[str]) -> bool:
    """The reviewer is one of the designated ones (either name may carry the county or town prefix)."""
    return any(reviewer == name or name in reviewer or reviewer in name for name in reviewers)


@check(
    "legality_review_performed",
    NoOptions,
    Text(
        "合法性审查必须由指定的审查机构（机关文件 legality_reviewers 所列）进行，记录结论，"
        "并在决定会议之前办结；不能标为不适用，不能以征求意见代替。"
        "通过：司法所 9月1日送审、9月15日办结，结论合法，10月12日开会；"
        "不通过：没有 legality_review，或 10月12日才办结、当日开会。",
        "The legality review must be done by a designated reviewer (the organ file's legality_reviewers), "
        "reach a conclusion and be concluded before the governing meeting; never not-applicable, never replaced "
        "by a request for comments. Pass: submitted 1 Sept, concluded 15 Sept, meeting 12 Oct. "
        "Fail: no legality_review, or concluded on the meeting day.",
    ),
    requires_step=True,
)
def legality_review_performed(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (absent) and ``pending`` (info while in progress), ``not_applicable``,
    ``not_concluded`` (no conclusion or date: info while in progress), ``no_reviewer``,
    ``not_designated``, ``late`` (concluded on or after the governing meeting's date)."""
    step = ctx.decision.steps.legality_review
    path = ("steps", "legality_review")
    if step is None:
        yield Violation(path, pending=True)
        return
    if step.effective_status is StepStatus.PENDING:
        yield Violation((*path, "status"), outcome="pending", pending=True)
        return
    if step.effective_status is StepStatus.NOT_APPLICABLE:
        yield Violation((*path, "status"), {"reason": step.reason or ""}, outcome="not_applicable")
        return
    missing = [
        label
        for label, value in (
            (Text("办结日期（concluded）", "date concluded"), step.concluded),
            (Text("审查结论（conclusion）", "conclusion"), step.conclusion),
        )
        if value is None
    ]
    if missing:
        where = "concluded" if step.concluded is None else "conclusion"
        yield Violation(
            (*path, where),
            {
                "missing": "、".join(m.zh for m in missing),
                "missing_en": ", ".join(m.en for m in missing),
                "submitted": step.submitted or "",
            },
            outcome="not_concluded",
            pending=True,
        )
    reviewers = list(ctx.organ.legality_reviewers) if ctx.organ is not None else []
    if not step.reviewer:
        yield Violation((*path, "reviewer"), {"reviewers": "、".join(reviewers) or "—"}, outcome="no_reviewer")
    elif reviewers and not designated(step.reviewer, reviewers):
        yield Violation(
            (*path, "reviewer"),
            {"reviewer": step.reviewer, "reviewers": "、".join(reviewers), "organ": ctx.decision.organ},
            outcome="not_designated",
        )
    meeting = ctx.meeting
    if (
        step.concluded is not None
        and meeting is not None
        and meeting.date is not None
        and step.concluded >= meeting.date
    ):
        yield Violation(
            (*path, "concluded"),
            {"concluded": step.concluded, "meeting_date": meeting.date, "meeting": meeting.name or ""},
            outcome="late",
        )


@check(
    "legality_conclusion_respected",
    NoOptions,
    Text(
        "审查结论为不合法的决策草案不得提交会议（探索性改革事项写明法律风险 legal_risk_statement 的除外）；"
        "结论为修改后合法的，须记载修改内容（changes_made）。"
        "通过：结论 lawful_with_changes 且写明 changes_made；不通过：结论 unlawful 仍上会决定。",
        "A draft concluded unlawful must not go to the meeting (unless an exploratory reform with a "
        "legal_risk_statement); lawful_with_changes needs changes_made. Pass: lawful_with_changes with "
        "changes_made. Fail: unlawful, yet decided at a meeting.",
    ),
)
def legality_conclusion_respected(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (an unlawful draft went to a meeting), ``exploratory`` (it went with a
    legal-risk statement), ``changes_missing``."""
    step = ctx.decision.steps.legality_review
    if step is None or not step.done or step.conclusion is None:
        return
    path = ("steps", "legality_review")
    if step.conclusion is LegalityConclusion.UNLAWFUL:
        meetings = [m for m in ctx.decision.meetings if m.is_deciding]
        if not meetings:
            return
        values = {
            "meeting": meetings[-1].name or "",
            "meeting_date": meetings[-1].date or "",
            "statement": step.legal_risk_statement or "",
        }
        if step.legal_risk_statement:
            yield Violation((*path, "legal_risk_statement"), values, outcome="exploratory")
        else:
            yield Violation((*path, "conclusion"), values)
    elif step.conclusion is LegalityConclusion.LAWFUL_WITH_CHANGES and not step.changes_made:
        yield Violation((*path, "conclusion"), outcome="changes_missing")


def _steps_before_review() -> list[str]:
    return ["public_participation", "hearing", "expert_review", "risk_assessment"]


@dataclass(frozen=True, kw_only=True)
class OrderOptions(Options):
    steps: Annotated[list[str], constrained(min_length=1)] = field(default_factory=_steps_before_review)

    def __post_init__(self) -> None:
        unknown = [s for s in self.steps if s not in STEP_NAMES]
        if unknown:
            raise ValueError(f"unknown steps {unknown}; known: {', '.join(STEP_NAMES)}")


def completed_on(ctx: Context, name: str) -> tuple[date | None, str]:
    """The day a performed step was finished and the key it comes from (latest of its own dates)."""
    steps = ctx.decision.steps
    candidates: list[tuple[date | None, str]] = []
    if name == "public_participation" and steps.public_participation is not None:
        step = steps.public_participation
        candidates = [
            (step.date, "date"),
            (step.notice.date if step.notice else None, "notice"),
            (step.comment_period.end if step.comment_period else None, "comment_period"),
            (step.survey.date if step.survey else None, "survey"),
        ]
    elif name == "risk_assessment" and steps.risk_assessment is not None:
        candidates = [(steps.risk_assessment.date, "date"), (steps.risk_assessment.reassessed, "reassessed")]
    else:
        step_obj: Step | None = steps.get(name)
        if step_obj is not None:
            candidates = [(step_obj.primary_date(), "date")]
    dated = [(d, key) for d, key in candidates if d is not None]
    if not dated:
        return None, ""
    return max(dated, key=lambda pair: pair[0])


@check(
    "steps_before_meeting",
    OrderOptions,
    Text(
        "已完成的公众参与（含听证）、专家论证、风险评估须在决定会议之前完成（否则为 default），"
        "并应在送合法性审查之前完成（否则为 after_submission）。"
        "通过：征求意见 8月20日截止、9月1日送审、10月12日开会；不通过：专家论证 10月13日，晚于会议。",
        "Performed participation (hearing included), expert review and risk assessment are finished before the "
        "governing meeting (else `default`) and before the legality submission (else `after_submission`). "
        "Pass: comments close 20 Aug, submitted 1 Sept, meeting 12 Oct. Fail: expert review on 13 Oct.",
    ),
)
def steps_before_meeting(ctx: Context, options: OrderOptions) -> Iterator[Violation]:
    meeting = ctx.meeting
    meeting_date = meeting.date if meeting is not None else None
    legality = ctx.decision.steps.legality_review
    submitted = legality.submitted if legality is not None and legality.done else None
    for name in options.steps:
        if not ctx.step_done(name):
            continue
        finished, key = completed_on(ctx, name)
        if finished is None:
            continue
        path = ("steps", name, key)
        label = STEP_LABELS[name]
        values = {
            "step": label.zh,
            "step_en": label.en,
            "finished": finished,
            "meeting_date": meeting_date or "",
            "submitted": submitted or "",
        }
        if meeting_date is not None and finished >= meeting_date:
            yield Violation(path, values, item=name)
        elif submitted is not None and finished > submitted:
            yield Violation(path, values, outcome="after_submission", item=name)


CHECKS: tuple[CheckDef, ...] = (legality_review_performed, legality_conclusion_respected, steps_before_meeting)
