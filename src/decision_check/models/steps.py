"""The procedure's steps as a decision record writes them (``steps:``): public participation, hearing,
expert review, risk assessment, fair-competition review, legality review, people's congress step,
publication, archive, implementation, post-evaluation, departmental consultation.

Each step's status follows from its date unless stated (:attr:`Step.effective_status`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Annotated

from decision_check.models.base import Model, TextList
from decision_check.models.enums import (
    Consulted,
    EvaluationConclusion,
    EvaluationTrigger,
    ExpertKind,
    ExpertMethod,
    ExpertOpinion,
    FairCompetitionConclusion,
    LegalityConclusion,
    LegalityMaterial,
    ParticipationMethod,
    Retention,
    ReviewScope,
    RiskLevel,
    StepStatus,
)
from decision_check.models.lazy import before
from decision_check.models.types import BoolOrRef, CnBool, CnDate, Text, to_list


@dataclass(kw_only=True, repr=False, eq=False)
class Step(Model):
    """Keys every step has. ``status`` absent: done when the step's date is given, else pending."""

    status: StepStatus | None = None
    reason: Text | None = None
    documents: TextList = field(default_factory=list)
    notes: Text | None = None

    def primary_date(self) -> dt.date | None:
        """The date whose presence means the step was performed."""
        return None

    @property
    def effective_status(self) -> StepStatus:
        """The stated status, or the one implied by the step's date."""
        if self.status is not None:
            return self.status
        return StepStatus.DONE if self.primary_date() is not None else StepStatus.PENDING

    @property
    def done(self) -> bool:
        """Performed (quality rules run only on performed steps)."""
        return self.effective_status is StepStatus.DONE


@dataclass(kw_only=True, repr=False, eq=False)
class Notice(Model):
    date: CnDate | None = None
    channels: TextList = field(default_factory=list)
    url: Text | None = None
    draft_published: CnBool | None = None
    explanation_published: CnBool | None = None
    how_to_comment: Text | None = None  # 提出意见的方式 as the notice states it (art 15(1))
    deadline_stated: CnBool | None = None  # the notice states by when to comment (提出意见的期限)


@dataclass(kw_only=True, repr=False, eq=False)
class Period(Model):
    start: CnDate | None = None
    end: CnDate | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Survey(Model):
    date: CnDate | None = None
    respondents: int | None = None
    method: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class PublicParticipation(Step):
    date: CnDate | None = None
    methods: Annotated[list[ParticipationMethod], before(to_list)] = field(default_factory=list)
    notice: Notice | None = None
    comment_period: Period | None = None
    shortened_reason: Text | None = None
    consulted: Annotated[list[Consulted], before(to_list)] = field(default_factory=list)
    opinions_received: int | None = None
    opinions_adopted: int | None = None
    adoption_summary: Text | None = None
    feedback_published: CnDate | None = None
    survey: Survey | None = None

    def primary_date(self) -> dt.date | None:
        notice = self.notice.date if self.notice else None
        start = self.comment_period.start if self.comment_period else None
        survey = self.survey.date if self.survey else None
        return self.date or notice or start or survey


@dataclass(kw_only=True, repr=False, eq=False)
class HearingParticipant(Model):
    name: Text
    side: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Hearing(Step):
    date: CnDate | None = None
    notice_date: CnDate | None = None
    participants_published: CnDate | None = None
    materials_delivered: CnDate | None = None
    participants: list[HearingParticipant] = field(default_factory=list)
    record_signed: CnBool | None = None
    selection_method: Text | None = None  # how participants were chosen (公开遴选办法, art 16(3))
    sides_represented: CnBool | None = None  # participants represent the different sides (art 16(3))
    draft_presented: CnBool | None = None  # the sponsor presented the draft and its basis (art 17(1))
    debate_held: CnBool | None = None  # participants stated views, questioned and debated (art 17(2))

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class Expert(Model):
    name: Text
    kind: ExpertKind = ExpertKind.PERSON
    field: Text | None = None
    affiliation: Text | None = None
    conflict_of_interest: CnBool | None = None
    opinion: ExpertOpinion | None = None
    signed: CnBool | None = None
    sealed: CnBool | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class ExpertReview(Step):
    date: CnDate | None = None
    method: ExpertMethod | None = None
    experts: list[Expert] = field(default_factory=list)
    adoption_summary: Text | None = None
    dissenting_views_presented: CnBool | None = None  # the recorded divergent views were put to the experts

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class RiskAssessment(Step):
    date: CnDate | None = None
    assessor: Text | None = None
    existing: Text | None = None
    level: RiskLevel | None = None
    controllable: CnBool | None = None
    risk_points: Text | None = None
    measures: Text | None = None
    contingency_plan: Text | None = None
    departments_consulted: TextList = field(default_factory=list)
    adjusted_after: CnDate | None = None
    reassessed: CnDate | None = None

    def primary_date(self) -> dt.date | None:
        return self.date

    @property
    def effective_status(self) -> StepStatus:
        """An assessment already made under other rules (``existing``, art 22: 不作重复评估) counts as done."""
        if self.status is None and self.date is None and self.existing:
            return StepStatus.DONE
        return super().effective_status


@dataclass(kw_only=True, repr=False, eq=False)
class FairCompetitionReview(Step):
    date: CnDate | None = None
    reviewer: Text | None = None
    conclusion: FairCompetitionConclusion | None = None

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class LegalityReview(Step):
    submitted: CnDate | None = None
    concluded: CnDate | None = None
    reviewer: Text | None = None
    conclusion: LegalityConclusion | None = None
    changes_made: Text | None = None
    legal_risk_statement: Text | None = None
    legal_adviser_opinion: BoolOrRef | None = None
    submitted_materials: Annotated[list[LegalityMaterial], before(to_list)] = field(default_factory=list)
    covers: Annotated[list[ReviewScope], before(to_list)] = field(default_factory=list)

    def primary_date(self) -> dt.date | None:
        return self.submitted or self.concluded


@dataclass(kw_only=True, repr=False, eq=False)
class NpcReport(Step):
    date: CnDate | None = None
    body: Text | None = None

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class Publication(Step):
    date: CnDate | None = None
    channels: TextList = field(default_factory=list)
    url: Text | None = None
    interpretation: BoolOrRef | None = None
    adoption_explained: CnBool | None = None

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class Archive(Step):
    date: CnDate | None = None
    archive_no: Text | None = None
    retention: Retention | None = None
    archived_documents: TextList = field(default_factory=list)

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class ImplementationReport(Model):
    date: CnDate | None = None
    summary: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Implementation(Step):
    unit: Text | None = None
    reports: list[ImplementationReport] = field(default_factory=list)

    def primary_date(self) -> dt.date | None:
        return self.reports[0].date if self.reports else None

    @property
    def effective_status(self) -> StepStatus:
        """Implementation has begun once its unit is named, dated reports or not."""
        if self.status is None and self.unit:
            return StepStatus.DONE
        return super().effective_status


@dataclass(kw_only=True, repr=False, eq=False)
class PostEvaluation(Step):
    date: CnDate | None = None
    evaluator: Text | None = None
    trigger: EvaluationTrigger | None = None
    conclusion: EvaluationConclusion | None = None
    consulted: Annotated[list[Consulted], before(to_list)] = field(default_factory=list)  # art 36(2)

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class DepartmentalConsultation(Step):
    """征求有关部门和下级人民政府意见 (713号 art 13)."""

    date: CnDate | None = None
    units: TextList = field(default_factory=list)
    unresolved_disagreement: CnBool | None = None
    disagreement_reported: BoolOrRef | None = None  # 报请决策机关决定 (bool or the doc id of the report)

    def primary_date(self) -> dt.date | None:
        return self.date


@dataclass(kw_only=True, repr=False, eq=False)
class Steps(Model):
    departmental_consultation: DepartmentalConsultation | None = None
    public_participation: PublicParticipation | None = None
    hearing: Hearing | None = None
    expert_review: ExpertReview | None = None
    risk_assessment: RiskAssessment | None = None
    fair_competition_review: FairCompetitionReview | None = None
    legality_review: LegalityReview | None = None
    npc_report: NpcReport | None = None
    publication: Publication | None = None
    archive: Archive | None = None
    implementation: Implementation | None = None
    post_evaluation: PostEvaluation | None = None

    def get(self, name: str) -> Step | None:
        """The step called ``name``, or ``None`` when absent (not performed)."""
        value = getattr(self, name, None)
        return value if isinstance(value, Step) else None


STEP_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Steps))
