"""The one place that counts: a year's decisions of one organ, with the decision ids behind every number.

The annual report (:mod:`decision_check.documents.report`), the audit site's overview and ``stats``
read these counts, so that no two of them can disagree. Everything here works on what a validation
run produced (:class:`~decision_check.findings.Result`: outcomes, step tables, findings) joined with
the loaded records; nothing is re-judged. Every count is a :class:`Figure`: its value *and* the ids
it counts (decision ids, or ``目录第N项`` for catalogue entries), so a sentence built from it can be
traced back to the files.

Definitions (the report states them, the tests check them against an independent count):

- a decision **belongs to a year** by its decision date (the governing meeting's date); a decision
  still in progress belongs to the year of its catalogue entry, else of its launch, else of its first
  recorded date;
- **taken** (作出决策): status decided, adjusted or terminated, not excluded; **not adopted**: rejected
  or shelved at the deciding meeting; **excluded** (依法不适用程序): an ``excluded:`` record;
- a step is **required** when the engine's step table marks it so for the decision (``yes``, or
  ``conditional`` and the decision's flags made it due — the table then shows it done, missing or
  pending), **performed** when its state is done; a decision in several categories counts once.
"""

from decision_check.summary.figures import (
    FIVE_STEPS,
    NOT_ADOPTED,
    TAKEN,
    Figure,
    Item,
    decided_on,
    figure,
    items,
    join,
    organs_of,
    partition,
    total,
    year_of,
)
from decision_check.summary.steps import Problem, StepCount, is_required, problems, required, step_count
from decision_check.summary.year import (
    CatalogCount,
    Participation,
    RegimePeriod,
    YearSummary,
    catalog_count,
    engine_regime,
    regime_periods,
    summarize,
)

__all__ = [
    "FIVE_STEPS",
    "NOT_ADOPTED",
    "TAKEN",
    "CatalogCount",
    "Figure",
    "Item",
    "Participation",
    "Problem",
    "RegimePeriod",
    "StepCount",
    "YearSummary",
    "catalog_count",
    "decided_on",
    "engine_regime",
    "figure",
    "is_required",
    "items",
    "join",
    "organs_of",
    "partition",
    "problems",
    "regime_periods",
    "required",
    "step_count",
    "summarize",
    "total",
    "year_of",
]
