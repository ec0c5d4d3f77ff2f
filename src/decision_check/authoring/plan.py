"""The plan of a decision in progress: every step still due, in procedure order, with its earliest
lawful date and why, and the findings still open (the evidence still missing).

Which steps are due is the engine's verdict (:attr:`DecisionOutcome.steps`, required ``yes`` and not
done); the day counts come from :mod:`decision_check.calendar` and the parameters from the rule sets
the engine applied on the as-of date (``comment_days``, ``hearing_materials_days``,
``legality_review_working_days``, ``publication_working_days``) — never from numbers written here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from decision_check.calendar import WorkingCalendar
from decision_check.findings import DecisionOutcome, Finding, StepRow
from decision_check.i18n import Lang, Text
from decision_check.models.enums import ParticipationMethod
from decision_check.models.records import Decision
from decision_check.rulesets import Param

_DAY = timedelta(days=1)
_AFTER_DECISION = ("publication", "archive")
_BEFORE_LEGALITY = ("public_participation", "hearing", "expert_review", "risk_assessment", "fair_competition_review")


@dataclass(frozen=True)
class PlanItem:
    """One step still due."""

    step: str
    label: Text
    state: str  # "missing" (not in the record), "pending" (written, not done), "after_decision" (due once decided)
    earliest: date | None
    why: Text
    latest: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "label": self.label.zh,
            "state": self.state,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
            "why": {"zh": self.why.zh, "en": self.why.en},
        }


@dataclass(frozen=True)
class Plan:
    """What is left to do for one decision, as of one day."""

    decision_id: str
    title: str
    file: str
    as_of: date
    rule_sets: tuple[str, ...]
    items: tuple[PlanItem, ...]
    open_findings: tuple[Finding, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.decision_id,
            "title": self.title,
            "file": self.file,
            "as_of": self.as_of.isoformat(),
            "rule_sets": list(self.rule_sets),
            "steps": [item.as_json() for item in self.items],
            "missing": [
                {"rule": f.rule, "severity": f.severity.value, "path": f.path, "line": f.line, "message": f.message.zh}
                for f in self.open_findings
            ],
        }

    def text(self, lang: Lang) -> str:
        zh = lang == "zh"
        lines = [
            f"{self.decision_id} {self.title}（{self.file}）",
            ("截至 " if zh else "as of ")
            + self.as_of.isoformat()
            + ("，适用：" if zh else ", rule sets: ")
            + ", ".join(self.rule_sets),
            "",
            "尚待完成的步骤：" if zh else "Steps still due:",
        ]
        if not self.items:
            lines.append("  （无）" if zh else "  (none)")
        for number, item in enumerate(self.items, 1):
            when = item.earliest.isoformat() if item.earliest else ("—" if zh else "-")
            state = {
                "missing": "未记录" if zh else "not recorded",
                "pending": "未完成" if zh else "pending",
                "after_decision": "决定后" if zh else "after the decision",
            }
            lines.append(
                f"  {number}. {item.label.get(lang)}（{state[item.state]}） 最早 {when}"
                if zh
                else f"  {number}. {item.label.get(lang)} ({state[item.state]}) earliest {when}"
            )
            if item.latest:
                lines.append(f"     最迟 {item.latest.isoformat()}" if zh else f"     latest {item.latest.isoformat()}")
            lines.append(f"     {item.why.get(lang)}")
        lines += ["", "仍缺的记录和证据：" if zh else "Records and evidence still missing:"]
        if not self.open_findings:
            lines.append("  （无）" if zh else "  (none)")
        for f in self.open_findings:
            lines.append(f"  {f.rule:<9} {f.severity.label(lang)} {f.path or '-'}: {f.message.get(lang)}")
        return "\n".join(lines) + "\n"


def build_plan(
    decision: Decision,
    outcome: DecisionOutcome,
    findings: Sequence[Finding],
    params: Mapping[str, Param],
    calendar: WorkingCalendar,
    as_of: date,
) -> Plan:
    """The plan for ``decision`` from the engine's ``outcome`` and ``findings`` of the same run."""
    due = {row.step: row for row in outcome.steps if row.required == "yes" and row.state in ("missing", "pending")}
    for row in outcome.steps:
        # Required once decided (the engine marks them conditional while the decision is in progress).
        if row.step in _AFTER_DECISION and row.required == "conditional" and row.state in ("missing", "not_required"):
            due[row.step] = row
    review = decision.steps.legality_review
    for row in outcome.steps:
        if row.step == "legality_review" and row.required == "yes" and review is not None and review.concluded is None:
            due[row.step] = StepRow(row.step, row.label, row.required, "pending", row.date)  # submitted, no conclusion
    ready: dict[str, date] = {}  # the day each step before the meeting is (or can earliest be) complete
    items: list[PlanItem] = []

    def value(name: str) -> int:
        return int(params[name].value)

    def add(step: str, earliest: date | None, why: Text, latest: date | None = None) -> None:
        row = due[step]
        state = "after_decision" if row.required == "conditional" else row.state
        items.append(PlanItem(step, row.label, state, earliest, why, latest))

    for row in outcome.steps:
        if row.step in _BEFORE_LEGALITY and row.step not in due and row.date is not None:
            ready[row.step] = row.date
    if "public_participation" in due:
        ready["public_participation"] = _participation(decision, as_of, value("comment_days"), add)
    if "hearing" in due:
        ready["hearing"] = _hearing(decision, as_of, value("hearing_materials_days"), add)
    for step in ("expert_review", "risk_assessment", "fair_competition_review"):
        if step in due:
            ready[step] = as_of
            add(
                step,
                as_of,
                Text("须在送交合法性审查前完成（ORDER-01）", "to be done before the legality submission (ORDER-01)"),
            )
    before = max(ready.values(), default=as_of)
    legal_days = value("legality_review_working_days")
    submitted = review.submitted if review else None
    concluded = review.concluded if review and review.done else None
    if "legality_review" in due:
        submit = submitted or calendar.next_working_day(max(as_of, before + _DAY))  # an office act: a working day
        earliest = calendar.add_working_days(submit, legal_days)
        if submitted:
            why = Text(
                f"{submitted} 已送审；审查时间不少于{legal_days}个工作日（送审当日不计，按法定节假日和调休），"
                f"最早 {earliest} 出具结论",
                f"submitted {submitted}; the review gets at least {legal_days} working days (official holidays and "
                f"make-up working days counted), so the conclusion is due no earlier than {earliest}",
            )
        else:
            why = Text(
                f"前置步骤完成后的首个工作日（最早 {submit}）送审；审查时间不少于{legal_days}个工作日"
                f"（按法定节假日和调休），最早 {earliest} 出具结论",
                f"submit on the first working day after the earlier steps (earliest {submit}); the review gets "
                f"at least {legal_days} working days, so the conclusion is due no earlier than {earliest}",
            )
        if submitted and submitted <= before:
            why = Text(
                why.zh + f"；送审早于前置步骤完成（{before}），按 ORDER-01 应在其后送审",
                why.en + f"; submitted before the earlier steps end ({before}): ORDER-01 expects it after them",
            )
        add("legality_review", earliest, why)
        concluded = earliest
        submitted = submit
    decided_on = _decision_day(decision)
    if "meetings" in due:
        floor = [before + _DAY]
        reasons_zh, reasons_en = ["前置步骤完成之后"], ["after the earlier steps"]
        if concluded:
            floor.append(concluded + _DAY)
            reasons_zh.append(f"合法性审查结论（{concluded}）之后")
            reasons_en.append(f"after the legality conclusion ({concluded})")
        if submitted:
            floor.append(calendar.add_working_days(submitted, legal_days) + _DAY)
            reasons_zh.append(f"送审日（{submitted}）与会议之间不少于{legal_days}个工作日（LEGAL-03）")
            reasons_en.append(f"at least {legal_days} working days between submission ({submitted}) and the meeting")
        earliest = max(max(floor), as_of)
        working = calendar.next_working_day(earliest)
        note_zh = f"；该日非工作日，最早工作日 {working}" if working != earliest else ""
        note_en = f"; not a working day, the first working day is {working}" if working != earliest else ""
        add("meetings", earliest, Text("、".join(reasons_zh) + note_zh, "; ".join(reasons_en) + note_en))
        decided_on = decided_on or working
    if "party" in due:
        add(
            "party",
            decided_on,
            Text(
                "决策出台前报同级党委审议或请示报告（PARTY-01）",
                "the same-level party committee considers it before issuance (PARTY-01)",
            ),
        )
    if "npc_report" in due:
        add("npc_report", as_of, Text("依法由人大讨论决定或向其报告（NPC-01）", "the people's congress step (NPC-01)"))
    if "publication" in due:
        pub_days = value("publication_working_days")
        start = decided_on or as_of
        latest = calendar.add_working_days(start, pub_days)
        add(
            "publication",
            start,
            Text(
                f"决定作出（{start}）后{pub_days}个工作日内公布（PUB-02），最迟 {latest}",
                f"publish within {pub_days} working days of the decision ({start}), by {latest}",
            ),
            latest,
        )
    for step in ("archive", "implementation"):
        if step in due:
            add(step, decided_on, Text("决策作出之后", "after the decision"))
    open_findings = tuple(f for f in sorted(findings, key=_urgency) if not f.waived and f.rule != "REG-00")
    return Plan(
        decision.id,
        decision.title,
        outcome.file,
        as_of,
        tuple(u.id for u in outcome.rule_sets),
        tuple(items),
        open_findings,
    )


def _urgency(finding: Finding) -> tuple[int, int]:
    return (-finding.severity.rank, finding.line)


def _participation(decision: Decision, as_of: date, days: int, add: Any) -> date:
    step = decision.steps.public_participation
    methods = step.methods if step else []
    if step is not None and methods and ParticipationMethod.PUBLIC_COMMENT not in methods:
        add(
            "public_participation",
            as_of,
            Text(
                "以所列方式征求意见并汇总采纳情况（PP-10）",
                "consult by the methods listed and record the adoption (PP-10)",
            ),
        )
        return as_of
    notice = step.notice.date if step and step.notice else None
    period = step.comment_period if step else None
    if notice is not None and step is not None and step.shortened_reason and period and period.end:
        add(
            "public_participation",
            period.end,
            Text(
                f"公告 {notice} 发布；征求意见期依所述理由缩短（{step.shortened_reason}），至 {period.end}；"
                f"法定一般不少于{days}日",
                f"notice published {notice}; the period is shortened for the stated reason ({step.shortened_reason}) "
                f"to {period.end}; the statutory period is generally at least {days} days",
            ),
        )
        return period.end
    opening = notice or as_of
    if period and period.start:
        opening = max(opening, period.start - _DAY)
    earliest = opening + timedelta(days=days)
    said = f"公告 {notice} 发布" if notice else f"尚未发布公告；若 {as_of} 发布"
    said_en = f"notice published {notice}" if notice else f"no notice yet; published on {as_of}"
    add(
        "public_participation",
        earliest,
        Text(
            f"{said}，征求意见期不少于{days}日（发布当日不计，民法典第二百零一条），最早 {earliest} 截止",
            f"{said_en}, the comment period of at least {days} days (the publication day not counted) ends "
            f"no earlier than {earliest}",
        ),
    )
    return earliest


def _hearing(decision: Decision, as_of: date, days: int, add: Any) -> date:
    hearing = decision.steps.hearing
    planned = hearing.date if hearing else None
    delivered = hearing.materials_delivered if hearing else None
    earliest = (delivered or as_of) + timedelta(days=days)
    if planned is not None and planned >= earliest:
        earliest = planned
    why = Text(
        f"听证材料至少提前{days}日送达（PP-08），并在听证前公布听证事项和参加人（PP-07）"
        + (f"；材料 {delivered} 送达" if delivered else f"；若 {as_of} 送达")
        + (f"；计划 {planned} 举行，须在 {planned - timedelta(days=days)} 前送达" if planned else ""),
        f"materials delivered at least {days} days before the hearing (PP-08), the matter and participants "
        f"published before it (PP-07)"
        + (f"; delivered {delivered}" if delivered else f"; if delivered {as_of}")
        + (f"; planned for {planned}, deliver by {planned - timedelta(days=days)}" if planned else ""),
    )
    add("hearing", earliest, why)
    return earliest


def _decision_day(decision: Decision) -> date | None:
    if decision.issued is not None and decision.issued.date is not None:
        return decision.issued.date
    meeting = decision.governing_meeting()
    return meeting.date if meeting else None
