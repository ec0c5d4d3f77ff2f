"""Where one validation run keeps what it found: in memory, or spooled to a temporary SQLite file.

:func:`decision_check.validate.run_into` hands every finding, decision outcome, decision identity
(for ``DUP-ID`` and ``CAT-03``) and cross-file candidate (``MEET-09``) to a spool as it is produced.
:class:`MemorySpool` keeps them in lists and gives the familiar :class:`~decision_check.findings.Result`;
:class:`DiskSpool` writes them to a SQLite database in a temporary folder and keeps only counts, so a
run's memory does not grow with the number of records. Both answer the same questions — findings in
report order, decisions in report order with their counts, the summary, the exit code — so a
streaming reporter writes the same bytes from either (:class:`~decision_check.findings.ResultView`).
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from decision_check.catalog_index import CatalogIndex
from decision_check.catalog_index import dump as _dump
from decision_check.catalog_index import key as _key
from decision_check.findings import (
    DecisionOutcome,
    Finding,
    Override,
    Result,
    Severity,
    Span,
    _citation,
)
from decision_check.i18n import EMPTY, Text

if TYPE_CHECKING:
    import sqlite3

    from decision_check.engine import Candidate
    from decision_check.models.records import Catalog
    from decision_check.sourcemap import SourceMap

Places = list[tuple[str, Span | None]]
_ZERO = dict.fromkeys(Severity, 0)
_BATCH = 2048  # rows buffered before one executemany

# No fork while this process is inside SQLite. The worker pool forks replacement workers from one of
# its threads while the main thread writes the spool; a child forked in the middle of a SQLite call
# inherits SQLite's internal mutexes locked and hangs at its first SQLite call (seen: a worker stuck
# in sqlite3.connect for the catalogue index, the run never ending, at 100,000 records with --jobs 2).
# Every SQLite call the main thread makes while workers may be forked holds this lock, and a fork
# waits for it (os.register_at_fork).
_SQLITE = threading.Lock()
os.register_at_fork(before=_SQLITE.acquire, after_in_parent=_SQLITE.release, after_in_child=_SQLITE.release)
_BY_RANK = {s.rank: s for s in Severity}


class MemorySpool:
    """Everything in memory, in the order it came (small runs; reports that need the whole result)."""

    def __init__(self, files: int, as_of: date | None, overrides: list[Override]) -> None:
        self.result = Result(files=files, as_of=as_of)
        self.result.overrides = overrides
        self._identities: dict[tuple[str, str], Places] = {}
        self._candidates: list[Candidate] = []

    def add_findings(self, findings: Iterable[Finding]) -> None:
        self.result.findings.extend(findings)

    def add_outcome(self, outcome: DecisionOutcome) -> None:
        self.result.decisions.append(outcome)

    def add_identity(self, organ: str, decision_id: str, file: str, span: Span | None) -> None:
        self._identities.setdefault((organ, decision_id), []).append((file, span))

    def add_candidates(self, candidates: Iterable[Candidate]) -> None:
        self._candidates.extend(candidates)

    def identities(self) -> Iterator[tuple[tuple[str, str], Places]]:
        """Every (organ, id) with the files that use it, in the order first seen."""
        yield from self._identities.items()

    def ids_of(self, organ: str) -> frozenset[str]:
        """The decision ids of ``organ`` seen in the run."""
        return frozenset(i for (o, i) in self._identities if o == organ)

    def candidate_groups(self) -> Iterator[list[Candidate]]:
        """All candidates at once: the finalizers see every decision's."""
        yield self._candidates

    def keep_catalog(self, catalog: Catalog, source: SourceMap) -> Catalog:
        """The catalogue as the run's corpus keeps it: whole (read again for the catalogue checks)."""
        return catalog

    def catalog_entries(self) -> CatalogIndex | None:
        """None: the catalogues hold their entries."""
        return None

    def finish(self) -> Result:
        """The run's result, decisions in report order."""
        self.result.decisions.sort(key=lambda d: (d.file, d.id))
        self._identities.clear()
        self._candidates = []
        return self.result

    def close(self) -> None:
        """Nothing to release."""


def _text(key: bytes) -> str:
    return key.decode("utf-8", "surrogatepass")


def _pack(f: Finding) -> bytes:
    # marshal of plain fields: several times faster than pickling the dataclasses, for every finding.
    span = f.span
    return marshal.dumps(
        (
            f.rule,
            f.severity.value,
            f.file,
            None if span is None else (span.line, span.column, span.end_line, span.end_column),
            f.path,
            f.message.zh,
            f.message.en,
            f.hint.zh,
            f.hint.en,
            f.decision,
            f.organ,
            tuple((c.instrument, c.article, c.confidence, c.note) for c in f.citations),
            f.item,
            f.waived,
            f.waiver_reason,
            f.waiver_basis,
        )
    )


def _unpack(body: bytes) -> Finding:
    rule, severity, file, span, path, mzh, men, hzh, hen, decision, organ, cites, item, waived, reason, basis = (
        marshal.loads(body)
    )
    return Finding(
        rule,
        Severity(severity),
        file,
        None if span is None else Span(*span),
        path,
        Text(mzh, men),
        Text(hzh, hen) if hzh or hen else EMPTY,
        decision,
        organ,
        tuple(_citation(*c) for c in cites),
        item,
        waived,
        reason,
        basis,
    )


# The indexes the end of the run reads by are kept as rows arrive, not built at the end: building one
# over a million findings had SQLite's sorter hold up to the cache size again in memory (+4 MB at
# 100,000 records, each time). Findings and outcomes come in file order, so their index grows at its end.
_SCHEMA = """
CREATE TABLE finding (seq INTEGER PRIMARY KEY, file BLOB, line INTEGER, col INTEGER, rank INTEGER,
                      rule BLOB, organ BLOB, decision BLOB, waived INTEGER, body BLOB);
CREATE INDEX finding_order ON finding (file, line, col, rank DESC, rule, seq);
CREATE INDEX finding_decision ON finding (organ, decision, waived, rank);
CREATE TABLE outcome (seq INTEGER PRIMARY KEY, file BLOB, id BLOB, organ BLOB, body BLOB);
CREATE INDEX outcome_order ON outcome (file, id, seq);
CREATE TABLE ident (seq INTEGER PRIMARY KEY, organ BLOB, id BLOB, file BLOB, span BLOB);
CREATE INDEX ident_key ON ident (organ, id, seq);
CREATE TABLE candidate (seq INTEGER PRIMARY KEY, part TEXT, body BLOB);
CREATE INDEX candidate_part ON candidate (part, seq);
CREATE TABLE part (first INTEGER PRIMARY KEY, part TEXT UNIQUE);
"""


class DiskSpool:
    """Findings, outcomes, identities and candidates in a temporary SQLite file; counts in memory.

    Candidates are grouped by their check's ``partition`` (for ``MEET-09`` the meeting's identity):
    a finalizer sees one meeting's candidates at a time, in the order they came, which gives the
    findings it would give over all of them (checks without a partition get one group).
    """

    def __init__(self, files: int, as_of: date | None, overrides: list[Override]) -> None:
        import sqlite3

        self.files = files
        self.as_of = as_of
        self.overrides = overrides
        self._folder = Path(tempfile.mkdtemp(prefix="decision-check-"))
        self._db: sqlite3.Connection = sqlite3.connect(self._folder / "run.sqlite3")
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096; PRAGMA temp_store=FILE;"
        )
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")
        self._index = CatalogIndex(self._folder / "catalogs.sqlite3")
        self._seq = 0
        self._counts: dict[tuple[Severity, bool], int] = {}
        self._decisions = 0
        self._crashed: set[str] = set()
        self._rows: dict[str, list[tuple[object, ...]]] = {
            "finding": [],
            "outcome": [],
            "ident": [],
            "candidate": [],
            "part": [],  # each partition once, with the seq it was first seen at (INSERT OR IGNORE)
        }
        self._buffered = 0

    def _insert(self, table: str, row: tuple[object, ...]) -> None:
        self._rows[table].append(row)
        self._buffered += 1
        if self._buffered >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        with _SQLITE:  # no fork in the middle of these writes (see _SQLITE)
            for table, rows in self._rows.items():
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    verb = "INSERT OR IGNORE" if table == "part" else "INSERT"
                    self._db.executemany(f"{verb} INTO {table} VALUES ({marks})", rows)
                    rows.clear()
        self._buffered = 0

    def add_findings(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self._seq += 1
            key = (f.severity, f.waived)
            self._counts[key] = self._counts.get(key, 0) + 1
            if f.rule == "INTERNAL":
                self._crashed.add(f.file)
            self._insert(
                "finding",
                (
                    self._seq,
                    _key(f.file),
                    f.line,
                    f.column,
                    f.severity.rank,
                    _key(f.rule),
                    _key(f.organ or ""),
                    None if f.decision is None else _key(f.decision),
                    int(f.waived),
                    _pack(f),
                ),
            )

    def add_outcome(self, outcome: DecisionOutcome) -> None:
        self._seq += 1
        self._decisions += 1
        self._insert("outcome", (self._seq, _key(outcome.file), _key(outcome.id), _key(outcome.organ), _dump(outcome)))

    def add_identity(self, organ: str, decision_id: str, file: str, span: Span | None) -> None:
        self._seq += 1
        self._insert("ident", (self._seq, _key(organ), _key(decision_id), _key(file), _dump(span)))

    def add_candidates(self, candidates: Iterable[Candidate]) -> None:
        from decision_check.checks import REGISTRY

        for candidate in candidates:
            self._seq += 1
            partition = REGISTRY[candidate.check].partition
            part = repr(partition(candidate.violation)) if partition is not None else ""
            key = f"{candidate.check}\x1f{part}"
            self._insert("candidate", (self._seq, key, _dump(candidate)))
            self._insert("part", (self._seq, key))

    def identities(self) -> Iterator[tuple[tuple[str, str], Places]]:
        """The (organ, id) pairs used by more than one file, in the order first seen (``DUP-ID``)."""
        self._flush()
        duplicated = self._db.execute(
            "SELECT organ, id FROM ident GROUP BY organ, id HAVING count(*) > 1 ORDER BY min(seq)"
        ).fetchall()
        for organ, decision_id in duplicated:
            places = self._db.execute(
                "SELECT file, span FROM ident WHERE organ = ? AND id = ? ORDER BY seq", (organ, decision_id)
            )
            yield (_text(organ), _text(decision_id)), [(_text(f), pickle.loads(s)) for f, s in places]

    def ids_of(self, organ: str) -> frozenset[str]:
        """The decision ids of ``organ`` seen in the run."""
        self._flush()
        rows = self._db.execute("SELECT DISTINCT id FROM ident WHERE organ = ?", (_key(organ),))
        return frozenset(_text(i) for (i,) in rows)

    def candidate_groups(self) -> Iterator[list[Candidate]]:
        """One partition's candidates at a time, partitions in the order first seen."""
        # No sort of the candidates themselves: the partitions are read in the order of the seq they
        # were first seen at (the rowid of `part`), each one's candidates through an index of keys.
        # A window over the candidate rows made SQLite's sorter hold their bodies (+9 MB at 100,000).
        self._flush()
        reader = self._db.cursor()
        for (part,) in self._db.execute("SELECT part FROM part ORDER BY first"):
            rows = reader.execute("SELECT body FROM candidate WHERE part = ? ORDER BY seq", (part,))
            yield [pickle.loads(body) for (body,) in rows]

    def keep_catalog(self, catalog: Catalog, source: SourceMap) -> Catalog:
        """The catalogue without its entries, which go with the file's places to the catalogue index."""
        self._index.add(catalog, source)
        return dataclasses.replace(catalog, entries=[])

    def catalog_entries(self) -> CatalogIndex:
        """The index of the entries :meth:`keep_catalog` took out of the catalogues."""
        return self._index

    def finish(self) -> DiskSpool:
        """The spool itself, read as a :class:`~decision_check.findings.ResultView`."""
        self._flush()
        self._db.commit()
        return self

    # ------------------------------------------------------------------ the ResultView of the run

    def count(self, severity: Severity, *, waived: bool | None = False) -> int:
        """Findings of ``severity``; by default not waived ones (``waived=None`` counts all)."""
        return sum(n for (s, w), n in self._counts.items() if s is severity and (waived is None or w is waived))

    def summary(self) -> dict[str, int]:
        """The JSON ``summary`` object."""
        return {
            "files": self.files,
            "decisions": self._decisions,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "waived": sum(n for (_, w), n in self._counts.items() if w),
        }

    def exit_code(self, fail_on: Severity) -> int:
        """0 when no unwaived finding is at or above ``fail_on``, else 1."""
        return int(any(n and not w and s.rank >= fail_on.rank for (s, w), n in self._counts.items()))

    def crashed_files(self) -> list[str]:
        """Files with an ``INTERNAL`` finding, sorted."""
        return sorted(self._crashed)

    def iter_findings(self) -> Iterator[Finding]:
        """Every finding in report order (as :meth:`Result.sorted_findings`)."""
        # Read through the index kept as the findings came (_SCHEMA): sorting the rows themselves would
        # make SQLite's sorter merge runs of the finding bodies at the end of a large run.
        rows = self._db.execute(
            "SELECT body FROM finding INDEXED BY finding_order ORDER BY file, line, col, rank DESC, rule, seq"
        )
        for (body,) in rows:
            yield _unpack(body)

    def iter_decisions(self) -> Iterator[tuple[DecisionOutcome, Mapping[Severity, int]]]:
        """Every decision in report order with its unwaived finding counts (as :meth:`Result.iter_decisions`)."""
        # One small indexed count per decision, not a join on a grouped subquery: SQLite materialized
        # that subquery and built an automatic index on it, memory growing with the number of findings.
        counter = self._db.cursor()
        outcomes = self._db.execute(
            "SELECT organ, id, body FROM outcome INDEXED BY outcome_order ORDER BY file, id, seq"
        )
        for organ, decision_id, body in outcomes:
            counts = dict(_ZERO)
            for rank, n in counter.execute(
                "SELECT rank, count(*) FROM finding WHERE organ = ? AND decision = ? AND waived = 0 GROUP BY rank",
                (organ, decision_id),
            ):
                counts[_BY_RANK[rank]] = n
            yield pickle.loads(body), counts

    def to_result(self) -> Result:
        """The whole result in memory, for reports that need it at once (the rich report, Markdown, JUnit)."""
        result = Result(files=self.files, as_of=self.as_of, overrides=list(self.overrides))
        rows = self._db.execute("SELECT body FROM finding ORDER BY seq")
        result.findings = [_unpack(body) for (body,) in rows]
        rows = self._db.execute("SELECT body FROM outcome ORDER BY file, id, seq")
        result.decisions = [pickle.loads(body) for (body,) in rows]
        return result

    def close(self) -> None:
        """Remove the temporary database."""
        self._db.close()
        self._index.close()
        shutil.rmtree(self._folder, ignore_errors=True)
