"""Context of a 会议纪要 (GB/T 9704-2012 §10.3): pure — records and check results in, a dict out.

One 纪要 is one meeting; a meeting that took several decisions has one 议题 per decision (the
records must agree on the meeting — MEET-09 checks that). :func:`build_minutes_context` makes the
context of the ``minutes`` document: ``meetings`` (one or more 纪要), ``process_record`` (the
decision's 决策过程记录表, or ``None``), ``sources``, ``tool_version``, ``footer``,
``open_findings``. Each entry of ``meetings`` (:func:`build_meeting_context`) holds plain values:

``title`` (the organ file's ``minutes_titles`` for the body, else organ name + body label + 纪要),
``minutes_no``, ``number_line``, ``meeting_name``, ``date`` (ISO), ``date_text`` (2020年10月12日),
``location``, ``chair``, ``recorder``, ``body``, ``opening``;
``present`` / ``absent`` / ``nonvoting`` (lists of dicts: name, role, reason, written_opinion) and
the one-line forms ``present_line`` / ``absent_line`` / ``nonvoting_line`` / ``recorder_line``;
``topics``: per decision ``number``, ``heading``, ``decision_id``, ``title``, ``presenter``,
``recommendation``, ``views`` (name, role, opinion, remarks, dissent, text — in speaking order),
``conclusion``, ``outcome``, ``decider_reason``, ``resolution``, ``lines`` (the body paragraphs
as text, for the Word template);
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from decision_check.models.enums import MemberOpinion
from decision_check.models.records import Decision, Meeting, Member, Organ

NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Source:
    """A record file a document was generated from."""

    path: str
    sha256: str


def cn_date(value: date | None) -> str:
    """2020年10月12日 (GB/T 9704 dates: Arabic numerals, no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else "（日期未记载）"


def numeral(index: int) -> str:
    """一, 二, … 十, then Arabic numerals."""
    return NUMERALS[index - 1] if 1 <= index <= len(NUMERALS) else str(index)


def minutes_title(meeting: Meeting, organ: Organ | None, organ_name: str) -> str:
    """The 纪要 title: the organ file's ``minutes_titles`` entry for the body, else a composed one."""
    if organ is not None and meeting.body is not None:
        title = organ.minutes_titles.get(meeting.body.value)
        if title:
            return title
    label = meeting.body.zh if meeting.body is not None else "会议"
    return f"{organ_name}{label}纪要"


def rank_sorted(members: Sequence[Member], organ: Organ | None) -> list[Member]:
    """Members in the organ's rank order (``rank_order`` lists roles); unknown roles keep their place after."""
    order = list(organ.rank_order) if organ is not None else []
    if not order:
        return list(members)

    def key(item: tuple[int, Member]) -> tuple[int, int]:
        index, member = item
        role = member.role or ""
        rank = next((i for i, r in enumerate(order) if r == role), len(order))
        return (rank, index)

    return [m for _, m in sorted(enumerate(members), key=key)]


def _person(member: Member) -> dict[str, Any]:
    written = member.written_opinion
    opinion = "" if written in (None, False) else ("提交书面意见" if written is True else f"书面意见：{written}")
    return {
        "name": member.name,
        "role": member.role or "",
        "reason": member.absence_reason or "",
        "written_opinion": opinion,
    }


def _who(person: dict[str, Any]) -> str:
    return f"{person['name']}（{person['role']}）" if person["role"] else person["name"]


def _absent(person: dict[str, Any]) -> str:
    """褚某（副县长，在市里参加会议；书面意见：…）."""
    first = "，".join(x for x in (person["role"], person["reason"]) if x)
    inside = "；".join(x for x in (first, person["written_opinion"]) if x)
    return f"{person['name']}（{inside}）" if inside else person["name"]


def _views(meeting: Meeting) -> list[dict[str, Any]]:
    by_name = {m.name: m for m in meeting.members}
    views: list[dict[str, Any]] = []
    for name in meeting.spoken_order():
        member = by_name.get(name)
        if member is None or not member.present:
            continue
        opinion = member.opinion.zh if member.opinion is not None else "（未记录意见）"
        dissent = member.opinion in (MemberOpinion.DISAGREE, MemberOpinion.ABSTAIN, MemberOpinion.DEFER)
        remarks = member.remarks or ""
        text = f"{opinion}。{remarks}" if remarks else f"{opinion}。"
        views.append(
            {
                "name": member.name,
                "role": member.role or "",
                "opinion": opinion,
                "remarks": remarks,
                "dissent": dissent,
                "head": member.head,
                "text": text,
            }
        )
    return views


def _topic(number: int, decision: Decision, meeting: Meeting) -> dict[str, Any]:
    views = _views(meeting)
    lines = []
    if meeting.presenter:
        lines.append(f"{meeting.presenter}汇报了《{decision.title}》有关情况。")
    if meeting.leader_in_charge_recommendation:
        lines.append(f"分管领导意见：{meeting.leader_in_charge_recommendation}")
    lines.append("与会人员逐一发表意见：")
    lines.extend(f"{v['name']}{'（' + v['role'] + '）' if v['role'] else ''}：{v['text']}" for v in views)
    if meeting.head_conclusion:
        lines.append(f"主持人总结：{meeting.head_conclusion}")
    if meeting.decider_reason:
        lines.append(f"决定与多数意见不一致的理由：{meeting.decider_reason}")
    outcome = meeting.outcome.zh if meeting.outcome is not None else "（未记载结论）"
    lines.append(f"议定事项：{meeting.resolution or outcome}")
    return {
        "number": number,
        "heading": f"{numeral(number)}、关于《{decision.title}》",
        "decision_id": decision.id,
        "title": decision.title,
        "presenter": meeting.presenter or "",
        "recommendation": meeting.leader_in_charge_recommendation or "",
        "views": views,
        "conclusion": meeting.head_conclusion or "",
        "outcome": outcome,
        "decider_reason": meeting.decider_reason or "",
        "resolution": meeting.resolution or "",
        "lines": lines,
    }


def build_meeting_context(entries: Sequence[tuple[Decision, Meeting]], organ: Organ | None) -> dict[str, Any]:
    """One meeting's 纪要; ``entries`` are (decision, that decision's record of the meeting), one 议题 each."""
    if not entries:
        raise ValueError("a 纪要 needs at least one decision")
    decision, meeting = entries[0]
    organ_name = organ.name if organ is not None else decision.organ
    members = rank_sorted(meeting.members, organ)
    present = [_person(m) for m in members if m.present]
    absent = [_person(m) for m in members if not m.present]
    nonvoting = [
        {"name": a.name, "role": a.role or "", "reason": "", "written_opinion": ""} for a in meeting.nonvoting_attendees
    ]
    topics = [_topic(i, d, m) for i, (d, m) in enumerate(entries, start=1)]
    body = meeting.body.zh if meeting.body is not None else "会议"
    subjects = "、".join(f"《{d.title}》" for d, _ in entries)
    where = f"在{meeting.location}" if meeting.location else ""
    chair = f"由{meeting.chair}主持" if meeting.chair else ""
    opening = f"{cn_date(meeting.date)}，{meeting.name or body}{where}召开，{chair}，研究{subjects}。现纪要如下："
    absent_line = "；".join(_absent(p) for p in absent)
    return {
        "title": minutes_title(meeting, organ, organ_name),
        "organ": organ_name,
        "minutes_no": meeting.minutes_no or "",
        "number_line": meeting.minutes_no or (meeting.name or ""),
        "meeting_name": meeting.name or "",
        "body": body,
        "purpose": meeting.purpose.value,
        "date": meeting.date.isoformat() if meeting.date else "",
        "date_text": cn_date(meeting.date),
        "location": meeting.location or "",
        "chair": meeting.chair or "",
        "recorder": meeting.recorder or "",
        "opening": opening,
        "present": present,
        "absent": absent,
        "nonvoting": nonvoting,
        "present_line": "、".join(_who(p) for p in present),
        "absent_line": absent_line,
        "nonvoting_line": "、".join(_who(p) for p in nonvoting),
        "recorder_line": meeting.recorder or "",
        "topics": topics,
    }


def footer_text(what: str, sources: Sequence[Source], tool_version: str) -> str:
    """The footer naming the source records, their SHA-256 and the tool version."""
    files = "；".join(f"{s.path}（SHA-256 {s.sha256}）" for s in sources)
    return f"本{what}由 decision-check {tool_version} 根据决策记录生成：{files}"


def build_minutes_context(
    meetings: Sequence[Mapping[str, Any]],
    sources: Sequence[Source],
    tool_version: str,
    open_findings: Sequence[str] = (),
    process_record: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The context of the ``minutes`` document: one or more 纪要 (each from :func:`build_meeting_context`),
    optionally followed by the decision's 决策过程记录表 (from ``process_record.build_process_record_context``)."""
    return {
        "meetings": [dict(m) for m in meetings],
        "process_record": dict(process_record) if process_record is not None else None,
        "sources": [{"path": s.path, "sha256": s.sha256} for s in sources],
        "tool_version": tool_version,
        "footer": footer_text("文件", sources, tool_version),
        "open_findings": list(open_findings),
    }
