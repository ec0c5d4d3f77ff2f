"""What each page of the site shows, built from one validation result and the records it judged.

Counts come from the engine's outcomes (step rows, findings) — the site re-derives nothing the engine
decided. In public mode the page data simply never holds what may not be published: members' views
and names, private persons (hearing participants, experts), phone and ID numbers, finding messages
(they can quote people), and documents marked with a 密级.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from decision_check import summary
from decision_check.calendar import WorkingCalendar
from decision_check.findings import STEP_LABELS, DecisionOutcome, Finding, Result, Severity
from decision_check.models.enums import DecisionStatus
from decision_check.models.records import Catalog, Decision
from decision_check.rulesets import RuleBook
from decision_check.site.svg import Event
from decision_check.summary import FIVE_STEPS, Item

REQUIRED_ZH = {"yes": "必经", "no": "非必经", "conditional": "视情况"}
STATE_ZH = {"done": "已完成", "missing": "缺失", "pending": "待办", "not_applicable": "不适用", "not_required": "无需"}
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def slug(text: str) -> str:
    """A file name for an id: letters, digits, ``-`` and ``_`` kept, anything else as ``_``."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text) or "_"


@dataclass(frozen=True)
class FindingView:
    rule: str
    severity: str
    severity_code: str
    path: str
    location: str
    message: str
    hint: str
    citation: str
    waived: bool
    waiver: str


@dataclass(frozen=True)
class StepView:
    label: str
    required: str
    state: str
    state_code: str
    day: str


@dataclass(frozen=True)
class MeetingView:
    name: str
    day: str
    outcome: str
    members: list[tuple[str, str, str]]  # name, present or absent (reason), view


@dataclass
class DecisionPage:
    id: str
    slug: str
    organ: str
    title: str
    status: str
    status_code: str
    year: str
    governing_date: str
    governing_source: str
    rule_sets: list[tuple[str, str]]
    steps: list[StepView]
    events: list[Event]
    findings: list[FindingView]
    documents: list[tuple[str, str, str, str]]  # id, type, title, date
    missing_steps: list[str]
    rules: list[str]
    meetings: list[MeetingView] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity_code == "error" and not f.waived)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity_code == "warning" and not f.waived)


@dataclass
class RulePage:
    id: str
    slug: str
    title: str
    severity: str
    citations: list[str]
    periods: list[str]
    flagged: list[tuple[str, str, int]]  # decision id, its page slug, findings


@dataclass
class Overview:
    decisions: int
    by_status: list[tuple[str, int]]
    by_year: list[tuple[str, int]]
    steps: list[tuple[str, int, int, int]]  # label, required, done, missing
    by_severity: list[tuple[str, int]]
    by_rule: list[tuple[str, int]]
    catalogue: list[tuple[str, int]]


def _finding_view(finding: Finding, public: bool) -> FindingView:
    line = f":{finding.line}" if finding.span is not None else ""
    return FindingView(
        rule=finding.rule,
        severity=SEVERITY_ZH[finding.severity],
        severity_code=finding.severity.value,
        path=finding.path,
        location=f"{finding.file}{line}",
        message="" if public else finding.message.zh,
        hint="" if public else finding.hint.zh,
        citation=finding.citation,
        waived=finding.waived,
        waiver="" if public or not finding.waived else f"{finding.waiver_reason or ''}（{finding.waiver_basis or ''}）",
    )


def _events(decision: Decision, flagged: set[str], calendar: WorkingCalendar) -> list[Event]:
    steps = decision.steps
    out: list[Event] = []

    def add(key: str, label: str, start: date | None, end: date | None = None, note: str = "") -> None:
        if start is not None:
            hit = any(path == key or path.startswith((key + ".", key + "[")) for path in flagged)
            out.append(Event(key, label, start, end, note, hit))

    participation = steps.public_participation
    if participation is not None:
        notice = participation.notice.date if participation.notice else None
        add("steps.public_participation.notice", "征求意见公告", notice)
        period = participation.comment_period
        if period is not None and period.start is not None:
            end = period.end if period.end and period.end >= period.start else None
            days = f"{(end - period.start).days + 1} 日" if end else ""
            add("steps.public_participation.comment_period", "征求意见期间", period.start, end, days)
    if steps.hearing is not None:
        add("steps.hearing", "听证会", steps.hearing.date)
    if steps.expert_review is not None:
        add("steps.expert_review", "专家论证", steps.expert_review.date)
    if steps.risk_assessment is not None:
        add("steps.risk_assessment", "风险评估", steps.risk_assessment.date)
    review = steps.legality_review
    if review is not None and review.submitted is not None:
        end = review.concluded if review.concluded and review.concluded >= review.submitted else None
        days = f"{calendar.working_days_after(review.submitted, end).days} 个工作日" if end else ""
        add("steps.legality_review", "合法性审查（送审→办结）", review.submitted, end, days)
    for index, meeting in enumerate(decision.meetings):
        add(f"meetings[{index}]", meeting.name or (meeting.body.zh if meeting.body else "会议"), meeting.date)
    if steps.publication is not None:
        add("steps.publication", "决策公布", steps.publication.date)
    if steps.archive is not None:
        add("steps.archive", "归档", steps.archive.date)
    return sorted(out, key=lambda e: e.start)


def _status(code: str) -> str:
    try:
        return DecisionStatus.parse(code).zh
    except ValueError:
        return code


def decision_page(
    outcome: DecisionOutcome,
    record: Decision | None,
    findings: list[Finding],
    *,
    public: bool,
    calendar: WorkingCalendar,
) -> DecisionPage:
    """The page of one decision."""
    steps = [
        StepView(r.label.zh, REQUIRED_ZH[r.required], STATE_ZH[r.state], r.state, r.date.isoformat() if r.date else "")
        for r in outcome.steps
    ]
    flagged = {f.path for f in findings if not f.waived and f.severity is not Severity.INFO}
    documents = []
    meetings = []
    if record is not None:
        documents = [
            (d.id, d.type.zh, d.title or "", d.date.isoformat() if d.date else "")
            for d in record.documents
            if not (public and d.classification and d.classification.strip() not in ("", "无", "公开"))
        ]
        if not public:
            for meeting in record.meetings:
                members = [
                    (
                        m.name,
                        "出席" if m.present else f"请假（{m.absence_reason or '未写明'}）",
                        (m.opinion.zh if m.opinion else "") + (f"：{m.remarks}" if m.remarks else ""),
                    )
                    for m in meeting.members
                ]
                meetings.append(
                    MeetingView(
                        meeting.name or "",
                        meeting.date.isoformat() if meeting.date else "",
                        meeting.outcome.zh if meeting.outcome else "",
                        members,
                    )
                )
    # A decision still in progress is judged as of the audit day: that day is no decision date.
    governing = outcome.governing_date if outcome.governing_date_source != "as_of" else None
    return DecisionPage(
        id=outcome.id,
        slug=slug(outcome.id),
        organ=outcome.organ,
        title=outcome.title,
        status=_status(outcome.status),
        status_code=outcome.status,
        year=str(outcome.year) if outcome.year else "",  # as the annual report counts (summary.year_of)
        governing_date=governing.isoformat() if governing else "",
        governing_source=outcome.governing_date_source,
        rule_sets=[(use.title, use.reason.zh) for use in outcome.rule_sets],
        steps=steps,
        events=_events(record, flagged, calendar) if record is not None else [],
        findings=[_finding_view(f, public) for f in findings],
        documents=documents,
        missing_steps=[r.label.zh for r in outcome.steps if r.state == "missing"],
        rules=sorted({f.rule for f in findings if not f.waived}),
        meetings=meetings,
    )


def rule_pages(book: RuleBook, pages: Iterable[DecisionPage]) -> list[RulePage]:
    """One page per rule of the book, with the decisions it flagged."""
    flagged: dict[str, list[tuple[str, str, int]]] = {}
    for page in pages:
        counts = Counter(f.rule for f in page.findings if not f.waived)
        for rule, count in counts.items():
            flagged.setdefault(rule, []).append((page.id, page.slug, count))
    out = []
    for rule_id, definitions in sorted(book.all_rules().items()):
        first = definitions[0]
        periods = []
        for definition in definitions:
            rule_set = book.sets[definition.rule_set]
            until = rule_set.in_force_to.isoformat() if rule_set.in_force_to else "至今"
            periods.append(f"{rule_set.title}：{rule_set.in_force_from.isoformat()} 起，{until}")
        out.append(
            RulePage(
                id=rule_id,
                slug=slug(rule_id),
                title=first.title.zh,
                severity=SEVERITY_ZH[first.severity],
                citations=list(dict.fromkeys(c.text for d in definitions for c in d.citations)),
                periods=list(dict.fromkeys(periods)),
                flagged=flagged.get(rule_id, []),
            )
        )
    return out


def overview(
    result: Result, pages: list[DecisionPage], catalogs: Mapping[str, Catalog], items: Sequence[Item]
) -> Overview:
    """The counts of the overview page — steps, problems and catalogue from :mod:`decision_check.summary`,
    the module the annual report counts with, so the site and the report never disagree."""
    by_status = Counter(p.status for p in pages)
    by_year = Counter(p.year or "未定" for p in pages)
    _, taken, not_adopted, _ = summary.partition(items)
    steps = []
    for step in FIVE_STEPS:  # over the decisions taken, as the annual report counts them
        count = summary.step_count(step, taken)
        steps.append((STEP_LABELS[step].zh, count.required.value, count.done.value, count.missing.value))
    live = [f for f in result.findings if not f.waived]
    by_severity = [(SEVERITY_ZH[s], sum(1 for f in live if f.severity is s)) for s in Severity]
    by_rule = [(p.rule, p.decisions.value) for p in summary.problems([*taken, *not_adopted])]
    counts = [summary.catalog_count(c, items) for c in catalogs.values()]
    ids = {i.id for i in items}
    listed = {i for c in counts for i in (*c.taken.ids, *c.in_progress.ids)}
    catalogue = [
        ("目录事项", sum(c.entries.value for c in counts)),
        ("已启动（有决策记录）", sum(c.taken.value + c.in_progress.value for c in counts)),
        ("目录事项未启动", sum(c.not_started.value for c in counts)),
        ("目录外决策", len(ids - listed)),
    ]
    return Overview(
        decisions=len(pages),
        by_status=sorted(by_status.items()),
        by_year=sorted(by_year.items()),
        steps=steps,
        by_severity=by_severity,
        by_rule=sorted(by_rule, key=lambda pair: (-pair[1], pair[0])),
        catalogue=catalogue,
    )
