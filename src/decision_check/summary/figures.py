"""Figures and the records they count: :class:`Figure`, :class:`Item`, a decision's year and status group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from decision_check.findings import DecisionOutcome, Finding, Result
from decision_check.loader import LoadedFile
from decision_check.models.enums import DecisionStatus
from decision_check.models.records import Decision

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


def items(result: Result, records: Mapping[str, Decision]) -> list[Item]:
    """The run's decision outcomes joined with their records (``records``: file → decision) and findings."""
    by_file = result.by_file()
    return [
        Item(records[o.file], o, tuple(by_file.get(o.file, ())), o.file) for o in result.decisions if o.file in records
    ]


def join(loaded: Iterable[LoadedFile], result: Result) -> list[Item]:
    """:func:`items` for loaded files."""
    return items(result, {f.file: f.record for f in loaded if isinstance(f.record, Decision)})


def year_of(item: Item) -> int | None:
    """The year a decision belongs to (see the module's definitions; the engine sets it on the outcome)."""
    return item.outcome.year


def decided_on(item: Item) -> date | None:
    """The decision date of a decision taken (None while in progress)."""
    meeting = item.decision.governing_meeting()
    return meeting.date if meeting is not None else None


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


def organs_of(items: Iterable[Item]) -> list[str]:
    """The organs the records belong to, in name order."""
    return sorted({item.decision.organ for item in items})
