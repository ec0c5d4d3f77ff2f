"""Checks of collective discussion: the deciding body (MEET-01), alternatives (MEET-02), quorum
(MEET-03), the head speaking last (MEET-04), and the meeting helpers the other meeting modules share
(:mod:`.deliberation`, :mod:`.meeting_identity`, :mod:`.meeting_records`).

713号 arts 29–31; 189号 arts 18–22.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from decision_check.checks.base import CheckDef, Context, NoOptions, Options, Violation, check
from decision_check.findings import Citation
from decision_check.i18n import Text
from decision_check.models.enums import (
    DecisionRule,
    MeetingBody,
    OrganLevel,
    Outcome,
    PartyForm,
)
from decision_check.models.lazy import before_model
from decision_check.models.records import Meeting, Organ
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


def _party_only_levels() -> list[OrganLevel]:
    return [OrganLevel.TOWNSHIP, OrganLevel.SUBDISTRICT]


@dataclass(frozen=True, kw_only=True)
class BodiesOptions(Options):
    default_bodies: dict[OrganLevel, list[MeetingBody]] = field(default_factory=dict)
    party_only_levels: list[OrganLevel] = field(default_factory=_party_only_levels)


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


@dataclass(frozen=True, kw_only=True)
class QuorumOptions(Options):
    fraction: Share = Fraction(1, 2)  # 0.5, "1/2", "2/3", 半数, 过半数 … (models.types.parse_share)
    inclusive: bool = True  # at least (以上, 含本数); set false by a "more than" spelling such as 过半数
    statutory: bool = False  # fraction/inclusive are the law's, for government meetings
    source: str | None = None  # the provision that sets the statutory share, named in the finding

    # A spelling that says "more than" (过半数) or "at least" (半数) sets ``inclusive``.
    __get_pydantic_core_schema__ = before_model(share_with_inclusive)


# Where the default threshold is said to come from when neither a regulation nor the organ file sets one
# (713号 sets no quorum: its art 30(1) only requires the meeting).
_GOVERNMENT_DEFAULT = Citation(
    "本机关议事规则",
    None,
    "unconfirmed",
    "机关文件未记录到会人数（quorum）；713号第三十条第一款只规定须经会议讨论，未规定到会人数；按半数以上（含本数）提示",
)
_PARTY_DEFAULT = Citation(
    "党委会议事规则",
    None,
    "unconfirmed",
    "党委会到会人数依党委议事规则及党内法规（如《中国共产党地方委员会工作条例》，条文号未核实）；按半数以上（含本数）提示",
)
_SOURCES: dict[str, Text] = {
    "government": Text(
        "机关文件未记录议事规则的到会人数，按半数以上提示", "no quorum in the organ file; half by default"
    ),
    "party": Text(
        "党委会议事规则（未记录，按半数以上提示）", "the party committee's rules (not recorded; half by default)"
    ),
}


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
        tests: list[tuple[str, Fraction, bool, tuple[Citation, ...], Text]] = []
        if options.statutory and government:
            statute = options.source or ""
            tests.append(("default", law, options.inclusive, (), Text(statute, statute)))
        if organ is not None and organ.quorum is not None and government:
            own = organ.quorum.fraction
            cited = organ_citation(organ)
            tests.append(("organ", own, bool(organ.quorum.inclusive), (cited,), _organ_source(cited)))
        if not tests and not unread:
            default = (
                (_GOVERNMENT_DEFAULT, _SOURCES["government"]) if government else (_PARTY_DEFAULT, _SOURCES["party"])
            )
            tests.append(("unconfigured", law, options.inclusive, (default[0],), default[1]))
        for outcome, fraction, inclusive, citations, source in tests:
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
                    "source": source.zh,
                    "source_en": source.en,
                },
                outcome=outcome,
                item=meeting_label(meeting, index),
                citations=citations,
            )
            break


def _organ_source(cited: Citation) -> Text:
    """The organ's rules as named in a finding: 《title》（doc no / basis）."""
    named = f"《{cited.instrument}》" + (f"（{cited.note}）" if cited.note else "")
    return Text(named, named)


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


CHECKS: tuple[CheckDef, ...] = (
    deciding_body,
    alternatives_approved,
    quorum,
    head_speaks_last,
)
