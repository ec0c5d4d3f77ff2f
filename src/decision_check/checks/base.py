"""What a check function sees (:class:`Context`) and returns (:class:`Violation`).

A check is a small typed function ``check(ctx, options) -> Iterable[Violation]``. It never decides
severity, message or citation — the rule that calls it does (``rules/*.yaml``); a check only says
*where* (a data path) and *what* (placeholder values, and an ``outcome`` name when a rule grades
its answer, e.g. PP-03's ``inclusive_only``). Options are validated when the rule set loads, by the
check's options dataclass (validated by pydantic-core).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from decision_check.findings import Citation
from decision_check.i18n import Text
from decision_check.models.enums import DecisionStatus
from decision_check.models.records import Catalog, CatalogEntry, Decision, Meeting, Organ, Step

if TYPE_CHECKING:
    from decision_check.calendar import WorkingCalendar

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, kw_only=True)
class Options:
    """Base of every check's options (each a frozen keyword-only dataclass): unknown options are
    rule-set errors. Validated by :func:`decision_check.models.validator_cache.validate` when a rule
    set is compiled; on the hot path options come validated from the cached rule book."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class NoOptions(Options):
    """For checks that take no options."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One failure of a check: where, with which values, and which graded outcome."""

    path: PathKey
    values: Mapping[str, object] = field(default_factory=dict)
    outcome: str = "default"
    item: str | None = None
    pending: bool = False  # a required step not yet performed: info while the decision is in progress
    citations: tuple[Citation, ...] = ()  # citations that only this violation carries (e.g. an organ's rules)


class CatalogEntries(Protocol):
    """Catalogue entries kept outside the catalogues themselves (a large run keeps them on disk)."""

    def listing(self, organ: str, year: int, decision_id: str) -> CatalogEntry | None:
        """The first entry of the catalogue that names ``decision_id``."""

    def named(self, organ: str, year: int, entry: str) -> CatalogEntry | None:
        """The first entry of the catalogue called ``entry``."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Facts shared by every decision of a run: organ files, catalogues, known decision ids."""

    organs: Mapping[str, Organ] = field(default_factory=dict)
    catalogs: Mapping[tuple[str, int], Catalog] = field(default_factory=dict)
    root: Path = Path()
    # Organs whose organ file exists but could not be read (a SCHEMA finding says why): their facts are
    # unknown, so checks must not judge them as if the file said nothing (e.g. MEET-03's default share).
    unreadable_organs: frozenset[str] = frozenset()
    # When set, the catalogues in `catalogs` carry no entries: ask these (see catalog_listing).
    entries: CatalogEntries | None = None

    def catalog_listing(self, catalog: Catalog, decision_id: str) -> CatalogEntry | None:
        """The first entry of ``catalog`` that names ``decision_id``."""
        if self.entries is not None:
            return self.entries.listing(catalog.organ, catalog.year, decision_id)
        return next((e for e in catalog.entries if e.decision_id == decision_id), None)

    def catalog_entry(self, catalog: Catalog, entry: str) -> CatalogEntry | None:
        """The first entry of ``catalog`` called ``entry``."""
        if self.entries is not None:
            return self.entries.named(catalog.organ, catalog.year, entry)
        return next((e for e in catalog.entries if e.entry == entry), None)


@dataclass
class Context:
    """Everything a decision check may read. Read-only by convention: checks never mutate it."""

    decision: Decision
    organ: Organ | None
    corpus: Corpus
    governing_date: date
    as_of: date
    calendar: WorkingCalendar
    rule_sets: frozenset[str]
    params: Mapping[str, Any]
    governing_index: int | None = None

    @property
    def status(self) -> DecisionStatus:
        """The decision's effective status."""
        return self.decision.effective_status

    @property
    def in_progress(self) -> bool:
        """No governing meeting outcome yet (or sent back for re-deliberation)."""
        return self.status is DecisionStatus.IN_PROGRESS

    @property
    def meeting(self) -> Meeting | None:
        """The governing meeting."""
        return None if self.governing_index is None else self.decision.meetings[self.governing_index]

    @property
    def meeting_path(self) -> PathKey:
        """Data path of the governing meeting (``meetings`` when there is none)."""
        return ("meetings",) if self.governing_index is None else ("meetings", self.governing_index)

    def step(self, name: str) -> Step | None:
        """The step called ``name``."""
        return self.decision.steps.get(name)

    def step_done(self, name: str) -> bool:
        """The step is present and performed."""
        step = self.step(name)
        return step is not None and step.done

    def resolve(self, dotted: str) -> tuple[Any, PathKey]:
        """Value and data path of ``dotted`` (``steps.x.y``, ``issued.date``, ``@meeting.date``)."""
        parts = dotted.split(".")
        value: Any = self.decision
        path: PathKey = ()
        if parts[0] == "@meeting":
            value, path, parts = self.meeting, self.meeting_path, parts[1:]
        for part in parts:
            if value is None:
                return None, (*path, part)
            value = getattr(value, part, None)
            path = (*path, part)
        return value, path


@dataclass
class CatalogContext:
    """What a catalogue check may read."""

    catalog: Catalog
    organ: Organ | None
    decision_ids: frozenset[str]
    as_of: date
    rule_sets: frozenset[str]
    params: Mapping[str, Any]
    # The catalogue's entries in file order: `catalog.entries`, or, in a large run where the catalogue
    # was kept without them, the catalogue index's (read one at a time). Checks iterate this.
    entries: Iterable[CatalogEntry]


CheckFunction = Callable[[Any, Any], Iterable[Violation]]
Finalizer = Callable[[Sequence[Violation]], Iterable[tuple[int, Violation]]]


@dataclass(frozen=True)
class CheckDef:
    """A check in the registry: its function, options model and documentation."""

    name: str
    function: CheckFunction
    options: type[Options]
    doc: Text
    subject: Literal["decision", "catalog"] = "decision"
    requires_step: bool = False  # a failing check means a required step is missing (step table)
    row: str | None = None  # the step-table row it establishes, when not the rule's `step`
    # Cross-file checks: the per-decision function yields candidates; after every file is read,
    # ``finalize`` picks (index, violation) pairs among all decisions' candidates.
    finalize: Finalizer | None = None
    # Which candidates a finalizer must see together (for MEET-09, one meeting's): candidates of
    # different partitions never bear on each other, so a large run may finalize one at a time.
    partition: Callable[[Violation], object] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled by name: the compiled rule book is cached, the registry is code.
        return (_registered, (self.name,))


def _registered(name: str) -> CheckDef:
    from decision_check.checks import REGISTRY

    return REGISTRY[name]


def check(
    name: str,
    options: type[Options],
    doc: Text,
    *,
    subject: Literal["decision", "catalog"] = "decision",
    requires_step: bool = False,
    row: str | None = None,
    finalize: Finalizer | None = None,
    partition: Callable[[Violation], object] | None = None,
) -> Callable[[CheckFunction], CheckDef]:
    """Wrap a function as a :class:`CheckDef` (registered explicitly in ``checks/__init__``)."""

    def wrap(function: CheckFunction) -> CheckDef:
        return CheckDef(name, function, options, doc, subject, requires_step, row, finalize, partition)

    return wrap
