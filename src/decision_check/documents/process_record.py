"""Context of a 决策过程记录表: pure — a record and its check result in, a dict out.

One row per procedural step of :attr:`DecisionOutcome.steps` (the engine's own step table, not a
re-check): ``step`` (label), ``required`` (必经 / 非必经 / 视情形, with the rule and article that make
it required when ``basis`` names them), ``status`` (已完成 / 不适用（理由）/ 缺失 / 未完成 / 无需),
``dates``, ``documents`` (evidence ids with titles). Then ``findings`` (open findings, one text
line each, with file:line) and ``waivers`` (waived findings with reason and basis).
Keys: ``title``, ``subtitle``, ``decision_id``, ``decision_title``, ``organ``, ``status``,
``rule_sets``, ``rows``, ``findings``, ``waivers``, ``sources``, ``tool_version``, ``footer``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from decision_check.documents.minutes import Source, cn_date, footer_text
from decision_check.findings import DecisionOutcome, Finding, StepRow
from decision_check.models.enums import DecisionStatus
from decision_check.models.records import Decision

REQUIRED = {"yes": "必经", "no": "非必经", "conditional": "视情形"}
STATES = {
    "done": "已完成",
    "missing": "缺失",
    "pending": "未完成",
    "not_applicable": "不适用",
    "not_required": "无需",
}


def finding_line(finding: Finding) -> str:
    """``file:line 规则 严重程度 message``, the form open findings take in documents."""
    where = f"{finding.file}:{finding.span.line}" if finding.span is not None else finding.file
    cite = f"（{finding.citation}）" if finding.citations else ""
    return f"{where} {finding.rule} {finding.severity.value}：{finding.message.zh}{cite}"


def _documents(decision: Decision, ids: Sequence[str]) -> str:
    parts = []
    for doc_id in ids:
        document = decision.document(doc_id)
        title = document.title if document is not None and document.title else ""
        parts.append(f"{doc_id} {title}".strip())
    return "；".join(parts)


def _row(decision: Decision, row: StepRow, basis: Mapping[str, str]) -> dict[str, Any]:
    step = decision.steps.get(row.step) if row.step not in ("meetings", "party") else None
    state = STATES[row.state]
    if row.state == "not_applicable" and step is not None and step.reason:
        state = f"{state}（{step.reason}）"
    required = REQUIRED[row.required]
    if basis.get(row.step):
        required = f"{required}（{basis[row.step]}）"
    if row.step in ("meetings", "party"):
        meetings = [m for m in decision.meetings if (m.is_deciding if row.step == "meetings" else not m.is_deciding)]
        documents = _documents(decision, [d for m in meetings for d in m.documents])
        dates = "、".join(cn_date(m.date) for m in meetings if m.date)
    else:
        documents = _documents(decision, list(step.documents)) if step is not None else ""
        dates = cn_date(row.date) if row.date else ""
    return {
        "step": row.label.zh,
        "key": row.step,
        "required": required,
        "status": state,
        "dates": dates,
        "documents": documents,
    }


def _status(code: str) -> str:
    try:
        return DecisionStatus.parse(code).zh
    except ValueError:
        return code


def build_process_record_context(
    decision: Decision,
    outcome: DecisionOutcome,
    findings: Sequence[Finding],
    sources: Sequence[Source],
    tool_version: str,
    basis: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The 决策过程记录表 of ``decision``; ``findings`` are this decision's (open and waived)."""
    basis = basis or {}
    open_findings = [finding_line(f) for f in sorted(findings, key=Finding.sort_key) if not f.waived]
    waivers = [
        f"{finding_line(f)}；豁免理由：{f.waiver_reason or '（未载明）'}；依据：{f.waiver_basis or '（未载明）'}"
        for f in sorted(findings, key=Finding.sort_key)
        if f.waived
    ]
    footer = footer_text("表", sources, tool_version)
    return {
        "title": "决策过程记录表",
        "subtitle": f"{decision.id} {decision.title}",
        "decision_id": decision.id,
        "decision_title": decision.title,
        "organ": decision.organ,
        "status": _status(outcome.status),
        "rule_sets": [f"{u.id} {u.title}" for u in outcome.rule_sets],
        "rows": [_row(decision, row, basis) for row in outcome.steps],
        "findings": open_findings,
        "waivers": waivers,
        "sources": [{"path": s.path, "sha256": s.sha256} for s in sources],
        "tool_version": tool_version,
        "footer": footer,
    }
