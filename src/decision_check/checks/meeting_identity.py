"""MEET-09: one meeting recorded the same way in every decision file that describes it.

Which records describe the same meeting (:func:`meeting_identity`) and what they must agree on.
713号 art 30 para 3 (record truthfully), art 33.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from decision_check.checks.base import CheckDef, Context, NoOptions, Violation, check
from decision_check.checks.meetings import present_members
from decision_check.i18n import Text
from decision_check.models.enums import MeetingBody
from decision_check.models.records import Meeting

# ------------------------------------------------------------------------------------ MEET-09


@dataclass(frozen=True)
class MeetingFacts:
    """What several files must agree on about one meeting (kept until every file has been read)."""

    group: tuple[object, ...]  # the meeting's identity (see meeting_identity)
    decision: str
    date: date | None
    body: MeetingBody | None
    due: frozenset[str]
    present: frozenset[str]
    has_members: bool


def meeting_identity(organ: str, meeting: Meeting) -> tuple[object, ...] | None:
    """Which meeting a record describes, for comparing files.

    Two files describe the same meeting when they give the same minutes number (纪要编号) for the
    same organ; without one, when organ, body, date and name all agree — a generic name such as
    "党委会" or "班子会" held on two dates is two meetings. None when there is too little to tell
    (no minutes number and no name, or no date).
    """
    if meeting.minutes_no:
        return ("minutes_no", organ, meeting.minutes_no.strip())
    if meeting.name and meeting.date is not None:
        return ("meeting", organ, meeting.body, meeting.date, meeting.name.strip())
    return None


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
    groups: dict[tuple[object, ...], list[tuple[int, MeetingFacts]]] = {}
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


def _meeting_of(candidate: Violation) -> object:
    """The meeting a candidate describes: only candidates of one meeting are compared."""
    facts = candidate.values.get("facts")
    return facts.group if isinstance(facts, MeetingFacts) else None


@check(
    "same_meeting_agrees",
    NoOptions,
    Text(
        "同一次会议（同一机关的同一纪要编号；无编号时，同一机关、议事机构、日期和会议名称）被几件决策记载时，"
        "各文件记载的日期、议事机构和出席情况须一致；同名的“党委会”“班子会”在不同日期是不同的会议。"
        "通过：LH-2020-003 和 LH-2020-010 记载的第20次镇政府班子会出席名单相同；"
        "不通过：一件记李某某出席，另一件记其缺席。",
        "One meeting (same organ and minutes number; without one, same organ, body, date and name) written in "
        "several decision files agrees on its date, body and attendance; a generic name on two dates is two "
        "meetings. "
        "Pass: the same attendance in both files. Fail: Li present in one file, absent in the other.",
    ),
    finalize=_disagreements,
    partition=_meeting_of,
)
def same_meeting_agrees(ctx: Context, options: NoOptions) -> Iterator[Violation]:
    """Yields one candidate per identifiable meeting; the finalizer keeps those that disagree across files."""
    for index, meeting in enumerate(ctx.decision.meetings):
        group = meeting_identity(ctx.decision.organ, meeting)
        if group is None:
            continue
        identity = meeting.name or meeting.minutes_no or ""
        facts = MeetingFacts(
            group=group,
            decision=ctx.decision.id,
            date=meeting.date,
            body=meeting.body,
            due=frozenset(m.name for m in meeting.members),
            present=frozenset(present_members(meeting)),
            has_members=bool(meeting.members),
        )
        yield Violation(("meetings", index), {"facts": facts, "meeting": identity}, item=identity)


CHECKS: tuple[CheckDef, ...] = (same_meeting_agrees,)
