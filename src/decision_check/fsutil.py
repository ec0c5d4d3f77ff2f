"""Atomic file writes: a generated file is either complete or absent, never half-written.

Also the one preflight every writing command runs before doing any work (:func:`check_output`), so
that a folder, a missing parent or an existing file without ``--force`` is a clear usage error (exit
2) instead of a traceback after minutes of work.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from decision_check.errors import UsageError


def check_output(path: Path, *, force: bool | None = None) -> None:
    """Refuse an output path that cannot be written, before any work is done.

    ``force=None`` means the command replaces files freely (a report to ``--output``); ``False``
    refuses an existing file (official documents: ``--force`` needed); ``True`` allows replacing it.
    Devices and pipes (``/dev/null``, ``/dev/stdout``) are always accepted.
    """
    if path.is_dir():
        raise UsageError(f"输出路径是文件夹，请给出文件名：{path}", f"the output path is a folder; name a file: {path}")
    if path.exists() and not path.is_file():
        return
    if path.exists() and force is False:
        raise UsageError(
            f"文件已存在：{path}（加 --force 覆盖）", f"the file exists: {path} (add --force to replace it)"
        )
    parent = path.parent if str(path.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise UsageError(f"输出路径的上级不是文件夹：{parent}", f"the output path's parent is not a folder: {parent}")
    if not parent.is_dir():
        raise UsageError(f"输出文件所在的文件夹不存在：{parent}", f"the output file's folder does not exist: {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"没有写入权限：{parent}", f"no permission to write in: {parent}")


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    atomic_write_chunks(path, (data,))


def _new_file_mode(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` would give: the existing file's, else 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_chunks(path: Path, chunks: Iterable[str | bytes]) -> None:
    """Like :func:`atomic_write`, for content produced piece by piece (text is written as UTF-8)."""
    if path.exists() and not path.is_file():
        # A device or pipe (`--output /dev/null`, /dev/stdout, a FIFO): write to it, never rename over it.
        with path.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _new_file_mode(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)  # mkstemp creates 0600: colleagues could not read the report
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
