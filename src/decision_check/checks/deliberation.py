"""Checks of how a meeting deliberated and what became of its outcome: the head's departure from the
majority (MEET-05), majority approval (MEET-06), recorded opinions (MEET-07), shelved lapse (MEET-08).

713号 arts 30–31; 189号 arts 21–22.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from decision_check.checks.base import CheckDef, Context, NoOptions, Options, Violation, check
from decision_check.checks.meetings import (
    _APPROVING,
    meeting_label,
)
from decision_check.i18n import Text
from decision_check.models.enums import (
    DecisionRule,
    MeetingBody,
    MemberOpinion,
    Outcome,
)
from decision_check.models.lazy import constrained
from decision_check.models.records import Meeting

# ------------------------------------------------------------------------------------ MEET-05


def opinion_counts(meeting: Meeting) -> dict[MemberOpinion, int]:
    """Opinions of the members present (absent members' written opinions are not counted)."""
    counts = dict.fromkeys(MemberOpinion, 0)
    for member in meeting.members:
        if member.present and member.opinion is not None:
            counts[member.opinion] += 1
    return counts


@check(
    "head_departure_reason",
    NoOptions,
    Text(
        "行政首长决定的会议，决定与出席人员多数意见不一致（弃权、缓议不计入任何一方）时，须记载其在会上说明的理由"
        "（decider_reason）。通过：3人同意1人反对，决定通过；不通过：1人同意2人反对1人弃权，决定通过且未记载理由。",
        "Where the head decides against the majority of present members' opinions (abstain and defer count for "
        "neither side), decider_reason records the reason given at the meeting. Pass: 3 agree, 1 disagree, "
        "approved. Fail: 1 agrees, 2 disagree, approved without a reason.",
    ),
)
def head_departure_reason(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    for index, meeting in enumerate(ctx.decision.meetings):
        if (
            not meeting.is_deciding
            or meeting.outcome is None
            or not meeting.members
            or meeting.effective_rule is not DecisionRule.HEAD_DECIDES
            or meeting.decider_reason
        ):
            continue
        counts = opinion_counts(meeting)
        agree, disagree = counts[MemberOpinion.AGREE], counts[MemberOpinion.DISAGREE]
        majority = MemberOpinion.AGREE if agree > disagree else MemberOpinion.DISAGREE if disagree > agree else None
        decided = (
            MemberOpinion.AGREE
            if meeting.outcome in _APPROVING
            else MemberOpinion.DISAGREE
            if meeting.outcome is Outcome.REJECTED
            else None
        )
        if majority is None or majority is decided:
            continue
        head = meeting.head()
        name = meeting_label(meeting, index)
        yield Violation(
            ("meetings", index, "decider_reason"),
            {
                "meeting": name,
                "head": head.name if head else "行政首长",
                "outcome": meeting.outcome.zh,
                "outcome_en": meeting.outcome.en,
                "agree": agree,
                "disagree": disagree,
                "neither": counts[MemberOpinion.ABSTAIN] + counts[MemberOpinion.DEFER],
                "majority": majority.zh,
                "majority_en": majority.en,
            },
            item=name,
        )


# ------------------------------------------------------------------------------------ MEET-06


@check(
    "majority_approval",
    NoOptions,
    Text(
        "少数服从多数的会议（党委会、党政联席会议）作出同意决定，出席且同意的人数须超过应到人数的一半"
        "（缺席者的书面意见不计）。通过：应到5人、4人同意；不通过：应到5人、2人同意。",
        "A majority body's approval needs more than half of the members due to attend agreeing in person "
        "(absent members' written opinions not counted). Pass: 4 of 5 agree. Fail: 2 of 5.",
    ),
)
def majority_approval(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    for index, meeting in enumerate(ctx.decision.meetings):
        if (
            not meeting.members
            or meeting.effective_rule is not DecisionRule.MAJORITY
            or meeting.outcome not in _APPROVING
        ):
            continue
        due = len(meeting.members)
        agree = opinion_counts(meeting)[MemberOpinion.AGREE]
        if agree * 2 > due:
            continue
        name = meeting_label(meeting, index)
        yield Violation(
            ("meetings", index, "outcome"),
            {"meeting": name, "agree": agree, "due": due, "required": due // 2 + 1},
            item=name,
        )


# ------------------------------------------------------------------------------------ MEET-07


@check(
    "opinions_recorded",
    NoOptions,
    Text(
        "每位出席人员的意见（opinion）都须记录，反对意见也不例外。政府的决定、再次审议、调整会议为 default，"
        "其他会议（党委会等）为 other。通过：出席4人都有 opinion；不通过：孙某出席但未记录意见。",
        "Every present member's opinion is recorded, dissent included: `default` for the government's deciding, "
        "re-deliberation and adjustment meetings, `other` for other meetings. Pass: all 4 present have an opinion. "
        "Fail: Sun attended, no opinion recorded.",
    ),
)
def opinions_recorded(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    for index, meeting in enumerate(ctx.decision.meetings):
        government = meeting.is_deciding and meeting.body is not MeetingBody.PARTY_COMMITTEE
        name = meeting_label(meeting, index)
        for position, member in enumerate(meeting.members):
            if not member.present or member.opinion is not None:
                continue
            yield Violation(
                ("meetings", index, "members", position, "opinion"),
                {"meeting": name, "member": member.name, "role": member.role or ""},
                outcome="default" if government else "other",
                item=f"{name}:{member.name}",
            )


# ------------------------------------------------------------------------------------ MEET-08


def add_years(day: date, years: int) -> date:
    """The corresponding day ``years`` later (29 February → 28 February: 民法典 art 202, month end)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, kw_only=True)
class LapseOptions(Options):
    years: Annotated[int, constrained(ge=1)] = 1


@check(
    "shelved_lapse",
    LapseOptions,
    Text(
        "决定会议搁置的事项，搁置超过 years 年（自搁置会议次日起算，至对应日届满）后再次决定的，原决策事项已自动废止。"
        "通过：2019-06-10 搁置、2020-06-10 再次决定；不通过：2020-06-11 再次决定。",
        "A matter shelved at a deciding meeting and decided again more than `years` later has lapsed. "
        "Pass: shelved 10 June 2019, decided 10 June 2020. Fail: decided 11 June 2020.",
    ),
)
def shelved_lapse(ctx: Context, options: LapseOptions) -> Iterator[Violation]:
    shelved: tuple[int, Meeting, date] | None = None
    for index, meeting in enumerate(ctx.decision.meetings):
        if not meeting.is_deciding or meeting.outcome is None or meeting.date is None:
            continue
        if meeting.outcome is Outcome.SHELVED:
            if shelved is None:
                shelved = (index, meeting, meeting.date)
            continue
        if shelved is not None and meeting.outcome in _APPROVING:
            first, shelved_meeting, shelved_on = shelved
            lapsed_after = add_years(shelved_on, options.years)
            if meeting.date > lapsed_after:
                yield Violation(
                    ("meetings", index, "date"),
                    {
                        "shelved_meeting": meeting_label(shelved_meeting, first),
                        "shelved": shelved_on,
                        "meeting": meeting_label(meeting, index),
                        "date": meeting.date,
                        "last_day": lapsed_after,
                        "years": options.years,
                    },
                    item=meeting_label(meeting, index),
                )
        shelved = None


CHECKS: tuple[CheckDef, ...] = (
    head_departure_reason,
    majority_approval,
    opinions_recorded,
    shelved_lapse,
)
