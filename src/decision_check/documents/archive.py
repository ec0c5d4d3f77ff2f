"""Which meetings a ``minutes`` run documents, and whether the records are fit for an official 纪要.

Works on what :func:`decision_check.validate.run` found — it never re-runs a check. A meeting is
refused (exit 1, unless ``--draft``) when it has an open finding of a meeting rule that makes the
纪要 untrue or incomplete (:data:`REFUSING_RULES`: quorum, majority, departure without reasons,
missing views, records of one meeting that disagree), when the decision's deciding meeting has any
open error finding, or when a deciding meeting records no 议定事项 (``resolution``/``outcome``) —
the one requirement no rule covers, because it is the document's own content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from decision_check.documents.minutes import Source
from decision_check.documents.process_record import finding_line
from decision_check.findings import DecisionOutcome, Finding, Result, Severity
from decision_check.loader import LoadedFile
from decision_check.models.records import Decision, Meeting, Organ
from decision_check.rulesets import RuleBook

REFUSING_RULES = frozenset({"MEET-03", "MEET-05", "MEET-06", "MEET-07", "MEET-09"})
_MEETING_PATH = re.compile(r"^meetings\[(\d+)\]")


@dataclass
class Record:
    """One decision file with what the run found about it."""

    loaded: LoadedFile
    decision: Decision
    outcome: DecisionOutcome | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def source(self) -> Source:
        return Source(self.loaded.file, self.loaded.sha256)


def meeting_index(finding: Finding) -> int | None:
    """The meeting a finding's path points into (``meetings[2].members`` → 2)."""
    match = _MEETING_PATH.match(finding.path)
    return int(match.group(1)) if match else None


def records(loaded: Iterable[LoadedFile], result: Result) -> list[Record]:
    """Decision files joined with their outcome and findings (by file name)."""
    outcomes = {o.file: o for o in result.decisions}
    by_file = result.by_file()
    out = []
    for item in loaded:
        if isinstance(item.record, Decision):
            out.append(Record(item, item.record, outcomes.get(item.file), by_file.get(item.file, [])))
    return out


def organs(loaded: Iterable[LoadedFile]) -> dict[str, Organ]:
    """Organ files by organ name."""
    return {item.record.name: item.record for item in loaded if isinstance(item.record, Organ)}


def minuted(decision: Decision) -> list[int]:
    """Indexes of the meetings the file records with their members (those that get a 纪要)."""
    return [i for i, m in enumerate(decision.meetings) if m.members]


def problems(record: Record, indexes: Sequence[int]) -> list[str]:
    """Why the meetings ``indexes`` of ``record`` cannot be documented officially (file:line lines)."""
    governing = record.decision.governing_meeting_index()
    lines: list[str] = []
    for finding in sorted(record.findings, key=Finding.sort_key):
        if finding.waived:
            continue
        index = meeting_index(finding)
        meeting_rule = finding.rule in REFUSING_RULES and index in indexes
        cross = finding.rule == "MEET-09" and (index is None or index in indexes)
        deciding_error = index is not None and index == governing and finding.severity is Severity.ERROR
        if meeting_rule or cross or deciding_error:
            lines.append(finding_line(finding))
    for index in indexes:
        meeting = record.decision.meetings[index]
        if meeting.is_deciding and not meeting.resolution and meeting.outcome is None:
            span = record.loaded.source.locate(("meetings", index))
            where = f"{record.loaded.file}:{span.line}" if span else record.loaded.file
            lines.append(f"{where} 会议未记载议定事项（resolution / outcome）")
    return list(dict.fromkeys(lines))


def same_meeting(a: Meeting, b: Meeting) -> bool:
    """One meeting recorded in two files: same minutes number (else the same body, date and name)."""
    if a.minutes_no and b.minutes_no:
        return a.minutes_no == b.minutes_no
    return a.key == b.key


def attendance(meeting: Meeting) -> tuple[str, str, tuple[tuple[str, bool], ...], tuple[str, ...]]:
    """What every record of one meeting must agree on: date, body, members and presence, attendees."""
    return (
        meeting.date.isoformat() if meeting.date else "",
        meeting.body.value if meeting.body else "",
        tuple(sorted((m.name, m.present) for m in meeting.members)),
        tuple(sorted(a.name for a in meeting.nonvoting_attendees)),
    )


def disagreements(entries: Sequence[tuple[Record, int]]) -> list[str]:
    """Lines naming the records whose attendance differs from the first record of the meeting."""
    first_record, first_index = entries[0]
    expected = attendance(first_record.decision.meetings[first_index])
    lines = []
    for record, index in entries[1:]:
        if attendance(record.decision.meetings[index]) != expected:
            span = record.loaded.source.locate(("meetings", index))
            where = f"{record.loaded.file}:{span.line}" if span else record.loaded.file
            lines.append(f"{where} 会议的日期、议事机构或出席人员与 {first_record.loaded.file} 的记载不一致（MEET-09）")
    return lines


def find_meeting(all_records: Sequence[Record], minutes_no: str) -> list[tuple[Record, int]]:
    """Every (record, meeting index) of the meeting numbered ``minutes_no``, in decision-id order."""
    found = [
        (r, i)
        for r in all_records
        for i, m in enumerate(r.decision.meetings)
        if m.minutes_no == minutes_no and m.members
    ]
    return sorted(found, key=lambda pair: pair[0].decision.id)


def basis_table(book: RuleBook) -> dict[str, list[tuple[str, str, str]]]:
    """Per rule set: (step, rule id, citations) of the rules that make a step required."""
    table: dict[str, list[tuple[str, str, str]]] = {}
    for set_id, rule_set in book.sets.items():
        for rule in rule_set.rules.values():
            if rule.check.requires_step:
                cites = "、".join(c.text for c in rule.citations)
                table.setdefault(set_id, []).append((rule.step, rule.id, cites))
    return table


def step_basis(rules: Mapping[str, Sequence[tuple[str, str, str]]], outcome: DecisionOutcome) -> dict[str, str]:
    """Step → 'RULE 《instrument》article' for the step_required rules of the sets applied to the decision.

    ``rules`` maps a rule-set id to its (step, rule id, citation) triples for ``step_required`` rules.
    """
    found: dict[str, dict[str, str]] = {}
    for use in outcome.rule_sets:
        for step, rule_id, citation in rules.get(use.id, ()):
            found.setdefault(step, {})[rule_id] = f"{rule_id} {citation}".strip()
    return {step: "；".join(by_rule.values()) for step, by_rule in found.items()}


def output_name(record: Record, fmt: str) -> str:
    """File name of one decision's document in ``--output-dir``."""
    return f"{record.decision.id}.{fmt}"
