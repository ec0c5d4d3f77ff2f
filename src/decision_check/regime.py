"""Which law a decision is judged by, and why: its governing date, the day its waivers are judged at,
and the reason each rule set applies (in force on that day; directly or by reference).

The rule engine (:mod:`decision_check.engine`) picks the rule sets with these; reports print the reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from decision_check.findings import RuleSetUse
from decision_check.i18n import Text
from decision_check.models.enums import DecisionStatus
from decision_check.models.records import Decision
from decision_check.rulesets import RuleSet


def governing_date_of(decision: Decision, index: int | None, as_of: date) -> tuple[date, str]:
    """The governing date and where it came from (rules.md, semantics 1)."""
    if index is not None and decision.meetings[index].date is not None:
        meeting_date = decision.meetings[index].date
        assert meeting_date is not None
        return meeting_date, f"meetings[{index}]"
    if decision.issued is not None and decision.issued.date is not None:
        return decision.issued.date, "issued.date"
    publication = decision.steps.publication
    if publication is not None and publication.date is not None:
        return publication.date, "steps.publication.date"
    return as_of, "as_of"


def waiver_date_of(decision: Decision, governing_date: date, as_of: date) -> tuple[date, str]:
    """The day a waiver's ``expires`` is judged against, and which day that is.

    A record is history: a decision already taken (decided, rejected, adjusted, …) is judged at its
    governing date — a waiver that was in force then still covers it years later. A decision still in
    progress is judged at the run's ``as_of`` day (default today).
    """
    if decision.effective_status is DecisionStatus.IN_PROGRESS:
        return as_of, "as_of"
    return governing_date, "governing_date"


def excluded_use(use: RuleSetUse, still_applied: Sequence[tuple[str, str]]) -> RuleSetUse:
    """An excluded decision: the set is in force, but only its scope and evidence rules apply."""
    own = sorted({rule for rule_set, rule in still_applied if rule_set == use.id})
    ids = "、".join(own) or "—"
    return RuleSetUse(
        use.id,
        use.title,
        Text(
            f"{use.title}在决策日期有效；本决策已排除适用，"
            + (f"只检查其中的 {ids}" if own else "其中没有仍需检查的规则"),
            f"{use.title} is in force; the decision is excluded from the procedure, so "
            + (f"only these of its rules are checked: {', '.join(own)}" if own else "none of its rules applies"),
        ),
    )


def use_reason(rule_set: RuleSet, mode: str, day: date, checked_on: bool = False) -> Text:
    period = (
        f"{rule_set.in_force_from} 起"
        if rule_set.in_force_to is None
        else (f"{rule_set.in_force_from} 至 {rule_set.in_force_to}")
    )
    period_en = (
        f"from {rule_set.in_force_from}"
        if rule_set.in_force_to is None
        else (f"{rule_set.in_force_from} to {rule_set.in_force_to}")
    )
    how = (
        "直接适用"
        if mode == "direct"
        else f"参照{('，' + rule_set.reference_article) if rule_set.reference_article else ''}"
    )
    how_en = (
        "directly"
        if mode == "direct"
        else "by reference" + (f" ({rule_set.reference_article})" if rule_set.reference_article else "")
    )
    which, which_en = ("检查日", "the day of the check") if checked_on else ("决策日期", "")
    return Text(
        f"适用{rule_set.title}（{how}）：{which} {day} 在其施行期间（{period}）",
        f"{rule_set.title} applies {how_en}: {which_en + ' ' if which_en else ''}{day} is within its period in force"
        f" ({period_en})",
    )
