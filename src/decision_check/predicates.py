"""The condition language of rules (``when:``): named predicates, never ``eval``.

A condition is a list of terms that must all hold. A term is a predicate name, optionally with one
argument after a colon (``flag:technical``), optionally negated with ``not `` and optionally
alternatives joined with `` | `` (``proposer:department | proposer:lower_government``).
Unknown predicates and missing or unexpected arguments are rule-set errors at load time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from decision_check.models.enums import DecisionStatus, DisclosureScope, OrganLevel
from decision_check.models.records import FLAG_NAMES, STEP_NAMES

_CONCLUDED = frozenset(
    {
        DecisionStatus.DECIDED,
        DecisionStatus.REJECTED,
        DecisionStatus.SHELVED,
        DecisionStatus.ADJUSTED,
        DecisionStatus.TERMINATED,
    }
)
_DECIDED = frozenset({DecisionStatus.DECIDED, DecisionStatus.ADJUSTED, DecisionStatus.TERMINATED})


def _flag(ctx: Any, name: str) -> bool:
    return getattr(ctx.decision.flags, name) is True


def _flag_false(ctx: Any, name: str) -> bool:
    return getattr(ctx.decision.flags, name) is False


def _method(ctx: Any, code: str) -> bool:
    step = ctx.decision.steps.public_participation
    return step is not None and any(m.value == code for m in step.methods)


def _has_catalog(ctx: Any, _: str) -> bool:
    decision = ctx.decision
    year = decision.catalog.year if decision.catalog else ctx.governing_date.year
    return (decision.organ, year) in ctx.corpus.catalogs


def _risk(ctx: Any, what: str) -> bool:
    step = ctx.decision.steps.risk_assessment
    if step is None or not step.done:
        return False
    if what == "uncontrollable":
        return step.controllable is False
    return step.level is not None and step.level.value == "high" and step.controllable is not False


def _year_over(ctx: Any, _: str) -> bool:
    return bool(ctx.as_of > date(ctx.catalog.year, 12, 31))


@dataclass(frozen=True)
class _Def:
    function: Callable[[Any, str], bool]
    argument: tuple[str, ...] | None  # allowed arguments; () = any argument; None = no argument


_PREDICATES: dict[str, _Def] = {
    "always": _Def(lambda ctx, _: True, None),
    "decided": _Def(lambda ctx, _: ctx.status in _DECIDED, None),
    "concluded": _Def(lambda ctx, _: ctx.status in _CONCLUDED, None),
    "in_progress": _Def(lambda ctx, _: ctx.status is DecisionStatus.IN_PROGRESS, None),
    "status": _Def(lambda ctx, a: ctx.status.value == a, tuple(s.value for s in DecisionStatus)),
    "excluded": _Def(lambda ctx, _: ctx.decision.excluded is not None, None),
    "flag": _Def(_flag, FLAG_NAMES),
    "flag_false": _Def(_flag_false, FLAG_NAMES),
    "method": _Def(
        _method,
        ("public_comment", "written_comment", "symposium", "hearing", "field_visit", "questionnaire", "opinion_survey"),
    ),
    "step_done": _Def(lambda ctx, a: ctx.step_done(a), STEP_NAMES),
    "step_present": _Def(lambda ctx, a: ctx.step(a) is not None, STEP_NAMES),
    "level": _Def(lambda ctx, a: ctx.decision.organ_level.value == a, tuple(lv.value for lv in OrganLevel)),
    "government": _Def(lambda ctx, _: ctx.decision.organ_level is not OrganLevel.DEPARTMENT, None),
    "regime": _Def(lambda ctx, a: a in ctx.rule_sets, ()),
    "discloses": _Def(
        lambda ctx, a: ctx.decision.discloses(DisclosureScope.parse(a)), ("participation", "publication")
    ),
    "livelihood": _Def(lambda ctx, _: bool(ctx.decision.livelihood_areas), None),
    "hearing_required_by_law": _Def(lambda ctx, _: ctx.decision.hearing_required_by_law is not None, None),
    "proposer": _Def(
        lambda ctx, a: (
            ctx.decision.launched is not None
            and ctx.decision.launched.proposer is not None
            and ctx.decision.launched.proposer.value == a
        ),
        ("leader", "department", "lower_government", "deputy", "public"),
    ),
    "has_catalog": _Def(_has_catalog, None),
    "has_meeting": _Def(lambda ctx, _: ctx.meeting is not None, None),
    "param": _Def(lambda ctx, a: bool(ctx.params.get(a)), ()),
    "risk": _Def(_risk, ("uncontrollable", "high_controllable")),
    "year_over": _Def(_year_over, None),
}

Predicate = Callable[[Any], bool]


def predicate_names() -> list[str]:
    """The names usable in ``when:`` (for documentation and error messages)."""
    return sorted(_PREDICATES)


def compile_predicates(terms: Sequence[str]) -> tuple[Predicate, ...]:
    """Compile ``when:`` terms; ``ValueError`` naming the bad term otherwise."""
    return tuple(_compile_term(term) for term in terms)


def _compile_term(term: str) -> Predicate:
    alternatives = [_compile_atom(part.strip()) for part in term.split("|")]
    if len(alternatives) == 1:
        return alternatives[0]
    return lambda ctx: any(alt(ctx) for alt in alternatives)


def _compile_atom(atom: str) -> Predicate:
    negate = atom.startswith("not ")
    if negate:
        atom = atom[4:].strip()
    name, _, argument = atom.partition(":")
    definition = _PREDICATES.get(name)
    if definition is None:
        raise ValueError(
            f"未知的条件“{name}” / unknown predicate {name!r}; 可用 / known: {', '.join(predicate_names())}"
        )
    if definition.argument is None and argument:
        raise ValueError(f"条件 {name} 不带参数 / {name} takes no argument")
    if definition.argument is not None and not argument:
        raise ValueError(f"条件 {name} 需要参数 / {name} needs an argument")
    if definition.argument and argument not in definition.argument:
        raise ValueError(
            f"条件 {name} 的参数“{argument}”无效，可用：{'、'.join(definition.argument)}"
            f" / invalid argument {argument!r} for {name}"
        )
    function = definition.function
    if negate:
        return lambda ctx: not function(ctx, argument)
    return lambda ctx: function(ctx, argument)
