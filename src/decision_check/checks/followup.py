"""Checks of what the legality review was given and covered, and of what follows the decision
(713号 arts 26(1), 27, 34–35, 36(2)).

As in ``consultation``, a list the record does not give is ``unrecorded`` (graded lower by the rule);
a list that is given but lacks items names the missing ones. A third-party post-evaluator must not be
the unit that did the main pre-decision assessment (``evaluator_independent``, art 36(2)).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated

from decision_check.checks.base import Context, NoOptions, Options, PathKey, Violation, check
from decision_check.i18n import Text
from decision_check.models.enums import Consulted, ExpertKind, LabeledEnum, LegalityMaterial, ReviewScope
from decision_check.models.lazy import constrained


def _missing_items(required: Sequence[LabeledEnum], given: Sequence[LabeledEnum]) -> dict[str, str] | None:
    missing = [item for item in required if item not in given]
    if not missing:
        return None
    return {"missing": "、".join(m.zh for m in missing), "missing_en": ", ".join(m.en for m in missing)}


_LEGAL: PathKey = ("steps", "legality_review")


def _core_materials() -> list[LegalityMaterial]:
    return [LegalityMaterial.DRAFT, LegalityMaterial.LEGAL_BASIS, LegalityMaterial.PROCEDURE_EXPLANATION]


@dataclass(frozen=True, kw_only=True)
class MaterialsOptions(Options):
    required: Annotated[list[LegalityMaterial], constrained(min_length=1)] = field(default_factory=_core_materials)


@check(
    "legality_materials",
    MaterialsOptions,
    Text(
        "送请合法性审查的材料（legality_review.submitted_materials）包括 required 所列各项，缺少的逐项列出；"
        "未记录送审材料的为 unrecorded。通过：[draft, legal_basis, procedure_explanation, opinions]；"
        "不通过：只有 [draft]。",
        "The materials submitted for legality review include every `required` item (missing ones named); "
        "no list recorded: unrecorded. Pass: draft, legal basis, account of the procedure. Fail: the draft only.",
    ),
)
def legality_materials(ctx: Context, options: MaterialsOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (items missing), ``unrecorded``."""
    step = ctx.decision.steps.legality_review
    if step is None or not step.done:
        return
    if not step.submitted_materials:
        yield Violation((*_LEGAL, "submitted_materials"), {}, outcome="unrecorded")
        return
    missing = _missing_items(options.required, step.submitted_materials)
    if missing:
        yield Violation((*_LEGAL, "submitted_materials"), missing)


def _every_scope() -> list[ReviewScope]:
    return list(ReviewScope)


@dataclass(frozen=True, kw_only=True)
class ScopeOptions(Options):
    required: Annotated[list[ReviewScope], constrained(min_length=1)] = field(default_factory=_every_scope)


@check(
    "legality_scope",
    ScopeOptions,
    Text(
        "合法性审查意见审查了 required 所列内容（legality_review.covers：职权、程序、内容），缺少的逐项列出；"
        "未记录的为 unrecorded。通过：[authority, procedure, content]；不通过：[content]。",
        "The legality opinion addresses every `required` item (legality_review.covers: authority, procedure, "
        "content); missing ones named; not recorded: unrecorded. Pass: all three. Fail: content only.",
    ),
)
def legality_scope(ctx: Context, options: ScopeOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (items missing), ``unrecorded``."""
    step = ctx.decision.steps.legality_review
    if step is None or not step.done:
        return
    if not step.covers:
        yield Violation((*_LEGAL, "covers"), {}, outcome="unrecorded")
        return
    missing = _missing_items(options.required, step.covers)
    if missing:
        yield Violation((*_LEGAL, "covers"), missing)


@dataclass(frozen=True, kw_only=True)
class ImplementationOptions(Options):
    days: Annotated[int, constrained(ge=1)]


@check(
    "implementation_reported",
    ImplementationOptions,
    Text(
        "已决定的决策，自发文日（无发文日时自决定会议日）起超过 days 日，执行单位应已报告执行情况"
        "（steps.implementation.reports 至少一项）。通过：2020年10月16日发文、2021年6月30日检查（257日）；"
        "不通过：检查日 2021年12月31日仍无执行情况报告。",
        "A decided decision older than `days` (from the decision document, else the governing meeting) has at "
        "least one implementation report. Pass: issued 16 Oct 2020, checked 30 Jun 2021. Fail: checked 31 Dec "
        "2021 with no report.",
    ),
)
def implementation_reported(ctx: Context, options: ImplementationOptions) -> Iterator[Violation]:
    start = ctx.decision.issued.date if ctx.decision.issued and ctx.decision.issued.date else None
    start = start or (ctx.meeting.date if ctx.meeting is not None else None)
    if start is None or ctx.as_of <= start + timedelta(days=options.days):
        return
    step = ctx.decision.steps.implementation
    if step is not None and any(r.date is not None or r.summary for r in step.reports):
        return
    path: PathKey = ("steps", "implementation", "reports") if step is not None else ("steps", "implementation")
    yield Violation(
        path, {"start": start, "days": options.days, "as_of": ctx.as_of, "elapsed": (ctx.as_of - start).days}
    )


def _evaluation_groups() -> list[Consulted]:
    return [Consulted.PUBLIC, Consulted.NPC_DEPUTIES, Consulted.CPPCC_MEMBERS]


@dataclass(frozen=True, kw_only=True)
class EvaluationOptions(Options):
    groups: Annotated[list[Consulted], constrained(min_length=1)] = field(default_factory=_evaluation_groups)


@check(
    "evaluation_consulted",
    EvaluationOptions,
    Text(
        "开展了决策后评估的，听取了 groups 所列各方的意见（post_evaluation.consulted），缺少的逐项列出；"
        "未记录的为 unrecorded。通过：[public, npc_deputies, cppcc_members]；不通过：[public]。",
        "A post-decision evaluation heard every group in `groups` (post_evaluation.consulted); missing ones named; "
        "not recorded: unrecorded. Pass: public, NPC deputies, CPPCC members. Fail: the public only.",
    ),
)
def evaluation_consulted(ctx: Context, options: EvaluationOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (groups missing), ``unrecorded``."""
    step = ctx.decision.steps.post_evaluation
    if step is None or not step.done:
        return
    path: PathKey = ("steps", "post_evaluation", "consulted")
    if not step.consulted:
        yield Violation(path, {}, outcome="unrecorded")
        return
    missing = _missing_items(options.groups, step.consulted)
    if missing:
        yield Violation(path, missing)


# ---------------------------------------------------------------------------------- post-decision

_REMARK = re.compile(r"[（(][^）)]*[）)]")


def _unit(name: str | None) -> str:
    """A unit's name without remarks in brackets and spaces, for comparison."""
    return re.sub(r"\s+", "", _REMARK.sub("", name or ""))


@check(
    "evaluator_independent",
    NoOptions,
    Text(
        "委托第三方开展决策后评估的，评估单位不是决策前承担主要论证评估工作的单位（风险评估单位、"
        "承担专家论证的机构）。评估单位是决策机关或承办单位本身的，不属委托第三方，不检查。"
        "通过：evaluator 为某研究院、风险评估由镇综治办完成；不通过：evaluator 与风险评估 assessor 相同。",
        "A third-party post-evaluator is not the unit that did the main pre-decision assessment (the risk "
        "assessor or an expert institution). Pass: another institute. Fail: the risk assessor again.",
    ),
)
def evaluator_independent(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    decision = ctx.decision
    step = decision.steps.post_evaluation
    if step is None or not step.done or not step.evaluator:
        return
    evaluator = _unit(step.evaluator)
    own = {_unit(decision.organ), *(_unit(s) for s in decision.sponsor)}
    if not evaluator or evaluator in own:
        return
    assessors: list[tuple[str, Text]] = []
    risk = decision.steps.risk_assessment
    if risk is not None and risk.done and risk.assessor:
        assessors.append((risk.assessor, Text("风险评估", "risk assessment")))
    experts = decision.steps.expert_review
    if experts is not None and experts.done:
        for expert in experts.experts:
            if expert.kind is ExpertKind.INSTITUTION:
                assessors.append((expert.name, Text("专家论证", "expert review")))
                if expert.affiliation:
                    assessors.append((expert.affiliation, Text("专家论证", "expert review")))
    for name, role in assessors:
        if _unit(name) == evaluator:
            yield Violation(
                ("steps", "post_evaluation", "evaluator"),
                {"evaluator": step.evaluator, "role": role.zh, "role_en": role.en},
            )
            return


CHECKS = (legality_materials, legality_scope, implementation_reported, evaluation_consulted, evaluator_independent)
