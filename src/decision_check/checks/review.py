"""Checks of expert review, risk assessment and fair-competition review (713号 arts 19–24, 29(一))."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from decision_check.checks.base import Context, NoOptions, Options, PathKey, Violation, check
from decision_check.i18n import Text
from decision_check.models.enums import DocType, ExpertKind, FairCompetitionConclusion, StepStatus

_EXPERTS: PathKey = ("steps", "expert_review", "experts")
_RISK: PathKey = ("steps", "risk_assessment")
_FCR: PathKey = ("steps", "fair_competition_review")


def _result_documents(ctx: Context, references: Sequence[str], doc_type: DocType) -> list[str]:
    """The step's result documents: those it references that are of ``doc_type`` (all it references when
    none is typed), else every registered document of ``doc_type``."""
    referenced = list(dict.fromkeys(r for r in references if r))
    typed = [r for r in referenced if (d := ctx.decision.document(r)) is not None and d.type is doc_type]
    if typed:
        return typed
    if referenced:
        return referenced
    return [d.id for d in ctx.decision.documents if d.type is doc_type]


def _not_in_materials(ctx: Context, documents: Sequence[str]) -> Violation | None:
    """A violation at the governing meeting's ``materials`` when none of ``documents`` is among them."""
    meeting = ctx.meeting
    if meeting is None or any(d in meeting.materials for d in documents):
        return None
    return Violation(
        (*ctx.meeting_path, "materials"),
        {
            "documents": "、".join(documents) or "未登记",
            "documents_en": ", ".join(documents) or "none registered",
            "meeting": meeting.name or str(meeting.date or ""),
        },
        outcome="not_in_materials",
    )


# ---------------------------------------------------------------------------------------- experts


@check(
    "expert_signatures",
    NoOptions,
    Text(
        "专家论证的书面意见由每位专家署名（signed: 是），专业机构的意见另须盖章（sealed: 是）。"
        "通过：张某 signed 是；某研究院（institution）signed 是、sealed 是。"
        "不通过：李某 signed 否；某研究院未盖章；或未列出任何专家。",
        "Each expert signed the written opinion; an institution's opinion is also sealed. Pass: every expert "
        "signed, institutions sealed. Fail: an unsigned opinion, an unsealed institution, or no expert listed.",
    ),
)
def expert_signatures(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (not signed), ``unsealed`` (an institution without seal), ``no_experts``."""
    step = ctx.decision.steps.expert_review
    if step is None or not step.done:
        return
    if not step.experts:
        yield Violation(_EXPERTS, {}, outcome="no_experts")
        return
    for index, expert in enumerate(step.experts):
        values = {"name": expert.name}
        if expert.signed is not True:
            yield Violation((*_EXPERTS, index, "signed"), values, item=expert.name)
        if expert.kind is ExpertKind.INSTITUTION and expert.sealed is not True:
            yield Violation((*_EXPERTS, index, "sealed"), values, outcome="unsealed", item=f"{expert.name}:sealed")


@check(
    "expert_interests",
    NoOptions,
    Text(
        "参加论证的专家、专业机构与决策事项没有直接利害关系（conflict_of_interest: 否）。"
        "通过：每位专家 conflict_of_interest 否；不通过：施某任职于拟竞拍采砂权的公司（是）；未声明的另行提示。",
        "No expert or institution has a direct interest in the matter. Pass: every conflict_of_interest false. "
        "Fail: an expert employed by a bidder (true); an undeclared interest is reported separately.",
    ),
)
def expert_interests(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (a direct interest), ``undeclared`` (``conflict_of_interest`` not stated)."""
    step = ctx.decision.steps.expert_review
    if step is None or not step.done:
        return
    for index, expert in enumerate(step.experts):
        values = {
            "name": expert.name,
            "affiliation": expert.affiliation or "未填",
            "affiliation_en": expert.affiliation or "not given",
        }
        path = (*_EXPERTS, index, "conflict_of_interest")
        if expert.conflict_of_interest is True:
            yield Violation(path, values, item=expert.name)
        elif expert.conflict_of_interest is None:
            yield Violation(path, values, outcome="undeclared", item=expert.name)


# ------------------------------------------------------------------------------------------- risk

_REPORT_ITEMS: dict[str, Text] = {
    "risk_points": Text("风险点（risk_points）", "the risk points (risk_points)"),
    "measures": Text("风险防范措施（measures）", "the prevention measures (measures)"),
    "contingency_plan": Text("风险处置预案（contingency_plan）", "the contingency plan (contingency_plan)"),
    "departments_consulted": Text(
        "听取意见的有关部门（departments_consulted）", "the departments consulted (departments_consulted)"
    ),
}


@check(
    "risk_report_contents",
    NoOptions,
    Text(
        "风险评估记有风险点、风险防范措施、处置预案和听取意见的有关部门（缺少的逐项报告）。"
        "通过：四项都已填写；不通过：没有 contingency_plan。",
        "The risk assessment records risk points, prevention measures, a contingency plan and the departments "
        "consulted (each missing item is reported). Pass: all four. Fail: no contingency_plan.",
    ),
)
def risk_report_contents(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """One violation per missing item; ``item`` = its key."""
    step = ctx.decision.steps.risk_assessment
    if step is None or not step.done:
        return
    for key, label in _REPORT_ITEMS.items():
        value = getattr(step, key)
        if value is None or value == "" or value == []:
            yield Violation((*_RISK, key), {"missing": label.zh, "missing_en": label.en}, item=key)


@check(
    "risk_adjustment",
    NoOptions,
    Text(
        "评估认为风险不可控（controllable: 否）的，决策草案已在决定会议之前调整（adjusted_after 不晚于会议日），"
        "并记有使风险可控的防范措施（measures）。"
        "通过：adjusted_after 9月10日、会议 9月21日、measures 已填；不通过：没有 adjusted_after，或在会议之后才调整。",
        "When the risk is judged not controllable, the draft was adjusted no later than the governing meeting, "
        "with measures that make the risk controllable. Pass: adjusted 10 Sept, meeting 21 Sept, measures given. "
        "Fail: no adjusted_after, or adjusted after the meeting.",
    ),
)
def risk_adjustment(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (not adjusted; info while in progress), ``late``, ``no_measures``."""
    step = ctx.decision.steps.risk_assessment
    if step is None or not step.done or step.controllable is not False:
        return
    meeting_date: date | None = ctx.meeting.date if ctx.meeting is not None else None
    if step.adjusted_after is None:
        yield Violation((*_RISK, "adjusted_after"), {"meeting": meeting_date or ""}, pending=True)
    elif meeting_date is not None and step.adjusted_after > meeting_date:
        yield Violation(
            (*_RISK, "adjusted_after"),
            {"adjusted": step.adjusted_after, "meeting": meeting_date},
            outcome="late",
        )
    if not step.measures:
        yield Violation((*_RISK, "measures"), {}, outcome="no_measures", item="measures")


@check(
    "risk_measures_adopted",
    NoOptions,
    Text(
        "风险等级为高但可控的，记有风险防范措施，且风险评估报告列入决定会议的材料（materials）。"
        "通过：measures 已填、报告 D4 在会议 materials 中；不通过：没有 measures，或 materials 中没有风险评估报告。",
        "A high but controllable risk has its measures recorded and the risk report among the governing "
        "meeting's materials. Pass: measures given, report D4 in materials. Fail: no measures, or report not there.",
    ),
)
def risk_measures_adopted(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no measures), ``not_in_materials`` (the report not in the meeting's materials)."""
    step = ctx.decision.steps.risk_assessment
    if step is None or not step.done:
        return
    if not step.measures:
        yield Violation((*_RISK, "measures"), {"level": step.level.zh if step.level else ""})
    references = [*step.documents, *([step.existing] if step.existing else [])]
    missing = _not_in_materials(ctx, _result_documents(ctx, references, DocType.RISK_REPORT))
    if missing is not None:
        yield missing


# --------------------------------------------------------------------------- fair-competition review


@dataclass(frozen=True, kw_only=True)
class FairCompetitionOptions(Options):
    """``regulation_from``: the day the State Council's 公平竞争审查条例 (国务院令第783号) took effect; before it,
    the review followed 国发〔2016〕34号."""

    regulation_from: date = date(2024, 8, 1)


@check(
    "fair_competition_review",
    FairCompetitionOptions,
    Text(
        "涉及市场主体经济活动的决策：公平竞争审查已进行，审查记录（fair_competition_record）列入决定会议的材料，"
        "结论为符合。通过：审查 5月27日、结论 compliant、记录 D6 在会议 materials 中；"
        "不通过：没有审查；审查表不在会议材料中；结论 non_compliant 仍上会决定。",
        "A decision on market entities' economic activity: fair-competition review performed, its record among the "
        "governing meeting's materials, conclusion compliant. Pass: reviewed, compliant, record D6 in materials. "
        "Fail: no review; record not in materials; non_compliant conclusion.",
    ),
    requires_step=True,
)
def fair_competition_review(ctx: Context, options: FairCompetitionOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (absent or pending: info while in progress), ``not_applicable``, ``no_record``
    (no record document), ``not_in_materials``, ``no_conclusion``, ``non_compliant_2016`` /
    ``non_compliant_2024`` (by the governing date against ``regulation_from``)."""
    step = ctx.decision.steps.fair_competition_review
    if step is None:
        yield Violation(_FCR, {}, pending=True)
        return
    status = step.effective_status
    if status is StepStatus.PENDING:
        yield Violation((*_FCR, "status"), {}, pending=True)
        return
    if status is StepStatus.NOT_APPLICABLE:
        yield Violation((*_FCR, "status"), {"reason": step.reason or ""}, outcome="not_applicable")
        return
    if step.conclusion is FairCompetitionConclusion.NON_COMPLIANT:
        later = ctx.governing_date >= options.regulation_from
        yield Violation(
            (*_FCR, "conclusion"),
            {"reviewer": step.reviewer or "审查机构", "reviewer_en": step.reviewer or "the reviewer"},
            outcome="non_compliant_2024" if later else "non_compliant_2016",
        )
    elif step.conclusion is None:
        yield Violation((*_FCR, "conclusion"), {}, outcome="no_conclusion")
    documents = _result_documents(ctx, step.documents, DocType.FAIR_COMPETITION_RECORD)
    if not documents:
        yield Violation((*_FCR, "documents"), {}, outcome="no_record")
        return
    missing = _not_in_materials(ctx, documents)
    if missing is not None:
        yield missing


CHECKS = (
    expert_signatures,
    expert_interests,
    risk_report_contents,
    risk_adjustment,
    risk_measures_adopted,
    fair_competition_review,
)
