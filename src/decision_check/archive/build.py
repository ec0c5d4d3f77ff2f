"""Gather a package's contents from a record and its validation result, then build it.

Refuses (nothing written) when the record has unwaived error findings, unless ``allow_findings``:
then the findings are recorded in the package (its validation report and ``bag-info.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decision_check import __version__
from decision_check.archive.package import PackageInput, PackageSummary, build
from decision_check.checks.evidence_register import resolve_inside
from decision_check.findings import Finding, Result, Severity
from decision_check.i18n import Lang
from decision_check.loader import load_file
from decision_check.models.records import Decision
from decision_check.reporters import ReportMeta, renderer


@dataclass
class PackageOutcome:
    """What ``archive`` did: the package written, or the findings that stopped it."""

    refused: bool
    blocking: list[Finding] = field(default_factory=list)
    summary: PackageSummary | None = None
    problem: str = ""

    def lines(self, lang: Lang) -> list[str]:
        if self.problem:
            return [self.problem]
        if self.refused:
            head = (
                f"不能归档：记录有 {len(self.blocking)} 个错误级问题（加 --allow-findings 仍可打包，问题记入包中）"
                if lang == "zh"
                else f"not archived: {len(self.blocking)} error finding(s) (--allow-findings packages anyway)"
            )
            return [head] + [
                f"  {f.file}:{f.line}:{f.column} {f.rule} {f.message.get('en' if lang == 'en' else 'zh')}"
                for f in self.blocking
            ]
        assert self.summary is not None
        if lang == "en":
            return [
                f"package written: {self.summary.path} ({self.summary.payload_files} payload files, "
                f"{self.summary.open_findings} open findings recorded)"
            ]
        return [
            f"已生成归档包：{self.summary.path}（{self.summary.payload_files} 个文件，记入未处理问题 "
            f"{self.summary.open_findings} 个）"
        ]


def package_decision(
    record: Path,
    result: Result,
    *,
    root: Path,
    output: Path,
    allow_findings: bool,
    force: bool,
    generated: dict[str, bytes] | None = None,
) -> PackageOutcome:
    """Build the package of the decision in ``record`` from ``result`` (its validation run)."""
    loaded = load_file(record)
    if not isinstance(loaded.record, Decision):
        return PackageOutcome(refused=True, blocking=[f for f in result.findings if f.severity is Severity.ERROR])
    decision = loaded.record
    errors = [f for f in result.findings if f.severity is Severity.ERROR and not f.waived]
    if errors and not allow_findings:
        return PackageOutcome(refused=True, blocking=sorted(errors, key=Finding.sort_key))
    evidence: dict[str, Path] = {}
    missing: dict[str, str] = {}
    for document in decision.documents:
        if not document.path:
            missing[document.id] = "未登记文件路径"
            continue
        target = resolve_inside(root, document.path)
        if target is None:
            missing[document.id] = "路径越出仓库，未收入"
        elif not target.is_file():
            missing[document.id] = "文件缺失"
        else:
            evidence[document.id] = target
    outcome = result.decisions[0] if result.decisions else None
    open_findings = [f for f in result.findings if not f.waived]
    meta = ReportMeta(lang="zh", version=__version__)
    reports = {
        "validation.json": renderer("json")(result, meta).encode("utf-8"),
        "validation.md": renderer("markdown")(result, meta).encode("utf-8"),
    }
    item = PackageInput(
        decision=decision,
        record_path=record,
        evidence=evidence,
        missing=missing,
        reports=reports,
        generated=generated or {},
        open_findings=open_findings,
        rule_sets=[use.title for use in outcome.rule_sets] if outcome else [],
        tool_version=__version__,
    )
    return PackageOutcome(refused=False, summary=build(item, output, force=force))
