"""Where each value (and each mapping key) of a file stands, by data path — what a finding's line is.

Two kinds of map answer the same two questions (:meth:`Locator.locate`, :meth:`Locator.key_span`):

* :class:`SourceMap` keeps the node tree the YAML composer made and walks it when asked. Building a
  span for every node of every file up front cost more than the rest of the load, and a decision
  file has only a few findings.
* :class:`FlatMap` holds the spans themselves, as a table of data path → place. A large catalogue is
  judged at the end of a run from such tables kept in the catalogue index: its node tree (~9 MB for
  3,600 entries) is not kept and the file is not read a second time. :meth:`SourceMap.places` makes
  the table; a flat map may take one list (``entries``) item by item from a lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

import yaml

from decision_check.findings import Span

PathKey = tuple[str | int, ...]
Corners = tuple[int, int, int, int]  # line, column, end line, end column (as Span; marshal-able)
Place = tuple[Corners, Corners | None]  # the value's corners, the corners of the key that introduced it
Places = dict[PathKey, Place]


class Locator:
    """The two questions a finding asks of a file, answered from :meth:`_deepest`."""

    __slots__ = ()

    def _deepest(self, path: PathKey) -> tuple[int, Span, Span | None] | None:
        """How many parts of ``path`` are in the file, the span of the deepest one and of its key;
        None for a file with no content."""
        raise NotImplementedError

    def locate(self, path: Iterable[str | int]) -> Span | None:
        """The span of ``path``; when it is absent, the key of its nearest ancestor that is in the file.

        A missing ``steps.legality_review`` points at the ``steps:`` key (where the step belongs),
        not at the first step inside it; with no ``steps:`` at all, at the record's top line.
        """
        parts = tuple(path)
        found = self._deepest(parts)
        if found is None:
            return None
        depth, value, key = found
        return value if depth == len(parts) or key is None else key

    def key_span(self, path: Iterable[str | int]) -> Span | None:
        """The span of the mapping key that introduces ``path`` (its value's when it has no key;
        the nearest ancestor's value when ``path`` is absent)."""
        parts = tuple(path)
        found = self._deepest(parts)
        if found is None:
            return None
        depth, value, key = found
        return key if depth == len(parts) and key is not None else value


class SourceMap(Locator):
    """The composed node tree of one file (``root`` is None for a file with no content)."""

    __slots__ = ("root",)

    def __init__(self, root: yaml.Node | None = None) -> None:
        self.root = root

    def _walk(self, path: PathKey) -> tuple[int, yaml.Node | None, yaml.Node | None]:
        """The number of parts of ``path`` found, the deepest node found and the key node above it."""
        node, key_node = self.root, None
        for depth, part in enumerate(path):
            child = _child(node, part)
            if child is None:
                return depth, node, key_node
            key_node, node = child
        return len(path), node, key_node

    def _deepest(self, path: PathKey) -> tuple[int, Span, Span | None] | None:
        depth, node, key_node = self._walk(path)
        if node is None:
            return None
        return depth, span_of(node), None if key_node is None else span_of(key_node)

    def places(self, under: PathKey = (), *, stop: Collection[PathKey] = ()) -> Places:
        """Every value under ``under`` (itself included) with its key, by path relative to ``under``;
        the values at the paths in ``stop`` (relative) are listed but what is inside them is not."""
        depth, node, key_node = self._walk(under)
        if node is None or depth < len(under):
            return {}
        found: Places = {(): (_corners(node), None if key_node is None else _corners(key_node))}
        if () not in stop:
            for path, child_key, child in _descendants(node, (), stop):
                found[path] = (_corners(child), None if child_key is None else _corners(child_key))
        return found


class FlatMap(Locator):
    """Spans from a table (:meth:`SourceMap.places`). With ``items``, the values inside the list at
    ``(field, i)`` come from ``items(field, i)`` (the places relative to that item), asked when needed."""

    __slots__ = ("_items", "_places")

    def __init__(self, places: Mapping[PathKey, Place], items: Callable[[str, int], Places | None] | None = None):
        self._places = places
        self._items = items

    def _deepest(self, path: PathKey) -> tuple[int, Span, Span | None] | None:
        if self._items is not None and len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            item = self._items(path[0], path[1])
            if item:
                depth, value, key = _deepest_in(item, path[2:])
                return depth + 2, value, key
        if not self._places:
            return None
        return _deepest_in(self._places, path)


def span_of(node: yaml.Node) -> Span:
    """The span of a composed node."""
    return Span(*_corners(node))


def _corners(node: yaml.Node) -> Corners:
    start, end = node.start_mark, node.end_mark  # YAML's marks are 0-based
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The key node and value node at ``part`` under ``node`` (the first occurrence of a key)."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _descendants(
    node: yaml.Node, path: PathKey, stop: Collection[PathKey]
) -> Iterator[tuple[PathKey, yaml.Node | None, yaml.Node]]:
    """(path, key node, value node) of every node below ``node``, parents first, as :func:`_child`
    finds them: scalar keys, the first occurrence of a key winning."""
    children: Iterable[tuple[str | int, yaml.Node | None, yaml.Node]]
    if isinstance(node, yaml.MappingNode):
        first: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                first.setdefault(k.value, (k, v))
        children = ((name, k, v) for name, (k, v) in first.items())
    elif isinstance(node, yaml.SequenceNode):
        children = ((i, None, v) for i, v in enumerate(node.value))
    else:
        return
    for part, key, value in children:
        below = (*path, part)
        yield below, key, value
        if below not in stop:
            yield from _descendants(value, below, stop)


def _deepest_in(places: Mapping[PathKey, Place], path: PathKey) -> tuple[int, Span, Span | None]:
    for depth in range(len(path), -1, -1):
        place = places.get(path[:depth])
        if place is not None:
            value, key = place
            return depth, Span(*value), None if key is None else Span(*key)
    raise LookupError("a table of places holds its root ()")
