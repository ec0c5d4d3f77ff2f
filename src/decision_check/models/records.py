"""The record format, version 1 (``shared/spec/decision-format.md``) as pydantic models.

Three kinds of file: :class:`Decision` (default), :class:`Catalog`, :class:`Organ`. Models are
permissive about *cross-field* facts (those are rules, with articles) and strict about shape:
unknown keys, wrong types and impossible dates are schema findings.

Keys this project added to the format (documented in the JSON Schema): ``public_participation.date``
(the day a participation without a notice took place), ``catalog entries[].reason`` (why an entry has
no decision file, CAT-03); and for the articles checked since issue 15 (``docs/record-format-additions.md``):
``steps.departmental_consultation`` (art 13), ``notice.how_to_comment`` / ``notice.deadline_stated`` (art 15(1)),
``hearing.selection_method`` / ``sides_represented`` / ``draft_presented`` / ``debate_held`` (arts 16–17),
``expert_review.dissenting_views_presented`` (art 20), ``legality_review.submitted_materials`` (art 26(1)) and
``covers`` (art 27), ``post_evaluation.consulted`` (art 36(2)).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from decision_check.models.enums import (
    Category,
    Consulted,
    DecisionRule,
    DecisionStatus,
    DisclosureScope,
    DocType,
    EvaluationConclusion,
    EvaluationTrigger,
    ExclusionReason,
    ExpertKind,
    ExpertMethod,
    ExpertOpinion,
    FairCompetitionConclusion,
    LegalityConclusion,
    LegalityMaterial,
    LivelihoodArea,
    MeetingBody,
    MeetingPurpose,
    MemberOpinion,
    OrganLevel,
    Outcome,
    ParticipationMethod,
    PartyForm,
    Proposer,
    Retention,
    ReviewScope,
    RiskLevel,
    StepStatus,
)
from decision_check.models.types import BoolOrRef, CnBool, CnDate, Share, Text, share_with_inclusive, to_list

TextList = Annotated[list[Text], BeforeValidator(to_list)]


class Model(BaseModel):
    """Base of every record model: unknown keys are findings (with a did-you-mean hint)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False, defer_build=True)


# ----------------------------------------------------------------------------------- decision parts


class Flags(Model):
    """Facts determined at launch that trigger conditional requirements; ``None`` = not determined."""

    public_interest: CnBool | None = None
    specific_groups: CnBool | None = None
    technical: CnBool | None = None
    stability_risk: CnBool | None = None
    market_entities: CnBool | None = None
    npc_matter: CnBool | None = None
    divergent_views: CnBool | None = None
    widely_concerned: CnBool | None = None


FLAG_NAMES: tuple[str, ...] = tuple(Flags.model_fields)


class Excluded(Model):
    reason: ExclusionReason | None = None
    basis: Text | None = None


class NonDisclosure(Model):
    basis: Text | None = None
    scope: Annotated[list[DisclosureScope], BeforeValidator(to_list)] = Field(default_factory=list)


class HearingRequiredByLaw(Model):
    basis: Text | None = None


class CatalogRef(Model):
    year: int
    entry: Text


class Launched(Model):
    date: CnDate | None = None
    proposer: Proposer | None = None
    approved_by: Text | None = None
    determined_by: Text | None = None


class Step(Model):
    """Keys every step has. ``status`` absent: done when the step's date is given, else pending."""

    status: StepStatus | None = None
    reason: Text | None = None
    documents: TextList = Field(default_factory=list)
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


class Notice(Model):
    date: CnDate | None = None
    channels: TextList = Field(default_factory=list)
    url: Text | None = None
    draft_published: CnBool | None = None
    explanation_published: CnBool | None = None
    how_to_comment: Text | None = None  # 提出意见的方式 as the notice states it (art 15(1))
    deadline_stated: CnBool | None = None  # the notice states by when to comment (提出意见的期限)


class Period(Model):
    start: CnDate | None = None
    end: CnDate | None = None


class Survey(Model):
    date: CnDate | None = None
    respondents: int | None = None
    method: Text | None = None


class PublicParticipation(Step):
    date: CnDate | None = None
    methods: Annotated[list[ParticipationMethod], BeforeValidator(to_list)] = Field(default_factory=list)
    notice: Notice | None = None
    comment_period: Period | None = None
    shortened_reason: Text | None = None
    consulted: Annotated[list[Consulted], BeforeValidator(to_list)] = Field(default_factory=list)
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


class HearingParticipant(Model):
    name: Text
    side: Text | None = None


class Hearing(Step):
    date: CnDate | None = None
    notice_date: CnDate | None = None
    participants_published: CnDate | None = None
    materials_delivered: CnDate | None = None
    participants: list[HearingParticipant] = Field(default_factory=list)
    record_signed: CnBool | None = None
    selection_method: Text | None = None  # how participants were chosen (公开遴选办法, art 16(3))
    sides_represented: CnBool | None = None  # participants represent the different sides (art 16(3))
    draft_presented: CnBool | None = None  # the sponsor presented the draft and its basis (art 17(1))
    debate_held: CnBool | None = None  # participants stated views, questioned and debated (art 17(2))

    def primary_date(self) -> dt.date | None:
        return self.date


class Expert(Model):
    name: Text
    kind: ExpertKind = ExpertKind.PERSON
    field: Text | None = None
    affiliation: Text | None = None
    conflict_of_interest: CnBool | None = None
    opinion: ExpertOpinion | None = None
    signed: CnBool | None = None
    sealed: CnBool | None = None


class ExpertReview(Step):
    date: CnDate | None = None
    method: ExpertMethod | None = None
    experts: list[Expert] = Field(default_factory=list)
    adoption_summary: Text | None = None
    dissenting_views_presented: CnBool | None = None  # the recorded divergent views were put to the experts

    def primary_date(self) -> dt.date | None:
        return self.date


class RiskAssessment(Step):
    date: CnDate | None = None
    assessor: Text | None = None
    existing: Text | None = None
    level: RiskLevel | None = None
    controllable: CnBool | None = None
    risk_points: Text | None = None
    measures: Text | None = None
    contingency_plan: Text | None = None
    departments_consulted: TextList = Field(default_factory=list)
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


class FairCompetitionReview(Step):
    date: CnDate | None = None
    reviewer: Text | None = None
    conclusion: FairCompetitionConclusion | None = None

    def primary_date(self) -> dt.date | None:
        return self.date


class LegalityReview(Step):
    submitted: CnDate | None = None
    concluded: CnDate | None = None
    reviewer: Text | None = None
    conclusion: LegalityConclusion | None = None
    changes_made: Text | None = None
    legal_risk_statement: Text | None = None
    legal_adviser_opinion: BoolOrRef | None = None
    submitted_materials: Annotated[list[LegalityMaterial], BeforeValidator(to_list)] = Field(default_factory=list)
    covers: Annotated[list[ReviewScope], BeforeValidator(to_list)] = Field(default_factory=list)

    def primary_date(self) -> dt.date | None:
        return self.submitted or self.concluded


class NpcReport(Step):
    date: CnDate | None = None
    body: Text | None = None

    def primary_date(self) -> dt.date | None:
        return self.date


class Publication(Step):
    date: CnDate | None = None
    channels: TextList = Field(default_factory=list)
    url: Text | None = None
    interpretation: BoolOrRef | None = None
    adoption_explained: CnBool | None = None

    def primary_date(self) -> dt.date | None:
        return self.date


class Archive(Step):
    date: CnDate | None = None
    archive_no: Text | None = None
    retention: Retention | None = None
    archived_documents: TextList = Field(default_factory=list)

    def primary_date(self) -> dt.date | None:
        return self.date


class ImplementationReport(Model):
    date: CnDate | None = None
    summary: Text | None = None


class Implementation(Step):
    unit: Text | None = None
    reports: list[ImplementationReport] = Field(default_factory=list)

    def primary_date(self) -> dt.date | None:
        return self.reports[0].date if self.reports else None

    @property
    def effective_status(self) -> StepStatus:
        """Implementation has begun once its unit is named, dated reports or not."""
        if self.status is None and self.unit:
            return StepStatus.DONE
        return super().effective_status


class PostEvaluation(Step):
    date: CnDate | None = None
    evaluator: Text | None = None
    trigger: EvaluationTrigger | None = None
    conclusion: EvaluationConclusion | None = None
    consulted: Annotated[list[Consulted], BeforeValidator(to_list)] = Field(default_factory=list)  # art 36(2)

    def primary_date(self) -> dt.date | None:
        return self.date


class DepartmentalConsultation(Step):
    """征求有关部门和下级人民政府意见 (713号 art 13)."""

    date: CnDate | None = None
    units: TextList = Field(default_factory=list)
    unresolved_disagreement: CnBool | None = None
    disagreement_reported: BoolOrRef | None = None  # 报请决策机关决定 (bool or the doc id of the report)

    def primary_date(self) -> dt.date | None:
        return self.date


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


STEP_NAMES: tuple[str, ...] = tuple(Steps.model_fields)


class Member(Model):
    name: Text
    role: Text | None = None
    head: CnBool = False
    present: CnBool = True
    absence_reason: Text | None = None
    written_opinion: BoolOrRef | None = None
    opinion: MemberOpinion | None = None
    remarks: Text | None = None


class Attendee(Model):
    name: Text
    role: Text | None = None


class Alternatives(Model):
    count: int | None = None
    approved_by: Text | None = None
    date: CnDate | None = None


class Meeting(Model):
    purpose: MeetingPurpose = MeetingPurpose.DECIDE
    form: PartyForm | None = None
    body: MeetingBody | None = None
    decision_rule: DecisionRule | None = None
    name: Text | None = None
    minutes_no: Text | None = None
    date: CnDate | None = None
    location: Text | None = None
    chair: Text | None = None
    recorder: Text | None = None
    members: list[Member] = Field(default_factory=list)
    speaking_order: TextList = Field(default_factory=list)
    nonvoting_attendees: list[Attendee] = Field(default_factory=list)
    presenter: Text | None = None
    leader_in_charge_recommendation: Text | None = None
    head_conclusion: Text | None = None
    materials: TextList = Field(default_factory=list)
    alternatives: Alternatives | None = None
    outcome: Outcome | None = None
    resolution: Text | None = None
    decider_reason: Text | None = None
    documents: TextList = Field(default_factory=list)

    @property
    def effective_rule(self) -> DecisionRule:
        """How the meeting decides: stated, else majority for party and joint bodies, else the head."""
        if self.decision_rule is not None:
            return self.decision_rule
        if self.body is not None and self.body.is_party:
            return DecisionRule.MAJORITY
        return DecisionRule.HEAD_DECIDES

    @property
    def is_deciding(self) -> bool:
        """A meeting that decides (not a party committee's consideration under art 31)."""
        return self.purpose in (MeetingPurpose.DECIDE, MeetingPurpose.REDELIBERATION, MeetingPurpose.ADJUSTMENT)

    def head(self) -> Member | None:
        """The member marked ``head: true`` (the first, when several are)."""
        return next((m for m in self.members if m.head), None)

    def spoken_order(self) -> list[str]:
        """Names in speaking order: ``speaking_order`` or the order of ``members``."""
        return list(self.speaking_order) or [m.name for m in self.members if m.present]

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of a meeting written in several files: body + date + name."""
        return (self.body.value if self.body else "", self.date.isoformat() if self.date else "", self.name or "")


class Issued(Model):
    date: CnDate | None = None
    doc_no: Text | None = None


class Document(Model):
    id: Text
    type: DocType = DocType.OTHER
    title: Text | None = None
    doc_no: Text | None = None
    author: Text | None = None
    date: CnDate | None = None
    pages: int | None = None
    classification: Text | None = None
    path: Text | None = None
    sha256: Text | None = None


class Waiver(Model):
    rule: Text
    path: Text | None = None
    reason: Text | None = None
    basis: Text | None = None
    approved_by: Text | None = None
    date: CnDate | None = None
    expires: CnDate | None = None


# ------------------------------------------------------------------------------------------- kinds


class Decision(Model):
    """One major administrative decision (``kind: decision``, the default)."""

    kind: Literal["decision", "决策"] = "decision"
    id: Text
    title: Text
    organ: Text
    organ_level: OrganLevel
    sponsor: TextList
    jurisdiction: Text | None = None
    category: Annotated[list[Category], BeforeValidator(to_list)] = Field(default_factory=list)
    livelihood_areas: Annotated[list[LivelihoodArea], BeforeValidator(to_list)] = Field(default_factory=list)
    flags: Flags = Field(default_factory=Flags)
    excluded: Excluded | None = None
    non_disclosure: NonDisclosure | None = None
    hearing_required_by_law: HearingRequiredByLaw | None = None
    catalog: CatalogRef | None = None
    launched: Launched | None = None
    status: DecisionStatus | None = None
    steps: Steps = Field(default_factory=Steps)
    meetings: list[Meeting] = Field(default_factory=list)
    issued: Issued | None = None
    documents: list[Document] = Field(default_factory=list)
    waivers: list[Waiver] = Field(default_factory=list)

    def governing_meeting_index(self) -> int | None:
        """Index of the last deciding meeting that has an outcome (the governing meeting)."""
        for index in range(len(self.meetings) - 1, -1, -1):
            meeting = self.meetings[index]
            if meeting.is_deciding and meeting.outcome is not None:
                return index
        return None

    def governing_meeting(self) -> Meeting | None:
        """The governing meeting, if any."""
        index = self.governing_meeting_index()
        return None if index is None else self.meetings[index]

    @property
    def effective_status(self) -> DecisionStatus:
        """The stated status, else the one that follows from the governing meeting's outcome."""
        if self.status is not None:
            return self.status
        meeting = self.governing_meeting()
        if meeting is None or meeting.outcome is None:
            return DecisionStatus.IN_PROGRESS
        return {
            Outcome.APPROVED: DecisionStatus.DECIDED,
            Outcome.AMENDED: DecisionStatus.DECIDED,
            Outcome.REJECTED: DecisionStatus.REJECTED,
            Outcome.SHELVED: DecisionStatus.SHELVED,
            Outcome.REDELIBERATE: DecisionStatus.IN_PROGRESS,
        }[meeting.outcome]

    def document(self, doc_id: str) -> Document | None:
        """The evidence-register entry with ``doc_id``."""
        return next((d for d in self.documents if d.id == doc_id), None)

    def discloses(self, scope: DisclosureScope) -> bool:
        """False when ``non_disclosure`` covers ``scope`` (依法不予公开)."""
        return self.non_disclosure is None or scope not in self.non_disclosure.scope


class CatalogAdopted(Model):
    date: CnDate | None = None
    meeting: Text | None = None


class CatalogPublished(Model):
    date: CnDate | None = None
    url: Text | None = None


class CatalogEntry(Model):
    entry: Text
    title: Text | None = None
    decision_id: Text | None = None
    reason: Text | None = None


class Catalog(Model):
    """The year's 重大行政决策事项目录 (``kind: catalog``)."""

    kind: Literal["catalog", "目录"]
    year: int
    organ: Text
    owner: Text | None = None
    adopted: CatalogAdopted | None = None
    party_consent: CnDate | None = None
    published: CatalogPublished | None = None
    entries: list[CatalogEntry] = Field(default_factory=list)


class Quorum(Model):
    """An organ's quorum: the share of members who must attend, and whether reaching it exactly counts."""

    fraction: Share = Fraction(1, 2)
    inclusive: CnBool = True  # at least (半数以上, 含本数); false: strictly more than (过半数)
    basis: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _spelling_sets_inclusive(cls, data: Any) -> Any:
        return share_with_inclusive(data)


class RulesOfProcedure(Model):
    title: Text | None = None
    doc_no: Text | None = None


def _procedure(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


class OrganArchive(Model):
    fonds_no: Text | None = None
    due_days: int | None = None


class Organ(Model):
    """Facts of a decision-making body that no single decision holds (``kind: organ``)."""

    kind: Literal["organ", "机关"]
    name: Text
    code: Text | None = None
    level: OrganLevel
    jurisdiction: Text | None = None
    head_title: Text | None = None
    bodies: Annotated[list[MeetingBody], BeforeValidator(to_list)] = Field(default_factory=list)
    quorum: Quorum | None = None
    legality_reviewers: TextList = Field(default_factory=list)
    legal_adviser: Text | None = None
    rules_of_procedure: Annotated[RulesOfProcedure | None, BeforeValidator(_procedure)] = None
    archive: OrganArchive | None = None
    # 会议纪要 titles by meeting body (e.g. party_committee: 中共龙河镇委员会会议纪要) and the roles in
    # rank order (出席 lists follow it): used by the minutes documents, not by any check.
    minutes_titles: dict[str, Text] = Field(default_factory=dict)
    rank_order: TextList = Field(default_factory=list)


Record = Decision | Catalog | Organ
KINDS: dict[str, type[Decision] | type[Catalog] | type[Organ]] = {
    "decision": Decision,
    "决策": Decision,
    "catalog": Catalog,
    "目录": Catalog,
    "organ": Organ,
    "机关": Organ,
}
