"""Which files one validation run reads, in which order — found before anything is judged.

Organ files and catalogues are read first (decisions are judged against them), so a first pass over
the folders counts the record files and picks those out by a cheap scan of their ``kind``
(:func:`is_side_file`); the decision files are then visited in the order of ``sorted(rglob)``.

A large run (:func:`survey` with ``apart``) makes that pass in a forked child (:func:`in_child`),
which writes the decision files it found to an unnamed temporary file; the run then reads them back
one at a time. Sorting a folder of 25,000 names in the run's own process left ~3.5 MB of its heap
pinned for the rest of the run (freed names among objects that stayed); the child's heap goes with it.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeVar

from decision_check.errors import UsageError
from decision_check.loader import discover

_SIDE_KIND = re.compile(
    rb"(?m)^kind[ \t]*:[ \t]*['\"]?(organ|catalog|\xe6\x9c\xba\xe5\x85\xb3|\xe7\x9b\xae\xe5\xbd\x95)\b"
)
_SEPARATOR = b"\0"  # a file name may hold a newline, never a NUL
_T = TypeVar("_T")


def _check_exist(paths: Sequence[Path]) -> None:
    """A missing path is a usage error (exit 2)."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"路径不存在：{path}", f"no such file or folder: {path}")


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """Every record file under ``paths``, each once; a missing path or no file at all is a usage error."""
    _check_exist(paths)
    files = list(dict.fromkeys(discover(paths)))
    if not files:
        _nothing_in(paths)
    return files


def _nothing_in(paths: Sequence[Path]) -> None:
    shown = "、".join(str(p) for p in paths)
    raise UsageError(
        f"{shown} 中没有决策文件（*.yaml / *.yml）",
        f"no record files (*.yaml / *.yml) in {', '.join(map(str, paths))}",
    )


def record_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The record files under ``paths`` in order, each once — as :func:`collect_files`, one at a time.

    Only when one path lies inside another (or is given twice) are the paths seen remembered."""
    if not _may_repeat(paths):
        yield from discover(paths)
        return
    seen: set[Path] = set()
    for path in discover(paths):
        if path not in seen:
            seen.add(path)
            yield path


def _may_repeat(paths: Sequence[Path]) -> bool:
    parts = [p.parts for p in paths]
    return any(i != j and b[: len(a)] == a for i, a in enumerate(parts) for j, b in enumerate(parts))


def is_side_file(path: Path) -> bool:
    """Whether the file says at the start of a line that it is an organ file or a catalogue."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return _SIDE_KIND.search(head) is not None


@dataclass
class Survey:
    """What the first pass found: how many record files, which are organ files and catalogues, and
    (from :meth:`decisions`) the others in order."""

    paths: Sequence[Path]
    files: int = 0
    side: list[Path] = field(default_factory=list)
    decision_count: int = 0
    _listing: IO[bytes] | None = None  # the decision files, NUL-separated, when the pass ran apart

    def decisions(self) -> Iterator[Path]:
        """The decision files (every record file not in :attr:`side`), in order."""
        if self._listing is None:
            side = set(self.side)
            yield from (p for p in record_files(self.paths) if p not in side)
            return
        self._listing.seek(0)
        rest = b""
        while block := self._listing.read(65536):
            *names, rest = (rest + block).split(_SEPARATOR)
            for name in names:
                yield Path(os.fsdecode(name))
        if rest:
            yield Path(os.fsdecode(rest))

    def close(self) -> None:
        """Remove the listing (an unnamed file: closing it is enough)."""
        if self._listing is not None:
            self._listing.close()
            self._listing = None


def survey(paths: Sequence[Path], *, apart: bool = False) -> Survey:
    """The first pass over ``paths``; with ``apart``, in a forked child that lists the decision files
    to a temporary file (where there is no ``fork``, here, and the second pass walks again). A missing
    path, or no record file under ``paths``, is a usage error."""
    _check_exist(paths)
    if not apart or not hasattr(os, "fork") or all(p.is_file() for p in paths):
        found = _survey(paths, None)
    else:
        listing = tempfile.TemporaryFile(prefix="decision-check-files-")  # noqa: SIM115 - the Survey closes it
        try:
            found = in_child(lambda: _survey(paths, listing))
        except BaseException:
            listing.close()
            raise
        found._listing = listing
    if found.files == 0:  # found by the pass itself: a walk of its own would list a folder in this process
        found.close()
        _nothing_in(paths)
    return found


def _survey(paths: Sequence[Path], listing: IO[bytes] | None) -> Survey:
    found = Survey(paths)
    for path in record_files(paths):
        found.files += 1
        if is_side_file(path):
            found.side.append(path)
        else:
            found.decision_count += 1
            if listing is not None:
                listing.write(os.fsencode(path) + _SEPARATOR)
    if listing is not None:
        listing.flush()
    return found


def in_child(work: Callable[[], _T]) -> _T:
    """``work()`` run in a forked child process, its result (or exception) pickled back: what it
    allocates never fragments this process's heap. Directly where there is no ``fork``."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return work()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(read)
            try:
                payload = pickle.dumps((True, work()))
            except BaseException as exc:
                try:
                    payload = pickle.dumps((False, exc))
                except Exception:
                    payload = pickle.dumps((False, RuntimeError(repr(exc))))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        payload = handle.read()
    os.waitpid(pid, 0)
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]
