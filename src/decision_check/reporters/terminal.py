"""The rich terminal report (the only module that imports rich for reports).

Per decision: the regime applied and why, the step table, then findings with line, article and a
fix hint; files that could not be read come first; a summary closes the report. Respects
``NO_COLOR`` through ``meta.color`` (decided by the CLI).
"""

from __future__ import annotations

import io
from collections import defaultdict

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from decision_check.findings import DecisionOutcome, Finding, Result, Severity, StepRow
from decision_check.i18n import Lang, Text
from decision_check.reporters import ReportMeta

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATE = {
    "done": Text("已完成", "done"),
    "missing": Text("缺失", "missing"),
    "pending": Text("未完成", "pending"),
    "not_applicable": Text("不适用", "not applicable"),
    "not_required": Text("—", "—"),
}
_STATE_STYLE = {
    "done": "green",
    "missing": "bold red",
    "pending": "yellow",
    "not_applicable": "dim",
    "not_required": "dim",
}
_REQUIRED = {"yes": Text("必经", "required"), "no": Text("否", "no"), "conditional": Text("视情形", "if triggered")}
_L = {
    "file": Text("文件", "file"),
    "governing": Text("决策日期", "governing date"),
    "from": Text("取自", "from"),
    "regime": Text("适用规定", "rules applied"),
    "step": Text("程序步骤", "step"),
    "required": Text("是否必经", "required?"),
    "state": Text("情况", "state"),
    "date": Text("日期", "date"),
    "basis": Text("依据", "basis"),
    "hint": Text("处理建议", "what to do"),
    "waived": Text("已豁免", "waived"),
    "clean": Text("未发现问题", "no findings"),
    "summary": Text("汇总", "summary"),
    "unread": Text("无法读取或格式错误的文件", "files that could not be read"),
    "overrides": Text("配置调整的规则严重程度", "severity overrides from configuration"),
    "status": Text("状态", "status"),
    "excluded": Text("（不适用重大行政决策程序）", "(excluded from the procedure)"),
}
_STATUS = {
    "in_progress": Text("进行中", "in progress"),
    "decided": Text("已决定", "decided"),
    "rejected": Text("未通过", "rejected"),
    "shelved": Text("搁置", "shelved"),
    "adjusted": Text("已调整", "adjusted"),
    "terminated": Text("已终止", "terminated"),
}


def render(result: Result, meta: ReportMeta) -> str:
    """The report as text (with ANSI styles when ``meta.color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=meta.width,
        force_terminal=meta.color,
        color_system="standard" if meta.color else None,
        no_color=not meta.color,
        highlight=False,
        emoji=False,
    )
    lang = meta.lang
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.sorted_findings():
        by_file[finding.file].append(finding)
    decision_files = {d.file for d in result.decisions}
    unread = [f for f in by_file if f not in decision_files]
    if unread:
        console.rule(f"[bold]{_L['unread'].get(lang)}[/]")
        for file in unread:
            console.print(f"[bold]{escape(file)}[/]")
            for finding in by_file[file]:
                console.print(_finding(finding, lang))
        console.print()
    for outcome in result.decisions:
        console.print(_decision(outcome, by_file.get(outcome.file, []), lang))
        console.print()
    if result.overrides:
        console.print(f"[bold]{_L['overrides'].get(lang)}[/]")
        for override in result.overrides:
            severity = override.severity if isinstance(override.severity, str) else override.severity.label(lang)
            console.print(f"  {override.rule} → {severity}：{escape(override.reason)}")
    console.print(_summary(result, lang))
    return buffer.getvalue()


def _decision(outcome: DecisionOutcome, findings: list[Finding], lang: Lang) -> Panel:
    parts: list[RenderableType] = []
    status = _STATUS.get(outcome.status, Text(outcome.status, outcome.status)).get(lang)
    head = RichText.assemble(
        (f"{_L['file'].get(lang)}：", "dim"),
        escape(outcome.file),
        ("    " + f"{_L['status'].get(lang)}：", "dim"),
        status,
    )
    parts.append(head)
    if outcome.excluded:
        parts.append(RichText(_L["excluded"].get(lang), style="magenta"))
    day = outcome.governing_date.isoformat() if outcome.governing_date else "—"
    parts.append(
        RichText.assemble(
            (f"{_L['governing'].get(lang)}：", "dim"),
            day,
            (f"（{_L['from'].get(lang)} {outcome.governing_date_source}）", "dim"),
        )
    )
    for use in outcome.rule_sets:
        parts.append(RichText.assemble(("  • ", "dim"), use.reason.get(lang)))
    if outcome.regime_note:
        parts.append(RichText("  • " + outcome.regime_note.get(lang), style="magenta"))
    if outcome.steps and not outcome.excluded:
        parts.append(_steps(outcome.steps, lang))
    if findings:
        for finding in findings:
            parts.append(_finding(finding, lang))
    else:
        parts.append(RichText("✓ " + _L["clean"].get(lang), style="green"))
    worst = max((f.severity for f in findings if not f.waived), key=lambda s: s.rank, default=None)
    border = _STYLE[worst] if worst else "green"
    return Panel(
        Group(*parts),
        title=f"[bold]{escape(outcome.id)}[/] {escape(outcome.title)}",
        title_align="left",
        border_style=border,
        subtitle=escape(outcome.organ),
        subtitle_align="right",
    )


def _steps(rows: tuple[StepRow, ...], lang: Lang) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="dim")
    table.add_column(_L["step"].get(lang))
    table.add_column(_L["required"].get(lang))
    table.add_column(_L["state"].get(lang))
    table.add_column(_L["date"].get(lang))
    for row in rows:
        table.add_row(
            row.label.get(lang),
            _REQUIRED[row.required].get(lang),
            RichText(_STATE[row.state].get(lang), style=_STATE_STYLE[row.state]),
            row.date.isoformat() if row.date else "",
        )
    return table


def _finding(finding: Finding, lang: Lang) -> RichText:
    where = f"{finding.line}:{finding.column}" if finding.span else "—"
    text = RichText()
    text.append(f"  {where:>7} ", style="dim")
    text.append(f"{finding.severity.label(lang)} ", style=_STYLE[finding.severity])
    text.append(f"{finding.rule} ", style="bold")
    if finding.waived:
        text.append(f"[{_L['waived'].get(lang)}] ", style="magenta")
    text.append(finding.message.get(lang))
    if finding.path:
        text.append(f"  ({finding.path})", style="dim")
    if finding.citations:
        text.append(f"\n          {_L['basis'].get(lang)}：{finding.citation}", style="dim")
    if finding.hint:
        text.append(f"\n          {_L['hint'].get(lang)}：{finding.hint.get(lang)}", style="italic")
    if finding.waived and finding.waiver_reason:
        text.append(f"\n          豁免理由：{finding.waiver_reason}（{finding.waiver_basis}）", style="magenta")
    return text


def _summary(result: Result, lang: Lang) -> Panel:
    summary = result.summary()
    if lang == "en":
        line = (
            f"{summary['files']} files, {summary['decisions']} decisions: "
            f"{summary['errors']} errors, {summary['warnings']} warnings, {summary['infos']} infos, "
            f"{summary['waived']} waived"
        )
    else:
        line = (
            f"共 {summary['files']} 个文件、{summary['decisions']} 项决策：错误 {summary['errors']} 个，"
            f"警告 {summary['warnings']} 个，提示 {summary['infos']} 个，已豁免 {summary['waived']} 个"
        )
    style = "red" if summary["errors"] else ("yellow" if summary["warnings"] else "green")
    return Panel(line, title=_L["summary"].get(lang), border_style=style)
