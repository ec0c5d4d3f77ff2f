"""The catalogue index of a large run: every catalogue's entries, and where they stand, in a SQLite file.

A spooled run (:class:`decision_check.spool.DiskSpool`) reads each catalogue once, in a short-lived
child process, and puts here what the rest of the run needs of it:

* each entry (pickled), with its position, name and decision id — the decisions' checks look an
  entry up by decision id or by name (:class:`decision_check.checks.base.CatalogEntries`);
* the places of the file (:meth:`decision_check.sourcemap.SourceMap.places`): those of the header,
  and for each entry those inside it.

So the catalogue checks at the end of the run (``CAT-02``, ``CAT-03``) judge the catalogue from here
(:meth:`CatalogIndex.entries`, :meth:`CatalogIndex.source`) — entries one at a time, a finding's line
from the table — without a second read of the file, whose node tree is ~9 MB for 3,600 entries.
"""

from __future__ import annotations

import marshal
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from decision_check.sourcemap import FlatMap, Places, SourceMap

if TYPE_CHECKING:
    import sqlite3

    from decision_check.models.records import Catalog, CatalogEntry

LIST = "entries"  # the catalogue's list whose items are kept one by one

# Indexed as the entries are added (in the child that reads the catalogue), not once all are: an index
# built over 100,000 entries in the run's own process left its heap ~3 MB larger.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entry (organ BLOB, year INTEGER, pos INTEGER, name BLOB, decision_id BLOB,"
    " body BLOB, places BLOB)",
    "CREATE INDEX IF NOT EXISTS by_id ON entry (organ, year, decision_id, pos)",
    "CREATE INDEX IF NOT EXISTS by_entry ON entry (organ, year, name, pos)",
    "CREATE UNIQUE INDEX IF NOT EXISTS by_pos ON entry (organ, year, pos)",
    "CREATE TABLE IF NOT EXISTS head (organ BLOB, year INTEGER, places BLOB, PRIMARY KEY (organ, year))",
)


def key(text: str) -> bytes:
    """``text`` as the index (and the spool) store it: SQLite compares BLOBs bytewise, and UTF-8 with
    surrogates passed through sorts as Python sorts ``str``."""
    return text.encode("utf-8", "surrogatepass")


def dump(value: object) -> bytes:
    """A value as the index (and the spool) store it: pickled, newest protocol."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class CatalogIndex:
    """Catalogue entries and places in a SQLite file. Each process — the run's workers are forked —
    opens its own connection: a SQLite connection must not cross a fork."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def connect(self) -> sqlite3.Connection:
        """This process's connection (the file and its tables are created by the first)."""
        import sqlite3

        if self._connection is None or self._pid != os.getpid():
            self._connection = sqlite3.connect(self.path)
            self._pid = os.getpid()
            # Point lookups (an entry by decision id, a few per decision): the B-tree's upper pages fit
            # in 512 KB and the rest come from the OS's file cache. SQLite's default 2 MB filled up at
            # 100,000 entries in every process that looks entries up.
            self._connection.execute("PRAGMA cache_size=-512")
            for statement in _SCHEMA:
                self._connection.execute(statement)
        return self._connection

    def add(self, catalog: Catalog, source: SourceMap) -> None:
        """Keep ``catalog``'s entries and places (replacing any kept before for its organ and year)."""
        organ = key(catalog.organ)
        rows = [
            (
                organ,
                catalog.year,
                position,
                key(e.entry),
                None if e.decision_id is None else key(e.decision_id),
                dump(e),
                marshal.dumps(source.places((LIST, position))),
            )
            for position, e in enumerate(catalog.entries)
        ]
        head = marshal.dumps(source.places(stop=((LIST,),)))
        index = self.connect()
        index.execute("DELETE FROM entry WHERE organ = ? AND year = ?", (organ, catalog.year))
        index.executemany("INSERT INTO entry VALUES (?,?,?,?,?,?,?)", rows)
        index.execute("INSERT OR REPLACE INTO head VALUES (?,?,?)", (organ, catalog.year, head))
        index.commit()

    def listing(self, organ: str, year: int, decision_id: str) -> CatalogEntry | None:
        """The first entry of the catalogue that names ``decision_id``."""
        return self._first("decision_id", organ, year, decision_id)

    def named(self, organ: str, year: int, entry: str) -> CatalogEntry | None:
        """The first entry of the catalogue called ``entry``."""
        return self._first("name", organ, year, entry)

    def _first(self, column: Literal["decision_id", "name"], organ: str, year: int, value: str) -> CatalogEntry | None:
        row = (
            self.connect()
            .execute(
                f"SELECT body FROM entry WHERE organ = ? AND year = ? AND {column} = ? ORDER BY pos LIMIT 1",
                (key(organ), year, key(value)),
            )
            .fetchone()
        )
        return None if row is None else pickle.loads(row[0])

    def entries(self, organ: str, year: int) -> Entries:
        """The catalogue's entries in file order, read from the index each time they are iterated."""
        return Entries(self, organ, year)

    def source(self, organ: str, year: int) -> FlatMap:
        """Where the catalogue's values stand, its entries' places asked of the index when needed."""
        row = (
            self.connect()
            .execute("SELECT places FROM head WHERE organ = ? AND year = ?", (key(organ), year))
            .fetchone()
        )
        head: Places = {} if row is None else marshal.loads(row[0])

        def item(name: str, position: int) -> Places | None:
            if name != LIST:
                return None
            found = (
                self.connect()
                .execute(
                    "SELECT places FROM entry WHERE organ = ? AND year = ? AND pos = ?", (key(organ), year, position)
                )
                .fetchone()
            )
            return None if found is None else marshal.loads(found[0])

        return FlatMap(head, item)

    def close(self) -> None:
        """Close this process's connection."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None


class Entries:
    """One catalogue's entries as the index keeps them: iterated in file order, one at a time."""

    __slots__ = ("_index", "organ", "year")

    def __init__(self, index: CatalogIndex, organ: str, year: int) -> None:
        self._index = index
        self.organ = organ
        self.year = year

    def __iter__(self) -> Iterator[CatalogEntry]:
        rows = self._index.connect().execute(
            "SELECT body FROM entry WHERE organ = ? AND year = ? ORDER BY pos", (key(self.organ), self.year)
        )
        for (body,) in rows:
            yield pickle.loads(body)
