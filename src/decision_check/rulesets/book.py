"""The compiled rule book: rule sets, rules, outcomes and parameters as the engine uses them.

This module owns the data classes a loaded rule book is made of (:class:`RuleBook`, :class:`RuleSet`,
:class:`Rule`, :class:`Outcome`, :class:`Param`), the stricter-wins order of parameters
(:meth:`Param.stricter`, :func:`merged_params`) and the resolution of a rule's ``$param`` options
(:func:`resolve_options`). They are plain dataclasses, picklable (the rule book is cached as a pickle,
see :mod:`decision_check.rulesets.cache`): a :class:`Rule` is pickled without its predicates, which
:func:`_rebuild_rule` compiles again from ``when``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from decision_check.checks.base import CheckDef, Options
from decision_check.findings import Citation, Severity
from decision_check.i18n import Text
from decision_check.models.enums import OrganLevel
from decision_check.models.types import parse_share_spelling
from decision_check.predicates import Predicate, compile_predicates

RuleSetLevel = Literal["national", "provincial", "county", "local_practice"]
BasisKind = Literal["statute", "proxy", "standard", "practice"]


@dataclass(frozen=True)
class Article:
    """An article of the instrument a rule set encodes, as its ``articles:`` list states it."""

    number: str
    title: str = ""
    checkable: bool = True
    confidence: Literal["high", "med", "unconfirmed"] = "high"
    reason: str | None = None  # why a record cannot show it (``checkable: false``), printed by ``rules coverage``


STATUTORY_LEVELS: frozenset[str] = frozenset({"national", "provincial", "county"})


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
    articles: tuple[Article, ...]
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
    from decision_check.models.validator_cache import validate

    return validate(rule.check.options, dict(resolved))


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
