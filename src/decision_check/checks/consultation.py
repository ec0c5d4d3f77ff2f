"""Checks of the drafting-stage consultations the record can carry (713号 arts 13, 15(1), 16(3)–17, 20).

Each check separates a fact the record states (``false``: an error or warning by the rule) from a fact it
does not state (outcome ``unrecorded``: the rule grades it lower). Issue 15 added the record keys they read
(``docs/record-format-additions.md``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from decision_check.checks.base import Context, NoOptions, Options, PathKey, Violation, check
from decision_check.i18n import Text
from decision_check.models.lazy import constrained


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == []


def _names(labels: list[Text]) -> dict[str, str]:
    return {"missing": "、".join(t.zh for t in labels), "missing_en": ", ".join(t.en for t in labels)}


# ------------------------------------------------------------------------------------ CONS-01, CONS-02

_CONS: PathKey = ("steps", "departmental_consultation")


@check(
    "departments_consulted",
    NoOptions,
    Text(
        "征求有关部门和下级政府意见（steps.departmental_consultation）：已完成的须列明征求意见的单位（units）；"
        "标为不适用须写理由（不涉及其他部门、下级政府职责）；已决定的决策未记录此步骤为 unrecorded。"
        "通过：units [县交通局, 龙河镇派出所]；不通过：status done 而 units 为空。",
        "Consultation of departments and lower governments: a performed consultation names the units consulted; "
        "not applicable needs a reason; a decided decision without the step is `unrecorded`. "
        "Pass: units listed. Fail: done with no units.",
    ),
)
def departments_consulted(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (done, no unit named), ``unrecorded`` (step absent on a decided decision)."""
    step = ctx.decision.steps.departmental_consultation
    if step is None:
        if not ctx.in_progress:
            yield Violation(_CONS, {}, outcome="unrecorded")
        return
    if step.done and not step.units:
        yield Violation((*_CONS, "units"), {})


@check(
    "disagreement_reported",
    NoOptions,
    Text(
        "征求部门意见后仍有较大分歧（unresolved_disagreement: 是）的，记有报请决策机关决定的材料或事实"
        "（disagreement_reported：文件编号或“是”）。通过：disagreement_reported D11；不通过：未填或为“否”。",
        "An unresolved large disagreement among the units consulted was reported to the decision body "
        "(disagreement_reported: a doc id or true). Pass: D11. Fail: absent or false.",
    ),
)
def disagreement_reported(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    step = ctx.decision.steps.departmental_consultation
    if step is None or not step.done or step.unresolved_disagreement is not True:
        return
    if step.disagreement_reported is None or step.disagreement_reported is False or step.disagreement_reported == "":
        yield Violation((*_CONS, "disagreement_reported"), {})


# ------------------------------------------------------------------------------------ PP-11

_PP: PathKey = ("steps", "public_participation")


@check(
    "comment_terms_stated",
    NoOptions,
    Text(
        "向社会公开征求意见的公告写明提出意见的方式（notice.how_to_comment）和期限（notice.deadline_stated）。"
        "deadline_stated 为“否”为 default；未记录的逐项为 unrecorded。"
        "通过：how_to_comment 电子邮件、信函或到镇政府党政办当面提出，deadline_stated 是；"
        "不通过：deadline_stated 否。",
        "The public comment notice states how (notice.how_to_comment) and by when (notice.deadline_stated) to "
        "comment. deadline_stated false: default; an item not recorded: unrecorded. Pass: both given. "
        "Fail: deadline_stated false.",
    ),
)
def comment_terms_stated(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (the notice is recorded as not stating the deadline), ``unrecorded``."""
    step = ctx.decision.steps.public_participation
    if step is None or not step.done:
        return
    notice = step.notice
    how = notice.how_to_comment if notice is not None else None
    deadline = notice.deadline_stated if notice is not None else None
    if deadline is False:
        yield Violation((*_PP, "notice", "deadline_stated"), _names([Text("提出意见的期限", "the deadline")]))
    unrecorded = []
    if _missing(how):
        unrecorded.append(Text("提出意见的方式（how_to_comment）", "how to comment (how_to_comment)"))
    if deadline is None:
        unrecorded.append(Text("是否写明提出意见的期限（deadline_stated）", "whether the deadline was stated"))
    if unrecorded:
        where = (*_PP, "notice") if notice is not None else _PP
        yield Violation(where, _names(unrecorded), outcome="unrecorded")


# ------------------------------------------------------------------------------------ PP-12

_HEARING_FACTS: dict[str, Text] = {
    "selection_method": Text("听证参加人的遴选办法（selection_method）", "how participants were chosen"),
    "sides_represented": Text("参加人代表各方利益（sides_represented）", "participants from every side"),
    "draft_presented": Text("承办单位说明决策草案及依据（draft_presented）", "the sponsor presented the draft"),
    "debate_held": Text("参加人陈述意见、询问、质证和辩论（debate_held）", "statements, questions and debate"),
}


@check(
    "hearing_procedure",
    NoOptions,
    Text(
        "举行了听证的，记录听证参加人的遴选办法和各方代表性（第十六条第三款）、承办单位说明决策草案、"
        "参加人陈述询问质证辩论（第十七条）。记为“否”的逐项为 default；未记录的为 unrecorded。"
        "通过：selection_method 自愿报名、随机抽取，sides_represented、draft_presented、debate_held 均为是；"
        "不通过：debate_held 否。",
        "A hearing held records how participants were chosen and that all sides were represented (art 16(3)), "
        "that the draft was presented and that participants stated views, questioned and debated (art 17). "
        "An item recorded false: default; not recorded: unrecorded. Pass: all given. Fail: debate_held false.",
    ),
)
def hearing_procedure(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """One ``default`` violation per item recorded as not done; one ``unrecorded`` for the items not stated."""
    step = ctx.decision.steps.hearing
    if step is None or not step.done:
        return
    unrecorded = []
    for key, label in _HEARING_FACTS.items():
        value = getattr(step, key)
        if value is False:
            yield Violation(("steps", "hearing", key), _names([label]), item=key)
        elif _missing(value):
            unrecorded.append(label)
    if unrecorded:
        yield Violation(("steps", "hearing"), _names(unrecorded), outcome="unrecorded")


# ------------------------------------------------------------------------------------ EXP-05


@dataclass(frozen=True, kw_only=True)
class ExpertSelectionOptions(Options):
    min_experts_for_affiliation: Annotated[int, constrained(ge=2)] = 2


@check(
    "expert_selection",
    ExpertSelectionOptions,
    Text(
        "专家的选择兼顾专业性、代表性和中立性（第二十条）：至少 min_experts_for_affiliation 位专家都来自同一单位的为"
        " one_affiliation；flags.divergent_views 为是而记录为未把不同意见提交专家（dissenting_views_presented: 否）的为"
        " dissent_not_presented。"
        "通过：三位专家分别来自县设计院、重庆某高校、造价咨询公司；不通过：三位都来自县设计院。",
        "Experts chosen for professionalism, representativeness and neutrality (art 20): all experts (at least "
        "`min_experts_for_affiliation`) from one affiliation → one_affiliation; divergent views recorded but "
        "dissenting_views_presented false → dissent_not_presented. Pass: three affiliations. Fail: one.",
    ),
)
def expert_selection(ctx: Context, options: ExpertSelectionOptions) -> Iterator[Violation]:
    """Outcomes: ``one_affiliation``, ``dissent_not_presented``."""
    step = ctx.decision.steps.expert_review
    if step is None or not step.done:
        return
    base: PathKey = ("steps", "expert_review")
    affiliations = {(e.affiliation or "").strip() for e in step.experts}
    if len(step.experts) >= options.min_experts_for_affiliation and len(affiliations) == 1 and "" not in affiliations:
        yield Violation(
            (*base, "experts"),
            {"affiliation": next(iter(affiliations)), "count": len(step.experts)},
            outcome="one_affiliation",
        )
    if ctx.decision.flags.divergent_views is True and step.dissenting_views_presented is False:
        yield Violation((*base, "dissenting_views_presented"), {}, outcome="dissent_not_presented")


CHECKS = (
    departments_consulted,
    disagreement_reported,
    comment_terms_stated,
    hearing_procedure,
    expert_selection,
)
