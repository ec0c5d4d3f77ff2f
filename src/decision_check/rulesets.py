"""Rule-set files → validated, compiled rule sets; jurisdictions; parameters with stricter-wins.

A rule set encodes one instrument (or a body's practice): its in-force period, the organ levels it
applies to (directly or by reference), the parameters it fixes and its rules. Loading validates
everything a run depends on, so that *a rule set that loads is a rule set that runs*: unknown
checks and predicates, bad options, duplicate ids, citations without an instrument, an error-level
rule resting only on practice or unconfirmed articles, and a parameter loosened against the set it
extends are :class:`~decision_check.errors.RuleSetError` naming the file, line and rule.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from decision_check import __version__
from decision_check.checks import REGISTRY
from decision_check.checks.base import CheckDef, Options
from decision_check.errors import RuleSetError
from decision_check.findings import Citation, Severity
from decision_check.fsutil import atomic_write
from decision_check.i18n import EMPTY, Text
from decision_check.loader import SourceMap, format_path, read_yaml
from decision_check.models.enums import OrganLevel
from decision_check.models.types import CnDate, parse_share_spelling
from decision_check.predicates import Predicate, compile_predicates

RuleSetLevel = Literal["national", "provincial", "county", "local_practice"]
BasisKind = Literal["statute", "proxy", "standard", "practice"]
STATUTORY_LEVELS: frozenset[str] = frozenset({"national", "provincial", "county"})
JURISDICTIONS_FILE = "jurisdictions.yaml"
_M = TypeVar("_M", bound=BaseModel)


# ------------------------------------------------------------------------------------ file schema


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built only when the cache misses


class TextSpec(_Spec):
    zh: str
    en: str = ""

    def text(self) -> Text:
        return Text(self.zh, self.en or self.zh)


def _text(value: Any) -> Any:
    return {"zh": value} if isinstance(value, str) else value


class CitationSpec(_Spec):
    instrument: str = Field(min_length=1)
    article: str | None = None
    confidence: Literal["high", "med", "unconfirmed"] = "high"
    note: str | None = None
    # false: the citation describes where the rule's threshold may come from (shown by ``rules show``
    # and counted by ``rules coverage``) but is not attached to findings, whose check cites the source
    # it actually applied (MEET-03: the organ's rules of procedure, 189号, the party committee's rules)
    on_findings: bool = True

    def citation(self) -> Citation:
        return Citation(self.instrument, self.article, self.confidence, self.note)


class OutcomeSpec(_Spec):
    severity: Severity | None = None
    message: TextSpec | None = None
    hint: TextSpec | None = None
    citations: list[CitationSpec] = Field(default_factory=list)

    _text = field_validator("message", "hint", mode="before")(_text)


class RuleSpec(_Spec):
    id: str = Field(min_length=1)
    title: str | None = None
    title_en: str | None = None
    description: TextSpec | None = None
    step: str | None = None
    severity: Severity | None = None
    waivable: bool | None = None
    when: list[str] | None = None
    check: dict[str, Any] | None = None
    citations: list[CitationSpec] = Field(default_factory=list)
    basis_kind: BasisKind | None = None
    message: TextSpec | None = None
    hint: TextSpec | None = None
    outcomes: dict[str, OutcomeSpec] = Field(default_factory=dict)

    _text = field_validator("message", "hint", "description", mode="before")(_text)


class ParamSpec(_Spec):
    value: Any
    min: bool = False
    max: bool = False
    description: str | None = None


def _param(value: Any) -> Any:
    return value if isinstance(value, dict) and "value" in value else {"value": value}


class InForce(_Spec):
    from_: CnDate = Field(alias="from")
    to: CnDate | None = None


class ArticleSpec(_Spec):
    number: str
    title: str = ""
    checkable: bool = True
    confidence: Literal["high", "med", "unconfirmed"] = "high"
    reason: str | None = None  # why a record cannot show it (``checkable: false``), printed by ``rules coverage``

    @model_validator(mode="after")
    def _reason_for_uncheckable(self) -> ArticleSpec:
        if not self.checkable and not self.reason:
            raise ValueError(f"{self.number}: an article marked checkable: false needs its reason")
        return self


class RuleSetSpec(_Spec):
    id: str = Field(min_length=1)
    title: str
    instrument: str | None = None
    source: str = ""
    level: RuleSetLevel
    in_force: InForce
    applies_to: dict[OrganLevel, Literal["direct", "by_reference"]]
    reference_article: str | None = None
    extends: list[str] = Field(default_factory=list)
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    articles: list[ArticleSpec] = Field(default_factory=list)
    rules: list[RuleSpec] = Field(default_factory=list)

    @field_validator("params", mode="before")
    @classmethod
    def _params(cls, value: Any) -> Any:
        if value is None:
            return {}
        return {k: _param(v) for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("rules", "articles", "extends", mode="before")
    @classmethod
    def _empty_list(cls, value: Any) -> Any:
        return [] if value is None else value


class JurisdictionsSpec(_Spec):
    jurisdictions: dict[str, list[str]]


# --------------------------------------------------------------------------------------- compiled


@dataclass(frozen=True)
class Param:
    """A legal parameter and the direction in which it may only be tightened."""

    name: str
    value: Any
    direction: Literal["min", "max", "exact"]

    @property
    def order(self) -> Any:
        """The value as compared for strictness: a share written ``"2/3"`` or ``过半数`` as (share, strict),
        so that 2/3 > 0.5 and 过半数 (more than half) is stricter than 半数 (at least half)."""
        if isinstance(self.value, str | float | Fraction) and not isinstance(self.value, bool):
            try:
                share, strict = parse_share_spelling(self.value)
            except ValueError:
                return self.value
            return (share, bool(strict))
        return self.value

    def stricter(self, other: Param) -> Param:
        """The stricter of two values of the same parameter."""
        mine, theirs = _comparable(self.order, other.order)
        if self.direction == "min":
            return self if mine >= theirs else other
        if self.direction == "max":
            return self if mine <= theirs else other
        return other

    def loosens(self, parent: Param) -> bool:
        """True when this value is looser than ``parent``'s (a rule-set error)."""
        if self.direction != parent.direction:
            return True
        mine, theirs = _comparable(self.order, parent.order)
        if self.direction == "min":
            return bool(mine < theirs)
        if self.direction == "max":
            return bool(mine > theirs)
        return bool(mine != theirs)


def _comparable(a: Any, b: Any) -> tuple[Any, Any]:
    """Two parameter values made comparable: a bare number against a share becomes (number, False)."""
    if isinstance(a, tuple) and isinstance(b, int | float) and not isinstance(b, bool):
        return a, (b, False)
    if isinstance(b, tuple) and isinstance(a, int | float) and not isinstance(a, bool):
        return (a, False), b
    return a, b


@dataclass(frozen=True)
class Outcome:
    """What a rule says for one graded outcome of its check."""

    severity: Severity
    message: Text
    hint: Text
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A compiled rule of one rule set."""

    id: str
    title: Text
    description: Text
    step: str
    severity: Severity
    waivable: bool
    when: tuple[str, ...]
    predicates: tuple[Predicate, ...]
    check: CheckDef
    options: Mapping[str, Any]
    citations: tuple[Citation, ...]
    basis_kind: BasisKind
    message: Text
    hint: Text
    outcomes: Mapping[str, Outcome]
    rule_set: str
    file: str
    line: int
    validated: Options  # options validated with the rule set's own parameters (the common case)
    options_key: Any  # the resolved options that `validated` was built from
    # the citations attached to findings (``citations`` minus those marked ``on_findings: false``)
    finding_citations: tuple[Citation, ...] | None = None

    @property
    def cites_on_findings(self) -> tuple[Citation, ...]:
        """What every finding of this rule cites."""
        return self.citations if self.finding_citations is None else self.finding_citations

    def __reduce__(self) -> tuple[Any, ...]:
        # Predicates are closures: rebuild them from `when` (the rule book is cached as a pickle).
        state = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "predicates"}
        return (_rebuild_rule, (state,))

    def outcome(self, name: str) -> Outcome:
        """The outcome ``name`` (the rule's own severity and message for ``default``)."""
        found = self.outcomes.get(name)
        if found is not None:
            return found
        return Outcome(self.severity, self.message, self.hint)

    def param_refs(self) -> list[str]:
        """Names of the parameters the options refer to (``$name``)."""
        return [v[1:] for v in self.options.values() if isinstance(v, str) and v.startswith("$")]


def _rebuild_rule(state: dict[str, Any]) -> Rule:
    return Rule(predicates=compile_predicates(state["when"]), **state)


@dataclass
class RuleSet:
    """A compiled rule set: metadata, merged parameters (with its parents') and rules (inherited too)."""

    id: str
    title: str
    instrument: str
    source: str
    level: RuleSetLevel
    in_force_from: date
    in_force_to: date | None
    applies_to: Mapping[OrganLevel, Literal["direct", "by_reference"]]
    reference_article: str | None
    extends: tuple[str, ...]
    params: dict[str, Param]
    articles: tuple[ArticleSpec, ...]
    rules: dict[str, Rule]
    file: str
    digest: str = ""

    @property
    def statutory(self) -> bool:
        """Binding law (national, provincial or county rules), as opposed to local practice."""
        return self.level in STATUTORY_LEVELS

    def in_force(self, day: date) -> bool:
        """In force on ``day`` (both ends of the period included)."""
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def mode(self, level: OrganLevel) -> Literal["direct", "by_reference"] | None:
        """How it applies to an organ of ``level``: directly, by reference, or not at all."""
        return self.applies_to.get(level)

    @property
    def version(self) -> str:
        """``id@digest``: recorded with each validation run."""
        return f"{self.id}@{self.digest[:12]}"


@dataclass
class RuleBook:
    """Every loaded rule set and the jurisdictions that choose among them."""

    sets: dict[str, RuleSet] = field(default_factory=dict)
    jurisdictions: dict[str, list[str]] = field(default_factory=dict)

    def candidates(self, jurisdiction: str) -> list[RuleSet]:
        """The rule sets a jurisdiction may apply, in its order (most general first)."""
        return [self.sets[i] for i in self.jurisdictions.get(jurisdiction, []) if i in self.sets]

    def rule(self, rule_id: str) -> Rule | None:
        """A rule by id (from the first set that has it)."""
        for rule_set in self.sets.values():
            if rule_id in rule_set.rules:
                return rule_set.rules[rule_id]
        return None

    def all_rules(self) -> dict[str, list[Rule]]:
        """Every rule id with its definitions across sets (own definitions first)."""
        out: dict[str, list[Rule]] = {}
        for rule_set in self.sets.values():
            for rule in rule_set.rules.values():
                if rule.rule_set == rule_set.id:
                    out.setdefault(rule.id, []).append(rule)
        return dict(sorted(out.items()))


# ----------------------------------------------------------------------------------------- loading


def bundled_dir() -> Path:
    """The rule sets shipped with the package.

    In a source checkout ``bundled_rules`` is a link to the project's ``rules/`` folder: it is followed,
    so that messages name ``rules/national.yaml``, the file a maintainer edits, not the link.
    """
    folder = Path(str(resources.files("decision_check") / "bundled_rules"))
    return folder.resolve() if folder.is_symlink() else folder


def shown_path(path: Path) -> str:
    """A rule file as messages name it: relative to the working folder when inside it, else absolute."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def load_rulebook(
    extra_dirs: Sequence[Path] = (),
    *,
    bundled: bool = True,
    cache: Path | Literal[False] | None = None,
    report: Callable[[Text], None] | None = None,
) -> RuleBook:
    """Load the bundled rule sets, then each of ``extra_dirs`` (a project's own ``rules/``).

    The compiled book is cached (keyed by the bytes of every rule file, the package version and the
    check registry) under ``cache`` (default :func:`cache_dir`; ``False`` disables it), so that a run on
    one record does not pay for validating every rule again. A cache that cannot be read or written is
    ignored; so is one that someone else could have planted (see :func:`_trusted`), and ``report``
    (the CLI's ``-v``) is told why.
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
    book = _load(files)
    if cache_file is not None:
        _write_cache(cache_file, book)
    return book


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
    digest = hashlib.sha256(f"{__version__}|{','.join(sorted(REGISTRY))}".encode())
    try:
        for path in files:
            digest.update(path.resolve().as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return (cache or cache_dir()) / f"rulebook-{digest.hexdigest()[:32]}.pickle"


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
        ("decision_check.rulesets", "_rebuild_rule"),
    }
)
_CACHE_MODULES = ("decision_check.checks.", "decision_check.models.", "decision_check.rulesets")
_CACHE_CLASS_MODULES = ("decision_check.findings", "decision_check.i18n")


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


def _load(files: Sequence[Path]) -> RuleBook:
    specs: dict[str, tuple[RuleSetSpec, SourceMap, str, str]] = {}
    jurisdictions: dict[str, list[str]] = {}
    for path in files:
        data, source, file = _read(path)
        if path.name == JURISDICTIONS_FILE:
            parsed = _validated(JurisdictionsSpec, data, source, file, None)
            jurisdictions.update(parsed.jurisdictions)
            continue
        spec = _validated(RuleSetSpec, data, source, file, None)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if spec.id in specs:
            if specs[spec.id][3] == digest:
                continue
            raise RuleSetError(
                f"{file}: 规则集 {spec.id} 与 {specs[spec.id][2]} 重复；扩展已有规则集请另起 id 并写 extends",
                f"{file}: rule set {spec.id} duplicates {specs[spec.id][2]}; use a new id with `extends`",
            )
        specs[spec.id] = (spec, source, file, digest)
    book = RuleBook(jurisdictions=jurisdictions)
    for set_id in specs:
        _compile(set_id, specs, book, ())
    for name, members in jurisdictions.items():
        for member in members:
            if member not in book.sets:
                raise RuleSetError(
                    f"管辖 {name} 引用了不存在的规则集 {member}",
                    f"jurisdiction {name} names an unknown rule set {member}",
                )
    return book


def _read(path: Path) -> tuple[dict[str, Any], SourceMap, str]:
    file = shown_path(path)
    data, loaded = read_yaml(path)
    if data is None:
        first = loaded.findings[0] if loaded.findings else None
        where = f"{file}:{first.line}" if first else file
        raise RuleSetError(
            f"{where}: 规则集文件无法读取：{first.message.zh if first else ''}",
            f"{where}: cannot read the rule-set file: {first.message.en if first else ''}",
        )
    if loaded.findings:
        first = loaded.findings[0]
        raise RuleSetError(f"{file}:{first.line}: {first.message.zh}", f"{file}:{first.line}: {first.message.en}")
    return data, loaded.source, file


def _validated(model: type[_M], data: Any, source: SourceMap, file: str, prefix: tuple[str | int, ...] | None) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = (*(prefix or ()), *error["loc"])
        span = source.locate(loc)
        line = span.line if span else 1
        raise RuleSetError(
            f"{file}:{line}: {format_path(loc)}：{error['msg']}",
            f"{file}:{line}: {format_path(loc)}: {error['msg']}",
        ) from None


def _compile(
    set_id: str,
    specs: Mapping[str, tuple[RuleSetSpec, SourceMap, str, str]],
    book: RuleBook,
    chain: tuple[str, ...],
) -> RuleSet:
    if set_id in book.sets:
        return book.sets[set_id]
    spec, source, file, digest = specs[set_id]
    if set_id in chain:
        raise RuleSetError(f"{file}: extends 循环：{' → '.join((*chain, set_id))}", f"{file}: extends cycle")
    params: dict[str, Param] = {}
    rules: dict[str, Rule] = {}
    for parent_id in spec.extends:
        if parent_id not in specs:
            raise RuleSetError(
                f"{file}: extends 引用了不存在的规则集 {parent_id}",
                f"{file}: extends names unknown rule set {parent_id}",
            )
        parent = _compile(parent_id, specs, book, (*chain, set_id))
        params.update(parent.params)
        rules.update(parent.rules)
    for name, param_spec in spec.params.items():
        line = _line(source, ("params", name))
        if param_spec.min and param_spec.max:
            raise RuleSetError(
                f"{file}:{line}: 参数 {name} 不能同时为 min 和 max", f"{file}:{line}: {name}: min and max"
            )
        direction: Literal["min", "max", "exact"] = "min" if param_spec.min else "max" if param_spec.max else "exact"
        param = Param(name, param_spec.value, direction)
        inherited = params.get(name)
        if inherited is not None and param.loosens(inherited):
            raise RuleSetError(
                f"{file}:{line}: 参数 {name} = {param.value} 比所扩展规则集的 {inherited.value} 宽松；下级只能从严",
                f"{file}:{line}: parameter {name} = {param.value} loosens the inherited {inherited.value}; "
                "a rule set may only tighten",
            )
        params[name] = param
    instrument = spec.instrument or spec.title.strip("《》")
    seen: set[str] = set()
    for index, rule_spec in enumerate(spec.rules):
        where = ("rules", index)
        line = _line(source, where)
        if rule_spec.id in seen:
            raise RuleSetError(
                f"{file}:{line}: 规则 {rule_spec.id} 重复", f"{file}:{line}: duplicate rule id {rule_spec.id}"
            )
        seen.add(rule_spec.id)
        base = rules.get(rule_spec.id)
        rules[rule_spec.id] = _compile_rule(rule_spec, base, spec, params, source, file, where, line)
    articles = tuple(spec.articles)
    rule_set = RuleSet(
        id=spec.id,
        title=spec.title,
        instrument=instrument,
        source=spec.source,
        level=spec.level,
        in_force_from=spec.in_force.from_,
        in_force_to=spec.in_force.to,
        applies_to=dict(spec.applies_to),
        reference_article=spec.reference_article,
        extends=tuple(spec.extends),
        params=params,
        articles=articles,
        rules=rules,
        file=file,
        digest=digest,
    )
    book.sets[set_id] = rule_set
    return rule_set


def _line(source: SourceMap, path: tuple[str | int, ...]) -> int:
    span = source.locate(path)
    return span.line if span else 1


def _compile_rule(
    spec: RuleSpec,
    base: Rule | None,
    set_spec: RuleSetSpec,
    params: Mapping[str, Param],
    source: SourceMap,
    file: str,
    where: tuple[str | int, ...],
    line: int,
) -> Rule:
    """A full rule definition, or a patch over the inherited rule of the same id."""

    def fail(zh: str, en: str, sub: tuple[str | int, ...] = ()) -> RuleSetError:
        at = _line(source, (*where, *sub)) if sub else line
        return RuleSetError(f"{file}:{at}: 规则 {spec.id}：{zh}", f"{file}:{at}: rule {spec.id}: {en}")

    if base is None and (spec.check is None or spec.title is None or spec.step is None):
        raise fail("新规则须有 title、step 和 check", "a new rule needs title, step and check")
    own_citations = tuple(c.citation() for c in spec.citations)
    own_on_findings = tuple(c.citation() for c in spec.citations if c.on_findings)
    if base is not None:
        if spec.severity is not None and spec.severity.rank < base.severity.rank:
            raise fail(
                f"不能把严重程度从 {base.severity.value} 降为 {spec.severity.value}（降低须在配置中写明理由）",
                f"cannot lower severity from {base.severity.value} to {spec.severity.value} "
                "(lowering is a configuration override with a reason)",
                ("severity",),
            )
        if spec.waivable is True and not base.waivable:
            raise fail("不可豁免的规则不能改为可豁免", "a non-waivable rule cannot be made waivable", ("waivable",))
    check_raw = spec.check if spec.check is not None else None
    if check_raw is not None:
        name = check_raw.get("name")
        check_def = REGISTRY.get(str(name))
        if check_def is None:
            known = "、".join(sorted(REGISTRY))
            raise fail(f"未知的检查函数“{name}”；可用：{known}", f"no such check: {name!r}", ("check",))
        options = {k: v for k, v in check_raw.items() if k != "name"}
    else:
        assert base is not None
        check_def, options = base.check, dict(base.options)
    validated, options_key = _validate_options(check_def, options, params, fail)
    when = tuple(spec.when) if spec.when is not None else (base.when if base else ())
    try:
        predicates = compile_predicates(when)
    except ValueError as exc:
        raise fail(f"条件无效：{exc}", f"invalid condition: {exc}", ("when",)) from None
    severity = spec.severity or (base.severity if base else Severity.ERROR)
    citations = (base.citations if base else ()) + own_citations
    finding_citations = (base.cites_on_findings if base else ()) + own_on_findings
    if not citations:
        raise fail("缺少法律依据（citations）", "no citation", ("citations",))
    basis = spec.basis_kind or (base.basis_kind if base else "statute")
    honest = basis in ("statute", "standard") and any(c.confidence != "unconfirmed" for c in citations)
    if severity is Severity.ERROR and not honest:
        raise fail(
            "依据为本地做法、参照标准或未经核实的条文的规则，最高只能是 warning",
            "a rule resting on practice, a proxy or unconfirmed articles can be at most a warning",
            ("severity",),
        )
    if check_def.subject == "catalog" and spec.step not in (None, "catalog"):
        raise fail("目录检查的 step 应为 catalog", "a catalogue check needs step: catalog", ("step",))
    message = spec.message.text() if spec.message else (base.message if base else EMPTY)
    if not message:
        raise fail("缺少 message", "no message", ())
    outcomes: dict[str, Outcome] = dict(base.outcomes) if base else {}
    hint = spec.hint.text() if spec.hint else (base.hint if base else EMPTY)
    for name, outcome_spec in spec.outcomes.items():
        previous = outcomes.get(name)
        outcome_severity = outcome_spec.severity or (previous.severity if previous else severity)
        outcomes[name] = Outcome(
            severity=outcome_severity,
            message=outcome_spec.message.text()
            if outcome_spec.message
            else (previous.message if previous else message),
            hint=outcome_spec.hint.text() if outcome_spec.hint else (previous.hint if previous else hint),
            citations=tuple(c.citation() for c in outcome_spec.citations) + (previous.citations if previous else ()),
        )
    title = Text(spec.title or (base.title.zh if base else ""), spec.title_en or (base.title.en if base else ""))
    return Rule(
        id=spec.id,
        title=Text(title.zh, title.en or title.zh),
        description=spec.description.text() if spec.description else (base.description if base else EMPTY),
        step=spec.step or (base.step if base else "scope"),
        severity=severity,
        waivable=spec.waivable if spec.waivable is not None else (base.waivable if base else True),
        when=when,
        predicates=predicates,
        check=check_def,
        options=options,
        citations=citations,
        basis_kind=basis,
        message=message,
        hint=hint,
        outcomes=outcomes,
        rule_set=set_spec.id,
        file=file,
        line=line,
        validated=validated,
        options_key=options_key,
        finding_citations=None if finding_citations == citations else finding_citations,
    )


def _validate_options(
    check_def: CheckDef, options: Mapping[str, Any], params: Mapping[str, Param], fail: Any
) -> tuple[Options, Any]:
    resolved = {}
    for key, value in options.items():
        if isinstance(value, str) and value.startswith("$"):
            param = params.get(value[1:])
            if param is None:
                raise fail(f"选项 {key} 引用了未定义的参数 {value}", f"option {key} names undefined parameter {value}")
            resolved[key] = param.value
        else:
            resolved[key] = value
    try:
        validated = check_def.options.model_validate(resolved)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise fail(
            f"检查 {check_def.name} 的选项 {format_path(error['loc'])} 无效：{error['msg']}",
            f"check {check_def.name}: option {format_path(error['loc'])}: {error['msg']}",
            ("check",),
        ) from None
    return validated, (check_def.name, _freeze(tuple(resolved.items())))


def resolve_options(rule: Rule, params: Mapping[str, Param]) -> Options:
    """The rule's options with ``$param`` references resolved against ``params`` (the engine caches
    the result per combination of rule sets; the rule's own parameters need no validation at all)."""
    resolved = tuple(
        (k, params[v[1:]].value if isinstance(v, str) and v.startswith("$") and v[1:] in params else v)
        for k, v in rule.options.items()
    )
    key = (rule.check.name, _freeze(resolved))
    if key == rule.options_key:
        return rule.validated
    return rule.check.options.model_validate(dict(resolved))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def merged_params(sets: Iterable[RuleSet]) -> dict[str, Param]:
    """Parameters of several rule sets in force together: the stricter value wins."""
    out: dict[str, Param] = {}
    for rule_set in sets:
        for name, param in rule_set.params.items():
            current = out.get(name)
            out[name] = param if current is None else current.stricter(param)
    return out
