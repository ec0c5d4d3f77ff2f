"""Waivers: justified departures from a rule, recorded in the decision file.

A waiver covers the findings of its rule for this decision (only those under its data ``path`` when
given). It needs a reason and a basis; it does not apply once expired; rules marked not waivable
(legality review, collective discussion) cannot be waived; and a waiver that covers nothing is
itself reported.

Expiry is judged at one day chosen by the engine (:func:`decision_check.engine.waiver_date_of`): the
governing date for a decision already taken, the run's ``as_of`` day for one still in progress. A
waiver applies when ``expires`` ≥ that day (the expiry day itself is covered).

Waived findings keep their severity and are counted as problems, never as compliance.
Diagnostics that are not rule verdicts (LOAD, SCHEMA, DUP-ID, REG-00, WAIVER) are never waived.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from decision_check.findings import Finding, Severity
from decision_check.i18n import Text
from decision_check.models.records import Waiver
from decision_check.rulesets import RuleBook

WAIVER = "WAIVER"
NEVER_WAIVED = frozenset({WAIVER, "REG-00", "SCHEMA", "LOAD", "DUP-ID"})

_BASIS_ZH = {"governing_date": "决策日期", "as_of": "核查日期"}
_BASIS_EN = {"governing_date": "governing date", "as_of": "as-of date"}

Diagnostic = Callable[..., Finding]  # (rule, severity, path, message, hint=…, citations=…) -> Finding


def apply_waivers(
    findings: list[Finding],
    waivers: Sequence[Waiver],
    book: RuleBook,
    as_of: date,
    diagnostic: Diagnostic,
    basis: str = "as_of",
) -> list[Finding]:
    """``findings`` with the covered ones marked waived, plus a WAIVER finding for each bad or unused waiver.

    ``as_of`` is the day expiry is judged against; ``basis`` says which day it is (``governing_date``
    or ``as_of``) and is named in the message of an expired waiver.
    """
    if not waivers:
        return findings
    out = list(findings)
    used = [False] * len(waivers)
    usable: list[int] = []
    for index, waiver in enumerate(waivers):
        path = ("waivers", index)
        rule = book.rule(waiver.rule)
        if not waiver.reason or not waiver.basis:
            out.append(
                diagnostic(
                    WAIVER,
                    Severity.ERROR,
                    path,
                    Text(
                        f"对 {waiver.rule} 的豁免缺少理由（reason）或依据（basis），不予适用",
                        f"the waiver of {waiver.rule} lacks a reason or basis and does not apply",
                    ),
                    Text("写明豁免理由和依据（文件、会议决定等）", "state the reason and its basis"),
                )
            )
            used[index] = True
        elif rule is not None and not rule.waivable:
            out.append(
                diagnostic(
                    WAIVER,
                    Severity.ERROR,
                    path,
                    Text(f"规则 {waiver.rule}（{rule.title.zh}）不可豁免", f"rule {waiver.rule} cannot be waived"),
                    Text(
                        "合法性审查和集体讨论决定是法定必经程序，只能补正，不能豁免",
                        "legality review and collective discussion can only be remedied, never waived",
                    ),
                    rule.citations,
                )
            )
            used[index] = True
        elif waiver.expires is not None and waiver.expires < as_of:
            out.append(
                diagnostic(
                    WAIVER,
                    Severity.INFO,
                    path,
                    Text(
                        f"对 {waiver.rule} 的豁免已于 {waiver.expires} 到期，"
                        f"按{_BASIS_ZH.get(basis, basis)} {as_of} 判断不再适用",
                        f"the waiver of {waiver.rule} expired on {waiver.expires}, "
                        f"before the {_BASIS_EN.get(basis, basis)} {as_of}",
                    ),
                )
            )
            used[index] = True
        else:
            usable.append(index)
    for position, finding in enumerate(out):
        if finding.rule in NEVER_WAIVED:
            continue
        for index in usable:
            waiver = waivers[index]
            if waiver.rule != finding.rule:
                continue
            if waiver.path and not (
                finding.path == waiver.path
                or finding.path.startswith(waiver.path + ".")
                or finding.path.startswith(waiver.path + "[")
            ):
                continue
            rule = book.rule(finding.rule)
            if rule is not None and not rule.waivable:
                continue
            out[position] = replace(finding, waived=True, waiver_reason=waiver.reason, waiver_basis=waiver.basis)
            used[index] = True
            break
    for index, was_used in enumerate(used):
        if not was_used:
            waiver = waivers[index]
            out.append(
                diagnostic(
                    WAIVER,
                    Severity.WARNING,
                    ("waivers", index),
                    Text(f"对 {waiver.rule} 的豁免没有覆盖任何问题", f"the waiver of {waiver.rule} covers nothing"),
                    Text("删除多余的豁免，或核对规则编号和 path", "remove it, or check its rule id and path"),
                )
            )
    return out
