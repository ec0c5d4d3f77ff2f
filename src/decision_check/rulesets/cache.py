"""The compiled rule-book cache: where it lives, its key, and loading it only when it is safe.

This module owns the pickle of a compiled :class:`~decision_check.rulesets.book.RuleBook`: the file
name (a digest of the package version, the check registry, where the pickled classes live and the
bytes of every rule file), the private folder (0700) and file (0600) it is written to, the checks
made before loading (a regular file of this user that nobody else may write, opened without
following links) and an unpickler that may name only the rule book's own classes. A cache that is
absent, unreadable or untrusted is never an error: the caller compiles the rule files again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from decision_check import __version__
from decision_check.checks import REGISTRY
from decision_check.fsutil import atomic_write
from decision_check.i18n import Text
from decision_check.rulesets.book import Outcome, Param, Rule, RuleBook, RuleSet, _rebuild_rule
from decision_check.rulesets.schema import ArticleSpec


def cache_dir() -> Path:
    """Where compiled rule books are cached: ``$DECISION_CHECK_CACHE``, else the user cache folder."""
    explicit = os.environ.get("DECISION_CHECK_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "decision-check"


def _cache_file(files: Sequence[Path], cache: Path | Literal[False] | None) -> Path | None:
    if cache is False:
        return None
    digest = hashlib.sha256(f"{__version__}|{','.join(sorted(REGISTRY))}|{_layout()}".encode())
    try:
        for path in files:
            digest.update(path.resolve().as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return (cache or cache_dir()) / f"rulebook-{digest.hexdigest()[:32]}.pickle"


def _layout() -> str:
    """Where the classes a cache names live (``module.qualname``, sorted): moving one to another module
    changes the key, so that a cache written before the move is never loaded with stale paths."""
    kinds: list[type] = [RuleBook, RuleSet, Rule, Outcome, Param, ArticleSpec]
    kinds.extend(check.options for check in REGISTRY.values())
    names = {f"{kind.__module__}.{kind.__qualname__}" for kind in kinds}
    names.add(f"{_rebuild_rule.__module__}.{_rebuild_rule.__qualname__}")
    return ",".join(sorted(names))


def _trusted(status: os.stat_result) -> Text | None:
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


def _read_cache(path: Path, report: Callable[[Text], None] | None = None) -> RuleBook | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None  # absent (the usual miss), a symbolic link, or unreadable
    with os.fdopen(fd, "rb") as handle:
        why = _trusted(os.fstat(handle.fileno()))  # of the file actually opened, not of the name
        if why is not None:
            if report is not None:
                report(Text(f"忽略规则缓存 {path}：{why.zh}", f"ignoring the rule-book cache {path}: {why.en}"))
            return None
        try:
            book = _CacheUnpickler(handle).load()
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, KeyError, TypeError, ValueError):
            if report is not None:
                report(Text(f"规则缓存 {path} 无法读取，已重新编译", f"the rule-book cache {path} is unreadable"))
            return None
    return book if isinstance(book, RuleBook) else None


# What a rule-book cache may contain: the rule book's own types and their reconstructors. Nothing
# else can be named by the file, so it cannot call os.system or any other function.
_CACHE_GLOBALS = frozenset(
    {
        ("datetime", "date"),
        ("fractions", "Fraction"),
        ("decision_check.checks.base", "_registered"),
        ("decision_check.findings", "_citation"),
        ("decision_check.rulesets.book", "_rebuild_rule"),
    }
)
_CACHE_MODULES = ("decision_check.checks.", "decision_check.models.")
_CACHE_CLASS_MODULES = (
    "decision_check.findings",
    "decision_check.i18n",
    "decision_check.rulesets.book",
    "decision_check.rulesets.schema",
)


class _CacheUnpickler(pickle.Unpickler):
    """Loads only the rule book's own classes (and three named reconstructors); refuses any other global."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = (module, name) in _CACHE_GLOBALS
        if not allowed and (module.startswith(_CACHE_MODULES) or module in _CACHE_CLASS_MODULES):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        if allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a rule-book cache")


def _write_cache(path: Path, book: RuleBook) -> None:
    # A read-only home or an unpicklable user check: run without the cache. The folder is private
    # (0700) and the file 0600, so that nobody else can put a cache of their own in its place.
    with contextlib.suppress(OSError, pickle.PickleError, TypeError, AttributeError):
        _private_dir(path.parent)
        atomic_write(path, pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL))
        os.chmod(path, 0o600)


def _private_dir(folder: Path) -> None:
    """Create ``folder`` with mode 0700 (its parents as usual). An existing folder is left as it is —
    it may be one the user chose ($DECISION_CHECK_CACHE) — since every file in it is checked on load."""
    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask; 0700 is what is meant
