"""The JUnit XML report, for CI systems that show test results (Jenkins, GitLab, Azure…).

``<testsuites>`` holds one ``<testsuite>`` per decision file (named by the file) and one
``<testcase>`` per decision (``id title``, classname the organ). Each unwaived error or warning is a
``<failure>`` (type = rule id) whose text gives the place, the article and the fix; infos and waived
findings go to ``<system-out>``. A file that could not be read is a testcase with ``<error>``s.
No clock, host name or timing: the same result always renders the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from decision_check.findings import DecisionOutcome, Finding, Result, Severity
from decision_check.i18n import Lang
from decision_check.reporters import ReportMeta
from decision_check.reporters.common import (
    aside,
    colon,
    group,
    label,
    outcome_heading,
    status_label,
    waiver_justification,
    where,
)

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@dataclass
class _Case:
    name: str
    classname: str
    failures: list[Finding] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)
    out: list[str] = field(default_factory=list)


@dataclass
class _Suite:
    name: str
    cases: list[_Case] = field(default_factory=list)


def _details(finding: Finding, lang: Lang) -> str:
    c = colon(lang)
    place = f"{finding.file}:{where(finding)}" if finding.span else finding.file
    lines = [f"{label('file', lang)}{c}{place}"]
    if finding.decision:
        lines.append(f"{label('decision', lang)}{c}{finding.decision}")
    if finding.path:
        lines.append(f"{label('path', lang)}{c}{finding.path}")
    lines.append(f"{label('problem', lang)}{c}{finding.message.get(lang)}")
    if finding.citations:
        lines.append(f"{label('basis', lang)}{c}{finding.citation}")
    if finding.hint:
        lines.append(f"{label('hint', lang)}{c}{finding.hint.get(lang)}")
    return "\n".join(lines)


def _out_line(finding: Finding, lang: Lang) -> str:
    c = colon(lang)
    mark = f" [{label('waived', lang)}]" if finding.waived else ""
    line = f"{where(finding)} {finding.severity.label(lang)} {finding.rule}{mark} {finding.message.get(lang)}"
    if finding.citations:
        line += f"\n    {label('basis', lang)}{c}{finding.citation}"
    if finding.hint:
        line += f"\n    {label('hint', lang)}{c}{finding.hint.get(lang)}"
    if finding.waived:
        line += f"\n    {label('waiver_reason', lang)}{c}{waiver_justification(finding, lang)}"
    return line


def _regime(outcome: DecisionOutcome, lang: Lang) -> list[str]:
    c = colon(lang)
    day = outcome.governing_date.isoformat() if outcome.governing_date else "—"
    source = aside(f"{label('from', lang)} {outcome.governing_date_source}", lang)
    lines = [
        f"{label('status', lang)}{c}{status_label(outcome.status, lang)}",
        f"{label('governing', lang)}{c}{day}{source}",
    ]
    lines.extend(f"{label('regime', lang)}{c}{use.reason.get(lang)}" for use in outcome.rule_sets)
    if outcome.regime_note:
        lines.append(outcome.regime_note.get(lang))
    return lines


def _suites(result: Result, lang: Lang) -> list[_Suite]:
    grouped = group(result)
    suites: dict[str, _Suite] = {}
    for index, outcome in enumerate(result.decisions):
        case = _Case(outcome_heading(outcome), outcome.organ)
        case.out.extend(_regime(outcome, lang))
        for finding in grouped.of(index):
            if finding.waived or finding.severity is Severity.INFO:
                case.out.append(_out_line(finding, lang))
            else:
                case.failures.append(finding)
        suites.setdefault(outcome.file, _Suite(outcome.file)).cases.append(case)
    for file, findings in grouped.by_file.items():
        case = _Case(file, "decision-check")
        for finding in findings:
            if finding.waived or finding.severity is Severity.INFO:
                case.out.append(_out_line(finding, lang))
            else:
                case.errors.append(finding)
        suites.setdefault(file, _Suite(file)).cases.append(case)
    return sorted(suites.values(), key=lambda s: s.name)


def _counts(cases: list[_Case]) -> dict[str, str]:
    return {
        "tests": str(len(cases)),
        "failures": str(sum(1 for c in cases if c.failures and not c.errors)),
        "errors": str(sum(1 for c in cases if c.errors)),
        "skipped": "0",
        "time": "0",
    }


def _problem(parent: ET.Element, tag: str, finding: Finding, lang: Lang) -> None:
    message = f"{finding.severity.label(lang)}{colon(lang)}{finding.message.get(lang)}"
    element = ET.SubElement(parent, tag, {"type": finding.rule, "message": _clean(message)})
    element.text = _clean(_details(finding, lang))


def junit_tree(result: Result, meta: ReportMeta) -> ET.Element:
    """The ``<testsuites>`` element."""
    lang = meta.lang
    suites = _suites(result, lang)
    every_case = [case for suite in suites for case in suite.cases]
    root = ET.Element("testsuites", {"name": "decision-check", **_counts(every_case)})
    for suite in suites:
        suite_element = ET.SubElement(root, "testsuite", {"name": _clean(suite.name), **_counts(suite.cases)})
        for case in suite.cases:
            case_element = ET.SubElement(
                suite_element, "testcase", {"name": _clean(case.name), "classname": _clean(case.classname), "time": "0"}
            )
            for finding in case.errors:
                _problem(case_element, "error", finding, lang)
            for finding in case.failures:
                _problem(case_element, "failure", finding, lang)
            if case.out:
                ET.SubElement(case_element, "system-out").text = _clean("\n".join(case.out))
    return root


def render(result: Result, meta: ReportMeta) -> str:
    """JUnit XML text with a UTF-8 declaration."""
    root = junit_tree(result, meta)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
