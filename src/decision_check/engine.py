"""The rule engine: which law applies to a decision on its governing date, and what it finds.

For one decision it (1) fixes the governing date and where it came from, (2) picks the rule sets
of the decision's jurisdiction that are in force on that date and apply to the organ's level
(directly or by reference), or says that no binding regime applies (``REG-00``), (3) merges rules of
the same id across the sets in force — the rule runs once, with the stricter parameters, the
highest severity and the citations of every set whose condition holds — (4) runs the checks and
turns violations into findings, and (5) applies waivers (:mod:`decision_check.waivers`) and
configured severity overrides.

No I/O and no printing: files come in loaded, findings go out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from decision_check.calendar import WorkingCalendar
from decision_check.checks.base import CatalogContext, Context, Corpus, Options, PathKey, Violation
from decision_check.context_notes import CONTEXT, missing_context
from decision_check.findings import (
    Citation,
    DecisionOutcome,
    Finding,
    Override,
    RuleSetUse,
    Severity,
)
from decision_check.i18n import EMPTY, Text
from decision_check.loader import LoadedFile, format_path
from decision_check.merging import Merged, group_rules, holds, merge, rule_finding, scope_rule, show
from decision_check.models.enums import DecisionStatus, OrganLevel
from decision_check.models.records import Catalog, CatalogEntry, Decision, Organ
from decision_check.regime import excluded_use, governing_date_of, use_reason, waiver_date_of
from decision_check.rulesets import Param, Rule, RuleBook, RuleSet, merged_params, resolve_options
from decision_check.steptable import step_rows
from decision_check.waivers import apply_waivers

REG_00 = "REG-00"
DEFAULT_JURISDICTION = "national"

REG_00_CITATIONS = (
    Citation("重大行政决策程序暂行条例", "第二条", "high"),
    Citation("重大行政决策程序暂行条例", "第四十二条", "high"),
    Citation("重大行政决策程序暂行条例", "第四十四条", "high"),
)


@dataclass(frozen=True)
class EngineOptions:
    """What a run is judged against: the day, the calendar, overrides and fallbacks."""

    as_of: date
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    jurisdiction: str | None = None  # command-line override: beats the record's own key
    default_jurisdiction: str = DEFAULT_JURISDICTION  # configuration, then built-in default
    overrides: Mapping[str, Override] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """A cross-file check's candidate, held until every file has been read."""

    check: str
    violation: Violation
    finding: Finding  # the finding it becomes, message and hint not yet written (most never are)
    rule_set: str  # where the rule's wording is, looked up when the candidate becomes a finding


@dataclass
class Evaluation:
    """What one decision file yields."""

    findings: list[Finding] = field(default_factory=list)
    outcome: DecisionOutcome | None = None
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class _Plan:
    key: tuple[str, ...]
    ids: frozenset[str]
    params: Mapping[str, Param]
    values: Mapping[str, Any]
    groups: tuple[tuple[Rule, ...], ...]


class Engine:
    """Evaluates decisions and catalogues against a :class:`RuleBook`."""

    def __init__(self, book: RuleBook, options: EngineOptions, corpus: Corpus | None = None) -> None:
        self.book = book
        self.options = options
        self.corpus = corpus or Corpus()
        self._plans: dict[tuple[tuple[str, ...], str], _Plan] = {}
        self._preparations: dict[tuple[tuple[int, ...], tuple[str, ...]], tuple[Merged, Options]] = {}

    def _plan(self, used: Sequence[RuleSet], subject: str) -> _Plan:
        """Rules grouped by id and parameters merged, once per combination of rule sets in force."""
        key = (tuple(s.id for s in used), subject)
        plan = self._plans.get(key)
        if plan is None:
            params = merged_params(used)
            plan = _Plan(
                key=key[0],
                ids=frozenset(key[0]),
                params=params,
                values={name: p.value for name, p in params.items()},
                groups=tuple(group_rules(used, subject).values()),
            )
            self._plans[key] = plan
        return plan

    def _prepared(self, active: tuple[Rule, ...], plan: _Plan) -> tuple[Merged, Options]:
        """The merged rule and its resolved options for these active definitions (cached)."""
        key = (tuple(id(rule) for rule in active), plan.key)
        found = self._preparations.get(key)
        if found is None:
            merged = merge(active)
            found = (merged, resolve_options(merged.rule, plan.params))
            self._preparations[key] = found
        return found

    # ------------------------------------------------------------------------------ regime choice

    def jurisdiction_of(self, decision_jurisdiction: str | None, organ: Organ | None) -> str:
        """Command line > the record's own key > the organ file > configuration/built-in default."""
        return (
            self.options.jurisdiction
            or decision_jurisdiction
            or (organ.jurisdiction if organ else None)
            or self.options.default_jurisdiction
        )

    def regime(
        self, jurisdiction: str, level: OrganLevel, day: date, *, checked_on: bool = False
    ) -> tuple[list[RuleSet], list[RuleSetUse], bool]:
        """Rule sets in force on ``day`` for ``level``, why each applies, and whether any is binding.

        ``checked_on``: ``day`` is the day of the check (a decision not yet taken), not a decision date.
        """
        used: list[RuleSet] = []
        uses: list[RuleSetUse] = []
        for rule_set in self.book.candidates(jurisdiction):
            mode = rule_set.mode(level)
            if mode is None or not rule_set.in_force(day):
                continue
            used.append(rule_set)
            uses.append(RuleSetUse(rule_set.id, rule_set.title, use_reason(rule_set, mode, day, checked_on)))
        binding = any(s.statutory for s in used)
        return used, uses, binding

    # ----------------------------------------------------------------------------------- decisions

    def evaluate(self, loaded: LoadedFile) -> Evaluation:
        """Judge one loaded decision file: regime, rules, context notes, waivers, overrides, outcome."""
        decision = loaded.record
        assert isinstance(decision, Decision)
        result = Evaluation()
        organ = self.corpus.organs.get(decision.organ)
        governing_index = decision.governing_meeting_index()
        governing_date, source = governing_date_of(decision, governing_index, self.options.as_of)
        jurisdiction = self.jurisdiction_of(decision.jurisdiction, organ)
        used, uses, binding = self.regime(
            jurisdiction, decision.organ_level, governing_date, checked_on=source == "as_of"
        )
        note = self._regime_findings(loaded, decision, jurisdiction, governing_date, binding, result.findings)
        plan = self._plan(used, "decision")
        ctx = Context(
            decision=decision,
            organ=organ,
            corpus=self.corpus,
            governing_date=governing_date,
            as_of=self.options.as_of,
            calendar=self.options.calendar,
            rule_sets=plan.ids,
            params=plan.values,
            governing_index=governing_index,
        )
        excluded = decision.excluded is not None
        required, still_applied = self._run_rules(loaded, ctx, plan, excluded, result)
        waiver_date, waiver_basis = waiver_date_of(decision, governing_date, self.options.as_of)
        note_text = missing_context(ctx, excluded)
        if note_text is not None:
            result.findings.append(self._diagnostic(loaded, decision, CONTEXT, Severity.INFO, (), *note_text))
        waived = apply_waivers(
            result.findings,
            decision.waivers,
            self.book,
            waiver_date,
            lambda *args: self._diagnostic(loaded, decision, *args),
            basis=waiver_basis,
        )
        result.findings = self._apply_overrides(waived)
        result.outcome = DecisionOutcome(
            id=decision.id,
            organ=decision.organ,
            title=decision.title,
            file=loaded.file,
            status=decision.effective_status.value,
            governing_date=governing_date,
            governing_date_source=source,
            rule_sets=tuple(excluded_use(u, still_applied) for u in uses) if excluded else tuple(uses),
            regime_note=note,
            steps=step_rows(decision, required),
            excluded=excluded,
            waiver_date=waiver_date if decision.waivers else None,
            waiver_date_basis=waiver_basis if decision.waivers else "",
            year=decision.year()
            or (None if decision.effective_status is DecisionStatus.IN_PROGRESS else governing_date.year),
        )
        return result

    def _regime_findings(
        self,
        loaded: LoadedFile,
        decision: Decision,
        jurisdiction: str,
        governing_date: date,
        binding: bool,
        findings: list[Finding],
    ) -> Text:
        """An unknown jurisdiction (SCHEMA) and no binding regime (REG-00) as findings; the regime note."""
        if jurisdiction not in self.book.jurisdictions:
            known = "、".join(sorted(self.book.jurisdictions))
            findings.append(
                self._diagnostic(
                    loaded,
                    decision,
                    "SCHEMA",
                    Severity.ERROR,
                    ("jurisdiction",),
                    Text(f"未知的管辖“{jurisdiction}”", f"unknown jurisdiction '{jurisdiction}'"),
                    Text(f"可用：{known}", f"known: {known}"),
                )
            )
        if binding:
            return EMPTY
        note = Text(
            f"决策日期 {governing_date} 时没有对{decision.organ_level.zh}有约束力的重大行政决策程序规定，仅供参考",
            f"no binding procedure applied to a {decision.organ_level.en} on {governing_date}: informational only",
        )
        findings.append(
            self._diagnostic(
                loaded,
                decision,
                REG_00,
                Severity.INFO,
                (),
                note,
                Text(
                    "仅适用在当时有效的本地做法规则；不作为违法认定",
                    "only local-practice sets in force then are applied; not a finding of unlawfulness",
                ),
                REG_00_CITATIONS,
            )
        )
        return note

    def _run_rules(
        self, loaded: LoadedFile, ctx: Context, plan: _Plan, excluded: bool, result: Evaluation
    ) -> tuple[dict[str, Literal["yes", "no", "conditional"]], list[tuple[str, str]]]:
        """Run every merged rule of ``plan`` on the decision; findings and cross-file candidates go into
        ``result``. Returns which steps are required (for the step table) and, for an excluded decision,
        the (rule set, rule) pairs still applied to it."""
        decision = ctx.decision
        required: dict[str, Literal["yes", "no", "conditional"]] = {}
        still_applied: list[tuple[str, str]] = []
        for definitions in plan.groups:
            active = tuple(d for d in definitions if holds(d, ctx))
            if excluded and not scope_rule(definitions[0]):
                continue
            if excluded and active:
                still_applied.extend((d.rule_set, d.id) for d in active)
            check_def = definitions[0].check
            if check_def.requires_step:
                step = check_def.row or definitions[0].step
                if active:
                    required[step] = "yes"
                else:
                    required.setdefault(step, "conditional")
            if not active:
                continue
            merged, options = self._prepared(active, plan)
            cross_file = merged.rule.check.finalize is not None
            for violation in merged.rule.check.function(ctx, options):
                finding = rule_finding(
                    loaded,
                    merged,
                    violation,
                    decision.id,
                    decision.organ,
                    pending_is_info=ctx.in_progress,
                    worded=not cross_file,
                )
                if cross_file:
                    result.candidates.append(
                        Candidate(merged.rule.check.name, violation, finding, merged.rule.rule_set)
                    )
                else:
                    result.findings.append(finding)
        return required, still_applied

    def _diagnostic(
        self,
        loaded: LoadedFile,
        decision: Decision,
        rule: str,
        severity: Severity,
        path: PathKey,
        message: Text,
        hint: Text = EMPTY,
        citations: tuple[Citation, ...] = (),
    ) -> Finding:
        return Finding(
            rule=rule,
            severity=severity,
            file=loaded.file,
            span=loaded.source.locate(path),
            path=format_path(path),
            message=message,
            hint=hint,
            decision=decision.id,
            organ=decision.organ,
            citations=citations,
        )

    def _apply_overrides(self, findings: list[Finding]) -> list[Finding]:
        if not self.options.overrides:
            return findings
        out: list[Finding] = []
        for finding in findings:
            override = self.options.overrides.get(finding.rule)
            if override is None:
                out.append(finding)
            elif override.severity != "off":
                out.append(replace(finding, severity=override.severity))
        return out

    # ------------------------------------------------------------------------------------ catalogues

    def evaluate_catalog(
        self,
        loaded: LoadedFile,
        decision_ids: frozenset[str],
        level: OrganLevel | None,
        entries: Iterable[CatalogEntry] | None = None,
    ) -> list[Finding]:
        """Judge one catalogue file (CAT-02, CAT-03 and any other catalogue rules); ``entries`` when
        the record was kept without them (:meth:`decision_check.catalog_index.CatalogIndex.entries`)."""
        catalog = loaded.record
        assert isinstance(catalog, Catalog)
        organ = self.corpus.organs.get(catalog.organ)
        level = organ.level if organ else level
        if level is None:
            return []
        day = (catalog.adopted.date if catalog.adopted and catalog.adopted.date else None) or date(catalog.year, 1, 1)
        jurisdiction = self.jurisdiction_of(None, organ)
        used, _, _ = self.regime(jurisdiction, level, day)
        plan = self._plan(used, "catalog")
        ctx = CatalogContext(
            catalog=catalog,
            organ=organ,
            decision_ids=decision_ids,
            as_of=self.options.as_of,
            rule_sets=plan.ids,
            params=plan.values,
            entries=catalog.entries if entries is None else entries,
        )
        findings: list[Finding] = []
        for definitions in plan.groups:
            active = tuple(d for d in definitions if holds(d, ctx))
            if not active:
                continue
            merged, options = self._prepared(active, plan)
            for violation in merged.rule.check.function(ctx, options):
                finding = rule_finding(loaded, merged, violation, None, catalog.organ, pending_is_info=False)
                findings.append(replace(finding, item=violation.item or f"catalog:{catalog.year}"))
        return self._apply_overrides(findings)


def finalize(candidates: Sequence[Candidate], registry: Mapping[str, Any], book: RuleBook) -> list[Finding]:
    """Run cross-file checks over every decision's candidates; word the ones that become findings."""
    by_check: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_check.setdefault(candidate.check, []).append(candidate)
    findings: list[Finding] = []
    for name, group in by_check.items():
        finalizer = registry[name].finalize
        for index, violation in finalizer([c.violation for c in group]):
            base = group[index]
            outcome = book.sets[base.rule_set].rules[base.finding.rule].outcome(violation.outcome)
            values = {k: show(v) for k, v in violation.values.items()}
            findings.append(
                replace(
                    base.finding,
                    message=outcome.message.format(**values),
                    hint=outcome.hint.format(**values),
                    item=violation.item,
                )
            )
    return findings


# ------------------------------------------------------------------------------------------ helpers


__all__ = [
    "Candidate",
    "Engine",
    "EngineOptions",
    "Evaluation",
    "Param",
    "finalize",
    "governing_date_of",
    "waiver_date_of",
]
