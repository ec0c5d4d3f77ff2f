"""The SARIF 2.1.0 report, for code-scanning tools (GitHub code scanning, IDE SARIF viewers).

One run; ``tool.driver.rules`` lists every rule of the rule book plus the diagnostics (``LOAD``,
``SCHEMA``, ``DUP-ID``, ``REG-00``, ``WAIVER``), one entry per rule id. Each result points at its
rule by ``ruleId`` and ``ruleIndex``, carries the finding's fingerprint in ``partialFingerprints``
and the citations that applied in its ``properties``; a waived finding carries an ``inSource``
suppression with the waiver's reason and basis.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from decision_check.findings import Finding, Result, ResultView, Severity
from decision_check.i18n import Lang
from decision_check.reporters import ReportMeta, RuleInfo
from decision_check.reporters.common import DIAGNOSTICS, waiver_justification
from decision_check.reporters.json_report import citation_dict

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "decisionCheck/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
_WORD = re.compile(r"[A-Za-z0-9]+")


def level(severity: str) -> str:
    """SARIF ``level`` of a severity code: error, warning, note (for info)."""
    try:
        return _LEVEL[Severity.parse(severity)]
    except ValueError:
        return "warning"


def camel_name(title_en: str, rule_id: str) -> str:
    """``name`` of a rule: its English title in CamelCase, else its id."""
    words = _WORD.findall(title_en)
    name = "".join(w[:1].upper() + w[1:] for w in words)
    return name if name and not name[0].isdigit() else rule_id


def artifact_uri(file: str) -> str:
    """A file path as a URI reference: forward slashes, percent-encoded, ``file://`` when absolute."""
    posix = file.replace("\\", "/")
    encoded = quote(posix, safe="/-._~!$&'()*+,;=@")
    if PurePosixPath(posix).is_absolute():
        return "file://" + encoded
    if re.match(r"^[A-Za-z]:/", posix):  # a Windows drive path
        return "file:///" + posix[:2] + quote(posix[2:], safe="/-._~!$&'()*+,;=@")
    return encoded


def _rule_descriptor(info: RuleInfo, lang: Lang) -> dict[str, Any]:
    title = info.title_en if lang == "en" else info.title_zh
    description = info.description_en if lang == "en" else info.description_zh
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": camel_name(info.title_en, info.id),
        "shortDescription": {"text": title or info.id},
        "fullDescription": {"text": description or title or info.id},
    }
    if info.citation:
        descriptor["help"] = {"text": info.citation}
    descriptor["defaultConfiguration"] = {"level": level(info.severity)}
    return descriptor


def _diagnostic_infos() -> list[RuleInfo]:
    return [
        RuleInfo(
            code,
            d.title.zh,
            d.title.en,
            d.description.zh,
            d.description.en,
            "",
            d.severity.value,
        )
        for code, d in DIAGNOSTICS.items()
    ]


def rule_list(result: ResultView, meta: ReportMeta) -> list[RuleInfo]:
    """Every rule of ``meta.rules``, then the diagnostics, then any rule a finding names that
    neither lists (so that every result's ``ruleIndex`` points at a rule)."""
    rules: dict[str, RuleInfo] = {}
    for info in (*meta.rules, *_diagnostic_infos()):
        rules.setdefault(info.id, info)
    for finding in result.iter_findings():
        if finding.rule not in rules:
            rules[finding.rule] = RuleInfo(finding.rule, "", "", "", "", "", finding.severity.value)
    return list(rules.values())


def _region(finding: Finding) -> dict[str, int]:
    span = finding.span
    if span is None:
        return {"startLine": 1}
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _result(finding: Finding, rule_index: int, lang: Lang) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message.get(lang)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.file)},
                    "region": _region(finding),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "decision": finding.decision,
            "organ": finding.organ,
            "path": finding.path,
            "citations": [citation_dict(c) | {"text": c.text} for c in finding.citations],
            "hint": finding.hint.get(lang),
        },
    }
    if finding.waived:
        item["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": waiver_justification(finding, lang)}
        ]
    return item


def sarif_dict(result: Result, meta: ReportMeta) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    rules = rule_list(result, meta)
    index = {info.id: position for position, info in enumerate(rules)}
    log = _log(result, meta, rules)
    log["runs"][0]["results"] = [_result(f, index[f.rule], meta.lang) for f in result.sorted_findings()]
    return log


def _log(result: ResultView, meta: ReportMeta, rules: list[RuleInfo]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "decision-check"}
    if meta.version:
        driver["version"] = meta.version
    driver["rules"] = [_rule_descriptor(info, meta.lang) for info in rules]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "language": _LANGUAGE[meta.lang],
        "columnKind": "unicodeCodePoints",
        "results": [],
        "properties": {
            "asOf": result.as_of.isoformat() if result.as_of else None,
            "ruleSets": list(meta.rule_set_versions),
            "summary": result.summary(),
            "overrides": [{"rule": o.rule, "severity": str(o.severity), "reason": o.reason} for o in result.overrides],
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: Result, meta: ReportMeta) -> str:
    """SARIF JSON text, UTF-8 characters unescaped, stable key order."""
    return json.dumps(sarif_dict(result, meta), ensure_ascii=False, indent=2) + "\n"


_MARK = "\x00results\x00"
_ITEM_INDENT = " " * 8  # results sit at depth 4: log → runs → run → results


def render_chunks(result: ResultView, meta: ReportMeta) -> Iterator[str]:
    """The same text as :func:`render`, one result at a time (two passes over the findings: the rule
    list comes first)."""
    rules = rule_list(result, meta)
    index = {info.id: position for position, info in enumerate(rules)}
    log = _log(result, meta, rules)
    log["runs"][0]["results"] = [_MARK]
    text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    placeholder = f"[\n{_ITEM_INDENT}{json.dumps(_MARK)}\n{_ITEM_INDENT[:-2]}]"
    head, tail = text.split(placeholder)
    yield head
    opened = False
    for finding in result.iter_findings():
        item = json.dumps(_result(finding, index[finding.rule], meta.lang), ensure_ascii=False, indent=2)
        yield ("[\n" if not opened else ",\n") + _ITEM_INDENT + item.replace("\n", "\n" + _ITEM_INDENT)
        opened = True
    yield f"\n{_ITEM_INDENT[:-2]}]" if opened else "[]"
    yield tail
