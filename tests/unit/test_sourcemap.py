"""A flat table of places (what the catalogue index keeps) answers as the node tree it came from.

A finding's line in a large run's catalogue comes from the table, in a small run from the tree: both
must give the same span for every path — present, absent, inside an entry or in the header.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_check.catalog_index import LIST, CatalogIndex
from decision_check.loader import load_file, load_text
from decision_check.models.records import Catalog
from decision_check.sourcemap import FlatMap, PathKey, Places, SourceMap

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "decisions" / "catalogs" / "longhe-2020.yaml"


def _paths(source: SourceMap) -> list[PathKey]:
    """Every path in the file, and beneath each a key and an index that are not there."""
    present = list(source.places())
    return present + [(*p, "no_such_key") for p in present] + [(*p, 999) for p in present] + [("missing", 1)]


def _split(source: SourceMap) -> FlatMap:
    """The table as the catalogue index keeps it: the header, and each entry's places apart."""
    head = source.places(stop=((LIST,),))
    items: dict[int, Places] = {}
    position = 0
    while places := source.places((LIST, position)):
        items[position] = places
        position += 1
    return FlatMap(head, lambda name, i: items.get(i) if name == LIST else None)


@pytest.mark.parametrize("make", [lambda s: FlatMap(s.places()), _split], ids=["whole table", "entries apart"])
def test_a_table_locates_as_the_tree(make: object) -> None:
    loaded = load_file(CATALOG)
    assert isinstance(loaded.source, SourceMap) and isinstance(loaded.record, Catalog)
    flat = make(loaded.source)  # type: ignore[operator]
    paths = _paths(loaded.source)
    assert len(paths) > 100 and any(p[:1] == (LIST,) and len(p) == 3 for p in paths)
    for path in paths:
        assert flat.locate(path) == loaded.source.locate(path), path
        assert flat.key_span(path) == loaded.source.key_span(path), path


def test_the_first_of_duplicate_keys_is_the_one_located() -> None:
    text = "id: A\ntitle: first\nsteps:\n  x: 1\ntitle: second\n"
    loaded = load_text(text)
    assert isinstance(loaded.source, SourceMap)
    flat = FlatMap(loaded.source.places())
    assert flat.locate(("title",)) == loaded.source.locate(("title",))
    span = flat.locate(("title",))
    assert span is not None and span.line == 2
    assert flat.locate(("steps", "x", "deeper")) == loaded.source.locate(("steps", "x", "deeper"))


def test_an_empty_file_has_no_places() -> None:
    assert SourceMap().places() == {}
    assert FlatMap({}).locate(("id",)) is None
    assert FlatMap({}).key_span(("id",)) is None


def test_the_index_gives_back_entries_and_places(tmp_path: Path) -> None:
    loaded = load_file(CATALOG)
    catalog = loaded.record
    assert isinstance(catalog, Catalog) and isinstance(loaded.source, SourceMap)
    index = CatalogIndex(tmp_path / "catalogs.sqlite3")
    index.add(catalog, loaded.source)
    index.add(catalog, loaded.source)  # a catalogue read twice is kept once
    entries = index.entries(catalog.organ, catalog.year)
    assert list(entries) == list(catalog.entries) == list(entries)  # iterated again, read again
    source = index.source(catalog.organ, catalog.year)
    for path in _paths(loaded.source):
        assert source.locate(path) == loaded.source.locate(path), path
    first = catalog.entries[0]
    assert first.decision_id is not None
    assert index.listing(catalog.organ, catalog.year, first.decision_id) == first
    assert index.named(catalog.organ, catalog.year, first.entry) == first
    assert index.source("另一个机关", catalog.year).locate(("entries", 0)) is None
    index.close()
