"""Files of the private cache folder: where it is, opening a cache file only when nobody else could
have written it, and writing one that only its owner can change.

Two caches live there, the compiled rule book (:mod:`decision_check.rulesets.cache`) and the record
models' validators (:mod:`decision_check.models.validator_cache`). Both are pickles, so the rules
are the same for both: the folder is created 0700, each file is written 0600 (atomically), and a file
is read only when it is a regular file — opened without following symbolic links, checked with
``fstat`` on the open file — owned by the current user and not writable by group or others. What a
file may name once opened is each cache's own business (its restricted unpickler). A cache that is
absent, unreadable or untrusted is never an error: the caller builds what it needed again.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from decision_check.fsutil import atomic_write
from decision_check.i18n import Text

Report = Callable[[Text], None]


def cache_dir() -> Path:
    """Where the caches live: ``$DECISION_CHECK_CACHE``, else the user cache folder."""
    explicit = os.environ.get("DECISION_CHECK_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "decision-check"


def trusted(status: os.stat_result) -> Text | None:
    """Why a cache file must not be loaded (None when it may): it is not a regular file, it belongs to
    another user, or group or others may write it — then someone else could have put code in it."""
    if not stat.S_ISREG(status.st_mode):
        return Text("不是普通文件", "not a regular file")
    getuid = getattr(os, "getuid", None)
    if getuid is not None and status.st_uid != getuid():
        return Text(f"属于其他用户（uid {status.st_uid}）", f"owned by another user (uid {status.st_uid})")
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return Text(
            f"同组或其他用户可写（权限 {stat.S_IMODE(status.st_mode):o}）",
            f"writable by group or others (mode {stat.S_IMODE(status.st_mode):o})",
        )
    return None


def open_trusted(path: Path, what: Text, report: Report | None = None) -> BinaryIO | None:
    """``path`` open for reading, or None when it is absent, a symbolic link, unreadable or untrusted
    (then ``report``, the CLI's ``-v``, is told why: "忽略{what} …")."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None  # absent (the usual miss), a symbolic link, or unreadable
    handle = os.fdopen(fd, "rb")
    why = trusted(os.fstat(handle.fileno()))  # of the file actually opened, not of the name
    if why is None:
        return handle
    handle.close()
    if report is not None:
        report(Text(f"忽略{what.zh} {path}：{why.zh}", f"ignoring the {what.en} {path}: {why.en}"))
    return None


def write_private(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` (mode 0600) in a private folder (0700); False when it cannot be
    written (a read-only home, say) — the run goes on without the cache."""
    try:
        private_dir(path.parent)
        atomic_write(path, data)
        os.chmod(path, 0o600)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        return False
    return True


def private_dir(folder: Path) -> None:
    """Create ``folder`` with mode 0700 (its parents as usual). An existing folder is left as it is —
    it may be one the user chose ($DECISION_CHECK_CACHE) — since every file in it is checked on load."""
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask; 0700 is what is meant
