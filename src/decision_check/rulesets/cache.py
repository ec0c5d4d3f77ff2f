"""The compiled rule-book cache: where it lives, its key, and loading it only when it is safe.

This module owns the pickle of a compiled :class:`~decision_check.rulesets.book.RuleBook`: the file
name (a digest of the package version, the check registry, where the pickled classes live and the
bytes of every rule file) and an unpickler that may name only the rule book's own classes. Where
the file lives and when it may be opened (a regular file of this user that nobody else may write)
is :mod:`decision_check.cachefiles`. A cache that is absent, unreadable or untrusted is never an
error: the caller compiles the rule files again.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from decision_check import __version__
from decision_check.cachefiles import Report, cache_dir, open_trusted, write_private
from decision_check.cachefiles import trusted as _trusted
from decision_check.checks import REGISTRY
from decision_check.i18n import Text
from decision_check.rulesets.book import Article, Outcome, Param, Rule, RuleBook, RuleSet, _rebuild_rule

__all__ = ["_cache_file", "_read_cache", "_trusted", "_write_cache", "cache_dir"]


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
    kinds: list[type] = [RuleBook, RuleSet, Rule, Outcome, Param, Article]
    kinds.extend(check.options for check in REGISTRY.values())
    names = {f"{kind.__module__}.{kind.__qualname__}" for kind in kinds}
    names.add(f"{_rebuild_rule.__module__}.{_rebuild_rule.__qualname__}")
    return ",".join(sorted(names))


def _read_cache(path: Path, report: Report | None = None) -> RuleBook | None:
    handle = open_trusted(path, Text("规则缓存", "rule-book cache"), report)
    if handle is None:
        return None
    with handle:
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
    # A read-only home or an unpicklable user check: run without the cache.
    with contextlib.suppress(pickle.PickleError, TypeError, AttributeError):
        write_private(path, pickle.dumps(book, protocol=pickle.HIGHEST_PROTOCOL))
