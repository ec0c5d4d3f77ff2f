"""The JSON report: the machine contract of ``shared/spec/product.md`` (version 1)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from decision_check.findings import Citation, DecisionOutcome, Finding, Result, ResultView, Severity
from decision_check.reporters import ReportMeta


def citation_dict(citation: Citation) -> dict[str, Any]:
    """One citation as a JSON object: instrument, article, confidence (and note when there is one)."""
    item: dict[str, Any] = {
        "instrument": citation.instrument,
        "article": citation.article,
        "confidence": citation.confidence,
    }
    if citation.note:
        item["note"] = citation.note
    return item


def finding_dict(finding: Finding, meta: ReportMeta) -> dict[str, Any]:
    """One finding as a JSON object."""
    span = finding.span
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "decision": finding.decision,
        "organ": finding.organ,
        "file": finding.file,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "path": finding.path,
        "message": finding.message.get(meta.lang),
        "hint": finding.hint.get(meta.lang),
        "messages": {"zh": finding.message.zh, "en": finding.message.en},
        "hints": {"zh": finding.hint.zh, "en": finding.hint.en},
        "citation": finding.citation,
        "citations": [citation_dict(c) for c in finding.citations],
        "fingerprint": finding.fingerprint,
        "waived": finding.waived,
        "waiver": {"reason": finding.waiver_reason, "basis": finding.waiver_basis} if finding.waived else None,
    }


def decision_dict(outcome: DecisionOutcome, counts: Mapping[Severity, int], meta: ReportMeta) -> dict[str, Any]:
    """One decision's regime, step table and counts as a JSON object."""
    return {
        "id": outcome.id,
        "organ": outcome.organ,
        "title": outcome.title,
        "file": outcome.file,
        "status": outcome.status,
        "excluded": outcome.excluded,
        "governing_date": outcome.governing_date.isoformat() if outcome.governing_date else None,
        "governing_date_source": outcome.governing_date_source,
        "waiver_expiry_judged_at": outcome.waiver_date.isoformat() if outcome.waiver_date else None,
        "waiver_expiry_basis": outcome.waiver_date_basis or None,
        "rule_sets": [u.id for u in outcome.rule_sets],
        "rule_set_reasons": [{"id": u.id, "reason": u.reason.get(meta.lang)} for u in outcome.rule_sets],
        "regime_note": outcome.regime_note.get(meta.lang) or None,
        "steps": [
            {
                "step": row.step,
                "label": row.label.get(meta.lang),
                "required": row.required,
                "state": row.state,
                "date": row.date.isoformat() if row.date else None,
            }
            for row in outcome.steps
        ],
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def _sections(result: ResultView, meta: ReportMeta) -> Iterator[tuple[str, Any]]:
    """The report's top-level keys in order; the two long lists as generators of items."""
    yield "version", 1
    yield "tool", {"name": "decision-check", "version": meta.version, "rule_sets": list(meta.rule_set_versions)}
    yield "as_of", result.as_of.isoformat() if result.as_of else None
    yield "summary", result.summary()
    yield (
        "overrides",
        [
            {
                "rule": o.rule,
                "severity": o.severity if isinstance(o.severity, str) else o.severity.value,
                "reason": o.reason,
            }
            for o in result.overrides
        ],
    )
    yield "decisions", (decision_dict(d, counts, meta) for d, counts in result.iter_decisions())
    yield "findings", (finding_dict(f, meta) for f in result.iter_findings())


def result_dict(result: Result, meta: ReportMeta) -> dict[str, Any]:
    """The whole report as a JSON-ready dict (for callers that want objects, not text)."""
    return {key: list(value) if isinstance(value, Iterator) else value for key, value in _sections(result, meta)}


def render_chunks(result: ResultView, meta: ReportMeta) -> Iterator[str]:
    """The JSON text in pieces, one decision or finding per line, for writing as it is produced.

    One item per line keeps the file readable and diffable and lets the C encoder work (``indent``
    would force the pure-Python one); yielding item by item means a 10,000-record report never sits
    in memory whole, as objects or as text.
    """
    yield "{\n"
    first = True
    for key, value in _sections(result, meta):
        yield ("" if first else ",\n") + f"  {_dumps(key)}: "
        first = False
        if not isinstance(value, Iterator):
            yield _dumps(value)
            continue
        opened = False
        for item in value:
            yield ("[\n    " if not opened else ",\n    ") + _dumps(item)
            opened = True
        yield "\n  ]" if opened else "[]"
    yield "\n}\n"


def render(result: Result, meta: ReportMeta) -> str:
    """JSON text (see :func:`render_chunks`)."""
    return "".join(render_chunks(result, meta))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
