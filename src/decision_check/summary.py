"""The one place that counts: a year's decisions of one organ, with the decision ids behind every number.

The annual report (:mod:`decision_check.documents.report`), the audit site's overview and ``stats``
read these counts, so that no two of them can disagree. Everything here works on what a validation
run produced (:class:`~decision_check.findings.Result`: outcomes, step tables, findings) joined with
the loaded records; nothing is re-judged. Every count is a :class:`Figure`: its value *and* the ids
it counts (decision ids, or ``目录第N项`` for catalogue entries), so a sentence built from it can be
traced back to the files.

Definitions (the report states them, the tests check them against an independent count):

- a decision **belongs to a year** by its decision date (the governing meeting's date); a decision
  still in progress belongs to the year of its catalogue entry, else of its launch, else of its first
  recorded date;
- **taken** (作出决策): status decided, adjusted or terminated, not excluded; **not adopted**: rejected
  or shelved at the deciding meeting; **excluded** (依法不适用程序): an ``excluded:`` record;
- a step is **required** when the engine's step table marks it so for the decision (``yes``, or
  ``conditional`` and the decision's flags made it due — the table then shows it done, missing or
  pending), **performed** when its state is done; a decision in several categories counts once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from decision_check.calendar import WorkingCalendar, comment_period_days
from decision_check.engine import Engine
from decision_check.findings import DecisionOutcome, Finding, Result, Severity, StepRow
from decision_check.loader import LoadedFile
from decision_check.models.enums import DecisionStatus, MeetingPurpose, OrganLevel
from decision_check.models.records import Catalog, Decision, Organ

FIVE_STEPS = ("public_participation", "expert_review", "risk_assessment", "legality_review", "meetings")
TAKEN = frozenset({DecisionStatus.DECIDED, DecisionStatus.ADJUSTED, DecisionStatus.TERMINATED})
NOT_ADOPTED = frozenset({DecisionStatus.REJECTED, DecisionStatus.SHELVED})


@dataclass(frozen=True, slots=True)
class Figure:
    """One number and what it counts: ``value`` and the ids behind it (``rule`` for a problem)."""

    key: str
    value: int
    ids: tuple[str, ...] = ()
    rule: str | None = None


def figure(key: str, ids: Iterable[str], rule: str | None = None) -> Figure:
    """A count of distinct ids (sorted): the usual figure."""
    unique = tuple(sorted(set(ids)))
    return Figure(key, len(unique), unique, rule)


def total(key: str, pairs: Iterable[tuple[str, int]]) -> Figure:
    """A sum of quantities (opinions, respondents, experts) over the decisions that carry them."""
    items = [(i, n) for i, n in pairs if n]
    return Figure(key, sum(n for _, n in items), tuple(sorted({i for i, _ in items})))


@dataclass(frozen=True, slots=True)
class Item:
    """One decision record with what the run found about it."""

    decision: Decision
    outcome: DecisionOutcome
    findings: tuple[Finding, ...] = ()
    file: str = ""

    @property
    def id(self) -> str:
        return self.decision.id


def join(loaded: Iterable[LoadedFile], result: Result) -> list[Item]:
    """The run's decision outcomes joined with their records and findings (by file)."""
    outcomes = {o.file: o for o in result.decisions}
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(finding)
    items = []
    for file in loaded:
        outcome = outcomes.get(file.file)
        if isinstance(file.record, Decision) and outcome is not None:
            items.append(Item(file.record, outcome, tuple(by_file.get(file.file, ())), file.file))
    return items


def year_of(item: Item) -> int | None:
    """The year a decision belongs to (see the module's definitions; the engine sets it on the outcome)."""
    return item.outcome.year


def decided_on(item: Item) -> date | None:
    """The decision date of a decision taken (None while in progress)."""
    meeting = item.decision.governing_meeting()
    return meeting.date if meeting is not None else None


# ------------------------------------------------------------------------------------------ steps


def is_required(required: str, state: str) -> bool:
    """A step-table row (``required``: yes/no/conditional; ``state``) says the step was due."""
    if required == "yes":
        return state != "not_applicable"
    return required == "conditional" and state in ("done", "missing", "pending")


def required(row: StepRow) -> bool:
    """The step table says the step was due for this decision."""
    return is_required(row.required, row.state)


@dataclass(frozen=True)
class StepCount:
    """One procedure step over the year's decisions: required, performed, missing, performed unasked."""

    step: str
    required: Figure
    done: Figure
    missing: Figure
    not_applicable: Figure
    extra: Figure  # performed where the rules did not require it


def step_count(step: str, items: Sequence[Item]) -> StepCount:
    rows = [(item.id, row) for item in items for row in item.outcome.steps if row.step == step]
    due = [(i, r) for i, r in rows if required(r)]
    return StepCount(
        step,
        figure(f"steps.{step}.required", (i for i, _ in due)),
        figure(f"steps.{step}.done", (i for i, r in due if r.state == "done")),
        figure(f"steps.{step}.missing", (i for i, r in due if r.state in ("missing", "pending"))),
        figure(f"steps.{step}.not_applicable", (i for i, r in rows if r.state == "not_applicable")),
        figure(f"steps.{step}.extra", (i for i, r in rows if r.state == "done" and not required(r))),
    )


# --------------------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One rule's findings over the year's decisions: how many decisions, which, how serious, waived."""

    rule: str
    severity: Severity
    decisions: Figure
    waived: Figure
    findings: tuple[Finding, ...]


def problems(items: Sequence[Item]) -> list[Problem]:
    """Errors and warnings (waived ones included) grouped by rule, most serious and most frequent first."""
    by_rule: dict[str, list[tuple[str, Finding]]] = {}
    for item in items:
        for finding in item.findings:
            if finding.severity is Severity.INFO and not finding.waived:
                continue
            by_rule.setdefault(finding.rule, []).append((item.id, finding))
    out = []
    for rule, pairs in by_rule.items():
        worst = max((f.severity for _, f in pairs), key=lambda s: s.rank)
        out.append(
            Problem(
                rule,
                worst,
                figure(f"problems.{rule}.decisions", (i for i, _ in pairs), rule),
                figure(f"problems.{rule}.waived", (i for i, f in pairs if f.waived), rule),
                tuple(sorted((f for _, f in pairs), key=Finding.sort_key)),
            )
        )
    return sorted(out, key=lambda p: (-p.severity.rank, -p.decisions.value, p.rule))


# ---------------------------------------------------------------------------------------- regimes


@dataclass(frozen=True)
class RegimePeriod:
    """A part of the year in which the same rule sets applied to the organ, and the decisions in it."""

    start: date
    end: date
    uses: tuple[tuple[str, str, str], ...]  # (rule set id, title, mode: direct | by_reference)
    decisions: Figure


# (id, title, mode) of the rule sets in force on a day for the organ: supplied by the caller (engine)
RegimeOf = Callable[[date], Sequence[tuple[str, str, str]]]


def regime_periods(
    year: int, boundaries: Iterable[date], regime_of: RegimeOf, taken: Sequence[Item]
) -> list[RegimePeriod]:
    """Split the year where the applicable rule sets change (``boundaries``: in-force starts and ends + 1)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    starts = sorted({first, *(d for d in boundaries if first < d <= last)})
    periods: list[RegimePeriod] = []
    for index, start in enumerate(starts):
        end = date.fromordinal(starts[index + 1].toordinal() - 1) if index + 1 < len(starts) else last
        uses = tuple(regime_of(start))
        ids = [i.id for i in taken if (d := decided_on(i)) is not None and start <= d <= end]
        if periods and periods[-1].uses == uses:  # no change at this boundary for this organ level
            previous = periods.pop()
            joined = [*previous.decisions.ids, *ids]
            periods.append(RegimePeriod(previous.start, end, uses, figure(previous.decisions.key, joined)))
            continue
        periods.append(RegimePeriod(start, end, uses, figure(f"regime.{start.isoformat()}", ids)))
    return periods


# ------------------------------------------------------------------------------------------ year


@dataclass(frozen=True)
class CatalogCount:
    """The year's catalogue against the decisions: listed, taken, in progress, not started, outside."""

    catalog: Catalog | None
    entries: Figure
    taken: Figure
    in_progress: Figure
    not_started: Figure
    outside: Figure
    not_started_titles: tuple[str, ...]


@dataclass(frozen=True)
class Participation:
    notices: Figure
    shortest_period: Figure | None
    longest_period: Figure | None
    opinions_received: Figure
    opinions_adopted: Figure
    surveys: Figure
    respondents: Figure
    hearings: Figure


@dataclass(frozen=True)
class YearSummary:
    """Everything the report's section on decisions says, counted."""

    organ: str
    organ_file: Organ | None
    year: int
    taken: Figure
    in_progress: Figure
    not_adopted: Figure
    excluded: Figure
    by_category: tuple[tuple[str, Figure], ...]
    livelihood: Figure
    by_livelihood: tuple[tuple[str, Figure], ...]
    catalog: CatalogCount
    steps: tuple[StepCount, ...]
    participation: Participation
    experts: Figure
    expert_reviews: Figure
    risk_by_level: tuple[tuple[str, Figure], ...]
    legality_by_conclusion: tuple[tuple[str, Figure], ...]
    legality_days: tuple[Figure, Figure] | None  # shortest, longest working days submitted → concluded
    bodies: tuple[tuple[str, Figure], ...]
    party: Figure
    publication: StepCount
    archive: StepCount
    problems: tuple[Problem, ...]
    regimes: tuple[RegimePeriod, ...]
    items: tuple[Item, ...]  # the year's records (taken, not adopted, excluded, in progress), by id
    clean: tuple[str, ...] = field(default=())  # taken decisions with no open error or warning


def organs_of(items: Iterable[Item]) -> list[str]:
    """The organs the records belong to, in name order."""
    return sorted({item.decision.organ for item in items})


def summarize(
    items: Sequence[Item],
    *,
    organ: str,
    year: int,
    organ_file: Organ | None,
    catalog: Catalog | None,
    calendar: WorkingCalendar,
    boundaries: Iterable[date] = (),
    regime_of: RegimeOf | None = None,
) -> YearSummary:
    """Count the year ``year`` of ``organ``'s decisions (``items`` may hold other organs and years)."""
    mine = sorted((i for i in items if i.decision.organ == organ and year_of(i) == year), key=lambda i: i.id)
    excluded, taken, not_adopted, pending = partition(mine)
    categories: dict[str, list[str]] = {}
    areas: dict[str, list[str]] = {}
    for item in taken:
        for category in item.decision.category:
            categories.setdefault(category.zh, []).append(item.id)
        for area in item.decision.livelihood_areas:
            areas.setdefault(area.zh, []).append(item.id)
    steps = tuple(step_count(step, taken) for step in FIVE_STEPS)
    problems_found = problems([*taken, *not_adopted])
    open_ids = {i.id for i in taken for f in i.findings if not f.waived and f.severity is not Severity.INFO}
    return YearSummary(
        organ=organ,
        organ_file=organ_file,
        year=year,
        taken=figure("decisions.taken", (i.id for i in taken)),
        in_progress=figure("decisions.in_progress", (i.id for i in pending)),
        not_adopted=figure("decisions.not_adopted", (i.id for i in not_adopted)),
        excluded=figure("decisions.excluded", (i.id for i in excluded)),
        by_category=tuple(
            (name, figure(f"category.{name}", ids)) for name, ids in sorted(categories.items(), key=_by_size)
        ),
        livelihood=figure("livelihood", (i.id for i in taken if i.decision.livelihood_areas)),
        by_livelihood=tuple(
            (name, figure(f"livelihood.{name}", ids)) for name, ids in sorted(areas.items(), key=_by_size)
        ),
        catalog=_catalog(catalog, mine, taken, pending),
        steps=steps,
        participation=_participation(taken),
        expert_reviews=figure("expert_review.held", (i.id for i in taken if _done(i, "expert_review"))),
        experts=total(
            "expert_review.experts",
            (
                (i.id, len(experts.experts))
                for i in taken
                if (experts := i.decision.steps.expert_review) is not None and experts.done
            ),
        ),
        risk_by_level=_grouped(
            "risk_assessment.level",
            (
                (i.id, step.level.zh if step.level else "未定等级")
                for i in taken
                if (step := i.decision.steps.risk_assessment) is not None and step.done
            ),
        ),
        legality_by_conclusion=_grouped(
            "legality_review.conclusion",
            (
                (i.id, review.conclusion.zh if review.conclusion else "未载明结论")
                for i in taken
                if (review := i.decision.steps.legality_review) is not None and review.done
            ),
        ),
        legality_days=_legality_days(taken, calendar),
        bodies=_grouped(
            "meetings.body",
            (
                (i.id, meeting.body.zh if meeting.body else "未载明会议")
                for i in taken
                if (meeting := i.decision.governing_meeting()) is not None
            ),
        ),
        party=figure(
            "meetings.party",
            (i.id for i in taken if any(m.purpose is MeetingPurpose.PARTY_CONSIDERATION for m in i.decision.meetings)),
        ),
        publication=step_count("publication", taken),
        archive=step_count("archive", taken),
        problems=tuple(problems_found),
        regimes=tuple(regime_periods(year, boundaries, regime_of, taken)) if regime_of is not None else (),
        items=tuple(mine),
        clean=tuple(i.id for i in taken if i.id not in open_ids),
    )


def partition(items: Sequence[Item]) -> tuple[list[Item], list[Item], list[Item], list[Item]]:
    """(excluded, taken, not adopted, in progress) — see the module's definitions."""
    excluded = [i for i in items if i.outcome.excluded]
    rest = [(i, i.decision.effective_status) for i in items if not i.outcome.excluded]
    return (
        excluded,
        [i for i, status in rest if status in TAKEN],
        [i for i, status in rest if status in NOT_ADOPTED],
        [i for i, status in rest if status is DecisionStatus.IN_PROGRESS],
    )


def catalog_count(catalog: Catalog, items: Sequence[Item]) -> CatalogCount:
    """One catalogue against the decisions of its organ and year (``items`` may hold others)."""
    mine = [i for i in items if i.decision.organ == catalog.organ and year_of(i) == catalog.year]
    _, taken, _, pending = partition(mine)
    return _catalog(catalog, mine, taken, pending)


def _by_size(pair: tuple[str, list[str]]) -> tuple[int, str]:
    return (-len(set(pair[1])), pair[0])


def _grouped(key: str, pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, Figure], ...]:
    groups: dict[str, list[str]] = {}
    for ident, label in pairs:
        groups.setdefault(label, []).append(ident)
    return tuple((label, figure(f"{key}.{label}", ids)) for label, ids in sorted(groups.items(), key=_by_size))


def _done(item: Item, step: str) -> bool:
    found = item.decision.steps.get(step)
    return found is not None and found.done


def _catalog(
    catalog: Catalog | None, mine: Sequence[Item], taken: Sequence[Item], pending: Sequence[Item]
) -> CatalogCount:
    entries = list(catalog.entries) if catalog is not None else []

    def label(entry: str) -> str:
        return f"目录第{entry}项"

    def entry_of(item: Item) -> str | None:
        for entry in entries:
            if entry.decision_id == item.id:
                return entry.entry
        ref = item.decision.catalog
        if catalog is not None and ref is not None and ref.year == catalog.year:
            return next((e.entry for e in entries if e.entry == ref.entry), None)
        return None

    listed = {item.id: entry_of(item) for item in mine}
    started = {e for e in listed.values() if e is not None}
    not_started = [e for e in entries if e.entry not in started]
    return CatalogCount(
        catalog=catalog,
        entries=figure("catalog.entries", (label(e.entry) for e in entries)),
        taken=figure("catalog.taken", (i.id for i in taken if listed.get(i.id))),
        in_progress=figure("catalog.in_progress", (i.id for i in pending if listed.get(i.id))),
        not_started=figure("catalog.not_started", (label(e.entry) for e in not_started)),
        outside=figure("catalog.outside", (i.id for i in taken if not listed.get(i.id))),
        not_started_titles=tuple(e.title or label(e.entry) for e in not_started),
    )


def _participation(taken: Sequence[Item]) -> Participation:
    steps = [(i.id, s) for i in taken if (s := i.decision.steps.public_participation) is not None and s.done]
    periods: list[tuple[int, str]] = []
    for ident, step in steps:
        notice = step.notice.date if step.notice else None
        period = step.comment_period
        if notice is not None and period is not None and period.end is not None:
            periods.append((comment_period_days(notice, period.end, period.start), ident))
    shortest = longest = None
    if periods:
        low = min(days for days, _ in periods)
        high = max(days for days, _ in periods)
        shortest = Figure("public_participation.shortest_days", low, tuple(sorted(i for d, i in periods if d == low)))
        longest = Figure("public_participation.longest_days", high, tuple(sorted(i for d, i in periods if d == high)))
    hearings = [i.id for i in taken if (h := i.decision.steps.hearing) is not None and h.done]
    return Participation(
        notices=figure("public_participation.notices", (i for i, s in steps if s.notice and s.notice.date)),
        shortest_period=shortest,
        longest_period=longest,
        opinions_received=total(
            "public_participation.opinions_received", ((i, s.opinions_received or 0) for i, s in steps)
        ),
        opinions_adopted=total(
            "public_participation.opinions_adopted", ((i, s.opinions_adopted or 0) for i, s in steps)
        ),
        surveys=figure("public_participation.surveys", (i for i, s in steps if s.survey and s.survey.date)),
        respondents=total(
            "public_participation.respondents", ((i, s.survey.respondents or 0) for i, s in steps if s.survey)
        ),
        hearings=figure("hearing.held", hearings),
    )


def _legality_days(taken: Sequence[Item], calendar: WorkingCalendar) -> tuple[Figure, Figure] | None:
    spans: list[tuple[int, str]] = []
    for item in taken:
        step = item.decision.steps.legality_review
        if step is not None and step.done and step.submitted is not None and step.concluded is not None:
            spans.append((calendar.working_days_after(step.submitted, step.concluded).days, item.id))
    if not spans:
        return None
    low, high = min(d for d, _ in spans), max(d for d, _ in spans)
    return (
        Figure("legality_review.shortest_working_days", low, tuple(sorted(i for d, i in spans if d == low))),
        Figure("legality_review.longest_working_days", high, tuple(sorted(i for d, i in spans if d == high))),
    )


def engine_regime(engine: Engine, organ: Organ | None, level: OrganLevel) -> tuple[list[date], RegimeOf]:
    """The boundaries of the rule sets' periods and the (id, title, mode) in force on a day, for one organ."""
    jurisdiction = engine.jurisdiction_of(None, organ)
    sets = engine.book.candidates(jurisdiction)
    boundaries = [s.in_force_from for s in sets]
    boundaries += [date.fromordinal(s.in_force_to.toordinal() + 1) for s in sets if s.in_force_to is not None]

    def regime_of(day: date) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []
        for rule_set in sets:
            mode = rule_set.mode(level)
            if mode is not None and rule_set.in_force(day):
                out.append((rule_set.id, rule_set.title, mode))
        return out

    return boundaries, regime_of


__all__ = [
    "FIVE_STEPS",
    "CatalogCount",
    "Figure",
    "Item",
    "Participation",
    "Problem",
    "RegimePeriod",
    "StepCount",
    "YearSummary",
    "catalog_count",
    "decided_on",
    "engine_regime",
    "figure",
    "is_required",
    "join",
    "organs_of",
    "partition",
    "problems",
    "regime_periods",
    "required",
    "step_count",
    "summarize",
    "total",
    "year_of",
]
