"""The record format, version 1 (``shared/spec/decision-format.md``) as dataclasses validated by pydantic.

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

from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import Annotated, Any, Literal

from decision_check.models.base import Model, TextList
from decision_check.models.enums import (
    Category,
    DecisionRule,
    DecisionStatus,
    DisclosureScope,
    DocType,
    ExclusionReason,
    LivelihoodArea,
    MeetingBody,
    MeetingPurpose,
    MemberOpinion,
    OrganLevel,
    Outcome,
    PartyForm,
    Proposer,
)
from decision_check.models.lazy import before, before_model
from decision_check.models.steps import STEP_NAMES as STEP_NAMES  # re-exported: the record's step keys
from decision_check.models.steps import Step as Step  # re-exported: the base of every step
from decision_check.models.steps import (
    Steps,
)
from decision_check.models.types import BoolOrRef, CnBool, CnDate, Share, Text, share_with_inclusive, to_list

# ----------------------------------------------------------------------------------- decision parts


@dataclass(kw_only=True, repr=False, eq=False)
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


FLAG_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Flags))


@dataclass(kw_only=True, repr=False, eq=False)
class Excluded(Model):
    reason: ExclusionReason | None = None
    basis: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class NonDisclosure(Model):
    basis: Text | None = None
    scope: Annotated[list[DisclosureScope], before(to_list)] = field(default_factory=list)


@dataclass(kw_only=True, repr=False, eq=False)
class HearingRequiredByLaw(Model):
    basis: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class CatalogRef(Model):
    year: int
    entry: Text


@dataclass(kw_only=True, repr=False, eq=False)
class Launched(Model):
    date: CnDate | None = None
    proposer: Proposer | None = None
    approved_by: Text | None = None
    determined_by: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Member(Model):
    name: Text
    role: Text | None = None
    head: CnBool = False
    present: CnBool = True
    absence_reason: Text | None = None
    written_opinion: BoolOrRef | None = None
    opinion: MemberOpinion | None = None
    remarks: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Attendee(Model):
    name: Text
    role: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Alternatives(Model):
    count: int | None = None
    approved_by: Text | None = None
    date: CnDate | None = None


@dataclass(kw_only=True, repr=False, eq=False)
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
    members: list[Member] = field(default_factory=list)
    speaking_order: TextList = field(default_factory=list)
    nonvoting_attendees: list[Attendee] = field(default_factory=list)
    presenter: Text | None = None
    leader_in_charge_recommendation: Text | None = None
    head_conclusion: Text | None = None
    materials: TextList = field(default_factory=list)
    alternatives: Alternatives | None = None
    outcome: Outcome | None = None
    resolution: Text | None = None
    decider_reason: Text | None = None
    documents: TextList = field(default_factory=list)

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


@dataclass(kw_only=True, repr=False, eq=False)
class Issued(Model):
    date: CnDate | None = None
    doc_no: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
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


@dataclass(kw_only=True, repr=False, eq=False)
class Waiver(Model):
    rule: Text
    path: Text | None = None
    reason: Text | None = None
    basis: Text | None = None
    approved_by: Text | None = None
    date: CnDate | None = None
    expires: CnDate | None = None


# ------------------------------------------------------------------------------------------- kinds


@dataclass(kw_only=True, repr=False, eq=False)
class Decision(Model):
    """One major administrative decision (``kind: decision``, the default)."""

    kind: Literal["decision", "决策"] = "decision"
    id: Text
    title: Text
    organ: Text
    organ_level: OrganLevel
    sponsor: TextList
    jurisdiction: Text | None = None
    category: Annotated[list[Category], before(to_list)] = field(default_factory=list)
    livelihood_areas: Annotated[list[LivelihoodArea], before(to_list)] = field(default_factory=list)
    flags: Flags = field(default_factory=Flags)
    excluded: Excluded | None = None
    non_disclosure: NonDisclosure | None = None
    hearing_required_by_law: HearingRequiredByLaw | None = None
    catalog: CatalogRef | None = None
    launched: Launched | None = None
    status: DecisionStatus | None = None
    steps: Steps = field(default_factory=Steps)
    meetings: list[Meeting] = field(default_factory=list)
    issued: Issued | None = None
    documents: list[Document] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)

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

    def year(self) -> int | None:
        """The year the decision belongs to in annual counts: its decision date's (the governing
        meeting's); while in progress, its catalogue entry's year, else its launch year, else the year
        of its first dated step or meeting."""
        meeting = self.governing_meeting()
        if self.effective_status is not DecisionStatus.IN_PROGRESS:
            return meeting.date.year if meeting is not None and meeting.date is not None else None
        if self.catalog is not None:
            return self.catalog.year
        if self.launched is not None and self.launched.date is not None:
            return self.launched.date.year
        steps = [self.steps.get(name) for name in STEP_NAMES]
        days = [d for step in steps if step is not None and (d := step.primary_date()) is not None]
        days += [m.date for m in self.meetings if m.date is not None]
        return min(days).year if days else None

    def document(self, doc_id: str) -> Document | None:
        """The evidence-register entry with ``doc_id``."""
        return next((d for d in self.documents if d.id == doc_id), None)

    def discloses(self, scope: DisclosureScope) -> bool:
        """False when ``non_disclosure`` covers ``scope`` (依法不予公开)."""
        return self.non_disclosure is None or scope not in self.non_disclosure.scope


@dataclass(kw_only=True, repr=False, eq=False)
class CatalogAdopted(Model):
    date: CnDate | None = None
    meeting: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class CatalogPublished(Model):
    date: CnDate | None = None
    url: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class CatalogEntry(Model):
    entry: Text
    title: Text | None = None
    decision_id: Text | None = None
    reason: Text | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Catalog(Model):
    """The year's 重大行政决策事项目录 (``kind: catalog``)."""

    kind: Literal["catalog", "目录"]
    year: int
    organ: Text
    owner: Text | None = None
    adopted: CatalogAdopted | None = None
    party_consent: CnDate | None = None
    published: CatalogPublished | None = None
    entries: list[CatalogEntry] = field(default_factory=list)


@dataclass(kw_only=True, repr=False, eq=False)
class Quorum(Model):
    """An organ's quorum: the share of members who must attend, and whether reaching it exactly counts."""

    fraction: Share = Fraction(1, 2)
    inclusive: CnBool = True  # at least (半数以上, 含本数); false: strictly more than (过半数)
    basis: Text | None = None

    # A spelling that says "more than" (过半数) or "at least" (半数) sets ``inclusive``.
    __get_pydantic_core_schema__ = before_model(share_with_inclusive)


@dataclass(kw_only=True, repr=False, eq=False)
class RulesOfProcedure(Model):
    title: Text | None = None
    doc_no: Text | None = None


def _procedure(value: Any) -> Any:
    return {"title": value} if isinstance(value, str) else value


@dataclass(kw_only=True, repr=False, eq=False)
class OrganArchive(Model):
    fonds_no: Text | None = None
    due_days: int | None = None


@dataclass(kw_only=True, repr=False, eq=False)
class Organ(Model):
    """Facts of a decision-making body that no single decision holds (``kind: organ``)."""

    kind: Literal["organ", "机关"]
    name: Text
    code: Text | None = None
    level: OrganLevel
    jurisdiction: Text | None = None
    head_title: Text | None = None
    bodies: Annotated[list[MeetingBody], before(to_list)] = field(default_factory=list)
    quorum: Quorum | None = None
    legality_reviewers: TextList = field(default_factory=list)
    legal_adviser: Text | None = None
    rules_of_procedure: Annotated[RulesOfProcedure | None, before(_procedure)] = None
    archive: OrganArchive | None = None
    # 会议纪要 titles by meeting body (e.g. party_committee: 中共龙河镇委员会会议纪要) and the roles in
    # rank order (出席 lists follow it): used by the minutes documents, not by any check.
    minutes_titles: dict[str, Text] = field(default_factory=dict)
    rank_order: TextList = field(default_factory=list)


Record = Decision | Catalog | Organ
KINDS: dict[str, type[Decision] | type[Catalog] | type[Organ]] = {
    "decision": Decision,
    "决策": Decision,
    "catalog": Catalog,
    "目录": Catalog,
    "organ": Organ,
    "机关": Organ,
}
