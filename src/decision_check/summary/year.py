"""One organ's year: rule sets by period, catalogue, participation, reviews, meetings — :func:`summarize`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from decision_check.calendar import WorkingCalendar, comment_period_days
from decision_check.engine import Engine
from decision_check.models.enums import MeetingPurpose, OrganLevel
from decision_check.models.records import Catalog, Organ
from decision_check.summary.figures import FIVE_STEPS, Figure, Item, decided_on, figure, partition, total, year_of
from decision_check.summary.steps import Problem, StepCount, problems, step_count

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
