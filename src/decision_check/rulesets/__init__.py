"""Rule-set files → validated, compiled rule sets; jurisdictions; parameters with stricter-wins.

A rule set encodes one instrument (or a body's practice): its in-force period, the organ levels it
applies to (directly or by reference), the parameters it fixes and its rules. Loading validates
everything a run depends on, so that *a rule set that loads is a rule set that runs*: unknown
checks and predicates, bad options, duplicate ids, citations without an instrument, an error-level
rule resting only on practice or unconfirmed articles, and a parameter loosened against the set it
extends are :class:`~decision_check.errors.RuleSetError` naming the file, line and rule.

This package module owns :func:`load_rulebook` (which folders, then the cache or a compile) and the
public names; the work is in its modules:

* :mod:`~decision_check.rulesets.schema` — the rule-set file schema (pydantic models, loaded on a compile);
* :mod:`~decision_check.rulesets.files` — where the bundled rule sets are, how rule files are named;
* :mod:`~decision_check.rulesets.compiler` — reading, validating and compiling the files, the errors;
* :mod:`~decision_check.rulesets.book` — the compiled data classes, stricter-wins parameters,
  ``$param`` options resolved;
* :mod:`~decision_check.rulesets.cache` — the pickled rule-book cache: key, owner/mode checks, safe load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from decision_check.errors import RuleSetError
from decision_check.i18n import Text
from decision_check.rulesets.book import (
    STATUTORY_LEVELS,
    Article,
    BasisKind,
    Outcome,
    Param,
    Rule,
    RuleBook,
    RuleSet,
    RuleSetLevel,
    merged_params,
    resolve_options,
)
from decision_check.rulesets.cache import _cache_file, _read_cache, _trusted, _write_cache, cache_dir
from decision_check.rulesets.files import JURISDICTIONS_FILE, bundled_dir, shown_path

if TYPE_CHECKING:  # the file schema (pydantic) is loaded only when a rule set is compiled
    from decision_check.rulesets.schema import (
        ArticleSpec,
        CitationSpec,
        InForce,
        JurisdictionsSpec,
        OutcomeSpec,
        ParamSpec,
        RuleSetSpec,
        RuleSpec,
        TextSpec,
    )

_SCHEMA_NAMES = frozenset(
    {"ArticleSpec", "CitationSpec", "InForce", "JurisdictionsSpec", "OutcomeSpec", "ParamSpec", "RuleSetSpec"}
    | {"RuleSpec", "TextSpec"}
)


def __getattr__(name: str) -> Any:
    if name in _SCHEMA_NAMES:
        from decision_check.rulesets import schema

        return getattr(schema, name)
    raise AttributeError(f"module 'decision_check.rulesets' has no attribute {name!r}")


__all__ = [
    "JURISDICTIONS_FILE",
    "STATUTORY_LEVELS",
    "Article",
    "ArticleSpec",
    "BasisKind",
    "CitationSpec",
    "InForce",
    "JurisdictionsSpec",
    "Outcome",
    "OutcomeSpec",
    "Param",
    "ParamSpec",
    "Rule",
    "RuleBook",
    "RuleSet",
    "RuleSetLevel",
    "RuleSetSpec",
    "RuleSpec",
    "TextSpec",
    "_read_cache",
    "_trusted",
    "bundled_dir",
    "cache_dir",
    "load_rulebook",
    "merged_params",
    "resolve_options",
    "shown_path",
]


def load_rulebook(
    extra_dirs: Sequence[Path] = (),
    *,
    bundled: bool = True,
    cache: Path | Literal[False] | None = None,
    report: Callable[[Text], None] | None = None,
) -> RuleBook:
    """Load the bundled rule sets, then each of ``extra_dirs`` (a project's own ``rules/``).

    The compiled book is cached (keyed by the bytes of every rule file, the package version, the
    check registry and where the cached classes live) under ``cache`` (default :func:`cache_dir`;
    ``False`` disables it), so that a run on one record does not pay for validating every rule again.
    A cache that cannot be read or written is ignored; so is one that someone else could have planted
    (see :func:`~decision_check.cachefiles.trusted`), and ``report`` (the CLI's ``-v``) is told why.
    """
    dirs: list[Path] = [bundled_dir()] if bundled else []
    seen = {d.resolve() for d in dirs}
    for extra in extra_dirs:
        if not extra.exists():
            raise RuleSetError(f"规则目录不存在：{extra}", f"rules folder does not exist: {extra}")
        if extra.resolve() not in seen:
            dirs.append(extra)
            seen.add(extra.resolve())
    files = [path for folder in dirs for path in (sorted(folder.glob("*.yaml")) if folder.is_dir() else [folder])]
    cache_file = _cache_file(files, cache)
    if cache_file is not None:
        cached = _read_cache(cache_file, report)
        if cached is not None:
            return cached
    from decision_check.rulesets.compiler import _load  # validates the files: pydantic, only on a miss

    book = _load(files)
    if cache_file is not None:
        _write_cache(cache_file, book)
    return book
