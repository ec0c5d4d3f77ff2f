"""Checks of collective discussion, party consideration, NPC and adjustment.

713号 arts 8, 29–31, 37; 189号 arts 18–22; 龙河镇's own practice of party discussion and minutes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from pydantic import Field, model_validator

from decision_check.checks.base import CheckDef, Context, NoOptions, Options, Violation, check
from decision_check.findings import STEP_LABELS, Citation
from decision_check.i18n import Text
from decision_check.models.enums import (
    DecisionRule,
    DocType,
    MeetingBody,
    MeetingPurpose,
    MemberOpinion,
    OrganLevel,
    Outcome,
    PartyForm,
)
from decision_check.models.records import STEP_NAMES, Meeting, Organ
from decision_check.models.types import Share, share_with_inclusive

_WRITTEN_FORMS = (PartyForm.REQUEST, PartyForm.REPORT)
_APPROVING = (Outcome.APPROVED, Outcome.AMENDED)


def body_label(body: MeetingBody | None) -> Text:
    """The body's printed name (未填写 when absent)."""
    return Text(body.zh, body.en) if body is not None else Text("未填写议事机构", "no body given")


def meeting_label(meeting: Meeting, index: int) -> str:
    """How a finding names a meeting: its name, else its body and date, else its position."""
    if meeting.name:
        return meeting.name
    parts = [
        p for p in (meeting.date.isoformat() if meeting.date else "", meeting.body.zh if meeting.body else "") if p
    ]
    return "".join(parts) or f"第{index + 1}次会议"


def is_meeting(meeting: Meeting) -> bool:
    """A meeting actually held — a written request or report to the party committee is not one."""
    return meeting.form not in _WRITTEN_FORMS


def present_members(meeting: Meeting) -> list[str]:
    """Names of the members present."""
    return [m.name for m in meeting.members if m.present]


# ------------------------------------------------------------------------------------ MEET-01


class BodiesOptions(Options):
    default_bodies: dict[OrganLevel, list[MeetingBody]] = Field(default_factory=dict)
    party_only_levels: list[OrganLevel] = Field(default_factory=lambda: [OrganLevel.TOWNSHIP, OrganLevel.SUBDISTRICT])


@check(
    "deciding_body",
    BodiesOptions,
    Text(
        "须有讨论决定会议（决定会议），且议事机构为本机关允许的机构：机关文件 bodies 所列；未列的，按层级取 "
        "default_bodies。乡镇只经党委会决定、未见政府集体讨论的为 party_only。"
        "通过：镇政府班子会同意；不通过：没有会议，或县政府事项只经县长办公会决定。",
        "A deciding meeting by a body allowed for the organ (organ file `bodies`, else `default_bodies` of its "
        "level); a township decided only by its party committee is `party_only`. Pass: the township government "
        "meeting approved. Fail: no meeting; a county matter decided by a body not allowed.",
    ),
    requires_step=True,
    row="meetings",
)
def deciding_body(ctx: Context, options: BodiesOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (no deciding meeting: info while in progress), ``body_not_allowed``, ``party_only``."""
    index = ctx.governing_index
    if index is None:
        yield Violation(("meetings",), pending=True)
        return
    meetings = ctx.decision.meetings
    meeting = meetings[index]
    level = ctx.decision.organ_level
    from_organ = ctx.organ is not None and bool(ctx.organ.bodies)
    allowed = list(ctx.organ.bodies) if ctx.organ is not None and from_organ else options.default_bodies.get(level, [])
    path = ("meetings", index, "body")
    label = body_label(meeting.body)
    values = {
        "meeting": meeting_label(meeting, index),
        "body": label.zh,
        "body_en": label.en,
        "allowed": "、".join(b.zh for b in allowed) or "—",
        "allowed_en": ", ".join(b.en for b in allowed) or "-",
        "source": "机关文件所列" if from_organ else f"{level.zh}默认",
        "source_en": "listed in the organ file" if from_organ else f"default for a {level.en}",
    }
    party = MeetingBody.PARTY_COMMITTEE
    if meeting.body is party and (level in options.party_only_levels or party in allowed):
        government_discussed = any(m.is_deciding and m.body is not None and m.body is not party for m in meetings)
        if not government_discussed:
            yield Violation(path, values, outcome="party_only")
        return
    if meeting.body is None or meeting.body not in allowed:
        yield Violation(path, values, outcome="body_not_allowed")


# ------------------------------------------------------------------------------------ MEET-02


@check(
    "alternatives_approved",
    NoOptions,
    Text(
        "决定会议须提交经分管领导审核同意的决策备选方案：alternatives 有 count（≥1）、approved_by 和 date，"
        "且 date 不晚于会议日期。通过：2个方案，分管副县长 6月8日审核，6月15日开会；不通过：没有 alternatives。",
        "Alternatives approved by the leader in charge were submitted to the governing meeting: count >= 1, "
        "approved_by and a date no later than the meeting. Pass: 2 options approved 8 June, meeting 15 June. "
        "Fail: no alternatives.",
    ),
)
def alternatives_approved(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (none submitted), ``incomplete`` (approver or date missing), ``late``."""
    meeting = ctx.meeting
    if meeting is None:
        return
    path = (*ctx.meeting_path, "alternatives")
    values: dict[str, object] = {"meeting": meeting_label(meeting, ctx.governing_index or 0)}
    alternatives = meeting.alternatives
    if alternatives is None or not alternatives.count or alternatives.count < 1:
        yield Violation(path if alternatives is None else (*path, "count"), values)
        return
    missing = [
        label
        for label, value in (
            (Text("审核同意的分管领导（approved_by）", "approved_by"), alternatives.approved_by),
            (Text("审核日期（date）", "date"), alternatives.date),
        )
        if not value
    ]
    if missing:
        where = "approved_by" if not alternatives.approved_by else "date"
        yield Violation(
            (*path, where),
            {**values, "missing": "、".join(m.zh for m in missing), "missing_en": ", ".join(m.en for m in missing)},
            outcome="incomplete",
        )
    elif alternatives.date is not None and meeting.date is not None and alternatives.date > meeting.date:
        yield Violation(
            (*path, "date"),
            {**values, "approved": alternatives.date, "meeting_date": meeting.date},
            outcome="late",
        )


# ------------------------------------------------------------------------------------ MEET-03

_FRACTION_NAMES: dict[Fraction, Text] = {
    Fraction(1, 2): Text("半数", "half"),
    Fraction(2, 3): Text("三分之二", "two-thirds"),
    Fraction(1, 3): Text("三分之一", "one-third"),
    Fraction(3, 4): Text("四分之三", "three-quarters"),
}


def threshold_text(fraction: Fraction, inclusive: bool) -> Text:
    """``半数以上`` (at least half) / ``超过三分之二`` (more than two-thirds)."""
    name = _FRACTION_NAMES.get(fraction, Text(f"{fraction.numerator}/{fraction.denominator}", str(fraction)))
    if inclusive:
        return Text(f"{name.zh}以上", f"at least {name.en}")
    return Text(f"超过{name.zh}", f"more than {name.en}")


SHARE_SPELLINGS = Text(
    "机关文件的 quorum.fraction 及规则参数中的比例可写作 0.5、1/2、2/3、50%、半数、二分之一、三分之二、过半数："
    "“过半数”“超过……”为严格多于（不含本数）；“半数”“1/2”“……以上”为达到即可（含本数）；"
    "只写数字时由 inclusive 决定（默认含本数）。无法识别的比例是 SCHEMA 问题，该机关不按默认比例判断。",
    "An organ file's quorum.fraction and shares in rule parameters may be written 0.5, 1/2, 2/3, 50%, 半数, "
    "二分之一, 三分之二 or 过半数: 过半数 (and 超过…) means strictly more than; 半数, 1/2 and …以上 mean at least; "
    "a bare number leaves it to `inclusive` (default: at least). An unreadable share is a SCHEMA finding, and "
    "that organ is not judged with the default share instead.",
)


def share_reading(options: Options) -> Text | None:
    """How a check's ``fraction``/``inclusive`` options read (``rules show``): at least or strictly more
    than which share, with a worked count; None for options without a share."""
    fraction, inclusive = getattr(options, "fraction", None), getattr(options, "inclusive", None)
    if not isinstance(fraction, Fraction) or not isinstance(inclusive, bool):
        return None
    words = threshold_text(fraction, inclusive)
    count = required_count(8, fraction, inclusive)
    if inclusive:
        return Text(
            f"{words.zh}（含本数，达到即可）：应到 8 人须至少 {count} 人",
            f"{words.en} (reaching it exactly counts): {count} of 8 at least",
        )
    return Text(
        f"{words.zh}（不含本数，须严格多于；过半数即此义）：应到 8 人须至少 {count} 人",
        f"{words.en} (strictly; this is what 过半数 means): {count} of 8 at least",
    )


def required_count(due: int, fraction: Fraction, inclusive: bool) -> int:
    """The fewest present members that meet the threshold."""
    exact = fraction * due
    return math.ceil(exact) if inclusive else math.floor(exact) + 1


class QuorumOptions(Options):
    fraction: Share = Fraction(1, 2)  # 0.5, "1/2", "2/3", 半数, 过半数 … (models.types.parse_share)
    inclusive: bool = True  # at least (以上, 含本数); set false by a "more than" spelling such as 过半数
    statutory: bool = False  # fraction/inclusive are the law's, for government meetings

    @model_validator(mode="before")
    @classmethod
    def _spelling_sets_inclusive(cls, data: Any) -> Any:
        return share_with_inclusive(data)


def organ_citation(organ: Organ) -> Citation:
    """The organ's rules of procedure, as the basis of its configured quorum."""
    rules = organ.rules_of_procedure
    instrument = (rules.title if rules is not None and rules.title else f"{organ.name}议事规则").strip("《》")
    notes = [
        n for n in (rules.doc_no if rules is not None else None, organ.quorum.basis if organ.quorum else None) if n
    ]
    return Citation(instrument, None, "med", "；".join(notes) or None)


@check(
    "quorum",
    QuorumOptions,
    Text(
        "每次列明组成人员的会议，出席人数须达到法定（statutory，仅政府会议）或机关文件 quorum 规定的比例；"
        "都没有规定的，按 fraction（默认半数以上，含半数）为 unconfigured。"
        "通过：应到8人、出席4人（半数以上含本数）；不通过：应到8人、出席3人。",
        "Every meeting listing its members reaches the statutory share (government meetings, when `statutory`) "
        "or the organ file's quorum; with neither, `fraction` (default: at least half) as `unconfigured`. "
        "Pass: 4 of 8 present. Fail: 3 of 8.",
    ),
)
def quorum(ctx: Context, options: QuorumOptions) -> Iterator[Violation]:
    """Outcomes: ``default`` (the statutory share), ``organ`` (the organ's rules, cited on the finding),
    ``unconfigured`` (the default share: no rule applies)."""
    organ = ctx.organ
    law = options.fraction
    # An organ file that exists but could not be read (its SCHEMA finding says where) is not judged
    # as if it had set no quorum: only the statutory share, when there is one, is applied.
    unread = organ is None and ctx.decision.organ in ctx.corpus.unreadable_organs
    for index, meeting in enumerate(ctx.decision.meetings):
        if not meeting.members:
            continue
        due = len(meeting.members)
        present = len(present_members(meeting))
        government = meeting.body is None or not meeting.body.is_party
        tests: list[tuple[str, Fraction, bool, tuple[Citation, ...]]] = []
        if options.statutory and government:
            tests.append(("default", law, options.inclusive, ()))
        if organ is not None and organ.quorum is not None and government:
            own = organ.quorum.fraction
            tests.append(("organ", own, bool(organ.quorum.inclusive), (organ_citation(organ),)))
        if not tests and not unread:
            tests.append(("unconfigured", law, options.inclusive, ()))
        for outcome, fraction, inclusive, citations in tests:
            needed = required_count(due, fraction, inclusive)
            if present >= needed:
                continue
            rule = threshold_text(fraction, inclusive)
            absent = [m.name for m in meeting.members if not m.present]
            yield Violation(
                ("meetings", index, "members"),
                {
                    "meeting": meeting_label(meeting, index),
                    "present": present,
                    "due": due,
                    "required": needed,
                    "threshold": rule.zh,
                    "threshold_en": rule.en,
                    "absent": "、".join(absent) or "—",
                    "basis": (citations[0].note or citations[0].instrument) if citations else "",
                },
                outcome=outcome,
                item=meeting_label(meeting, index),
                citations=citations,
            )
            break


# ------------------------------------------------------------------------------------ MEET-04


@check(
    "head_speaks_last",
    NoOptions,
    Text(
        "行政首长决定的会议，行政首长最后发言（speaking_order，未记录时按出席名单顺序）；"
        "党委会等少数服从多数的会议，书记最后发言（party）。"
        "通过：speaking_order [钱某, 孙某, 赵某]，赵某为镇长；不通过：[赵某, 钱某, 孙某]。",
        "At meetings where the head decides, the head speaks last (speaking_order, else the order of members); "
        "at party bodies the secretary (`party`). Pass: [Qian, Sun, Zhao] with Zhao the head. Fail: Zhao first.",
    ),
)
def head_speaks_last(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Outcomes: ``default``, ``order_unrecorded`` (judged on the order of members), ``no_head``, ``party``."""
    for index, meeting in enumerate(ctx.decision.meetings):
        if not meeting.members:
            continue
        party = meeting.effective_rule is DecisionRule.MAJORITY
        head = meeting.head()
        name = meeting_label(meeting, index)
        if head is None:
            if not party:
                yield Violation(("meetings", index, "members"), {"meeting": name}, outcome="no_head", item=name)
            continue
        if not head.present:
            continue
        order = meeting.spoken_order()
        if order and order[-1] == head.name:
            continue
        if head.name in order:
            spoke = order.index(head.name) + 1
            position = Text(f"第 {spoke} 个发言", f"spoke in position {spoke}")
        else:
            position = Text("未列入发言顺序", "is not in the speaking order")
        outcome = "party" if party else ("default" if meeting.speaking_order else "order_unrecorded")
        where = "speaking_order" if meeting.speaking_order else "members"
        yield Violation(
            ("meetings", index, where),
            {
                "meeting": name,
                "head": head.name,
                "role": head.role or "",
                "position": position.zh,
                "position_en": position.en,
                "last": order[-1] if order else "—",
                "order": "、".join(order) or "—",
            },
            outcome=outcome,
            item=name,
        )


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


class LapseOptions(Options):
    years: int = Field(default=1, ge=1)


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


# ------------------------------------------------------------------------------------ MEET-09


@dataclass(frozen=True)
class MeetingFacts:
    """What several files must agree on about one meeting (kept until every file has been read)."""

    group: tuple[str, str]  # organ + meeting name (or minutes number)
    decision: str
    date: date | None
    body: MeetingBody | None
    due: frozenset[str]
    present: frozenset[str]
    has_members: bool


def _differences(mine: MeetingFacts, other: MeetingFacts, who: str) -> list[Text]:
    found: list[Text] = []
    if mine.date is not None and other.date is not None and mine.date != other.date:
        found.append(
            Text(f"日期：本件为 {mine.date}，{who} 为 {other.date}", f"date: {mine.date} here, {other.date} in {who}")
        )
    if mine.body is not None and other.body is not None and mine.body is not other.body:
        found.append(
            Text(
                f"议事机构：本件为{mine.body.zh}，{who} 为{other.body.zh}",
                f"body: {mine.body.en} here, {other.body.en} in {who}",
            )
        )
    if mine.has_members and other.has_members:
        if mine.due != other.due:
            only_here = "、".join(sorted(mine.due - other.due)) or "—"
            only_there = "、".join(sorted(other.due - mine.due)) or "—"
            found.append(
                Text(
                    f"应到人员：仅本件列入 {only_here}，仅 {who} 列入 {only_there}",
                    f"members due: only here {only_here}, only in {who} {only_there}",
                )
            )
        elif mine.present != other.present:
            zh: list[str] = []
            en: list[str] = []
            if here := "、".join(sorted(mine.present - other.present)):
                zh.append(f"本件记为出席而 {who} 未记为出席的有 {here}")
                en.append(f"present here but not in {who}: {here}")
            if there := "、".join(sorted(other.present - mine.present)):
                zh.append(f"{who} 记为出席而本件未记为出席的有 {there}")
                en.append(f"present in {who} but not here: {there}")
            found.append(Text("出席情况：" + "，".join(zh), "attendance: " + "; ".join(en)))
    return found


def _names(ids: Sequence[str], limit: int = 3) -> str:
    """``A、B、C`` or ``A、B、C 等5件``."""
    shown = "、".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} 等{len(ids)}件"


def _disagreements(candidates: Sequence[Violation]) -> Iterator[tuple[int, Violation]]:
    groups: dict[tuple[str, str], list[tuple[int, MeetingFacts]]] = {}
    for index, candidate in enumerate(candidates):
        facts = candidate.values.get("facts")
        if isinstance(facts, MeetingFacts):
            groups.setdefault(facts.group, []).append((index, facts))
    for members in groups.values():
        for index, mine in members:
            # Other files that disagree, grouped by what they say (one description per distinct version).
            versions: dict[tuple[object, ...], list[MeetingFacts]] = {}
            for _, other in members:
                if other.decision != mine.decision and _differences(mine, other, other.decision):
                    key = (other.date, other.body, other.due, other.present, other.has_members)
                    versions.setdefault(key, []).append(other)
            if not versions:
                continue
            found: list[Text] = []
            ordered = sorted(versions.values(), key=len, reverse=True)
            for version in ordered[:3]:
                ids = sorted(dict.fromkeys(v.decision for v in version))
                found.extend(_differences(mine, version[0], _names(ids)))
            others = sorted(dict.fromkeys(v.decision for version in ordered for v in version))
            candidate = candidates[index]
            yield (
                index,
                Violation(
                    candidate.path,
                    {
                        "meeting": candidate.values.get("meeting", ""),
                        "others": _names(others),
                        "diff": "；".join(t.zh for t in found),
                        "diff_en": "; ".join(t.en for t in found),
                    },
                    item=candidate.item,
                ),
            )


@check(
    "same_meeting_agrees",
    NoOptions,
    Text(
        "同一次会议（同一机关、同一会议名称）被几件决策记载时，各文件记载的日期、议事机构和出席情况须一致。"
        "通过：LH-2020-003 和 LH-2020-010 记载的第20次镇政府班子会出席名单相同；"
        "不通过：一件记李某某出席，另一件记其缺席。",
        "One meeting (same organ and name) written in several decision files agrees on its date, body and "
        "attendance. Pass: the same attendance in both files. Fail: Li present in one file, absent in the other.",
    ),
    finalize=_disagreements,
)
def same_meeting_agrees(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Yields one candidate per named meeting; the finalizer keeps those that disagree across files."""
    for index, meeting in enumerate(ctx.decision.meetings):
        identity = meeting.name or meeting.minutes_no
        if not identity:
            continue
        facts = MeetingFacts(
            group=(ctx.decision.organ, identity),
            decision=ctx.decision.id,
            date=meeting.date,
            body=meeting.body,
            due=frozenset(m.name for m in meeting.members),
            present=frozenset(present_members(meeting)),
            has_members=bool(meeting.members),
        )
        yield Violation(("meetings", index), {"facts": facts, "meeting": identity}, item=identity)


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


class MaterialsOptions(Options):
    steps: list[str] = Field(default_factory=lambda: list(_RESULTS), min_length=1)

    def model_post_init(self, _: Any) -> None:
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


class PartyBodiesOptions(Options):
    bodies: list[MeetingBody] = Field(
        default_factory=lambda: [MeetingBody.PARTY_COMMITTEE, MeetingBody.JOINT_PARTY_GOVERNMENT_MEETING],
        min_length=1,
    )


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
    deciding_body,
    alternatives_approved,
    quorum,
    head_speaks_last,
    head_departure_reason,
    majority_approval,
    opinions_recorded,
    shelved_lapse,
    same_meeting_agrees,
    meeting_materials,
    party_consideration,
    adjustment_meeting,
    party_committee_discussed,
    minutes_kept,
)
