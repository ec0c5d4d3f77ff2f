"""The rich terminal report (the only module that imports rich for reports).

Per decision: the regime applied and why, the step table, then findings with line, article and a
fix hint; files that could not be read come first; the configured severity overrides and a
summary close the report. Colour only when ``meta.color`` (the CLI's choice: a terminal, no
``--output``) and ``NO_COLOR`` is not set, checked here too so that no caller can forget it.
"""

from __future__ import annotations

import io
import os

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from decision_check.findings import DecisionOutcome, Finding, Result, Severity, StepRow, worst
from decision_check.i18n import Lang
from decision_check.reporters import ReportMeta
from decision_check.reporters.common import (
    REQUIRED,
    STATE,
    aside,
    colon,
    group,
    label,
    override_severity,
    status_label,
    summary_line,
    waiver_date_line,
    waiver_justification,
    where,
)

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_STATE_STYLE = {
    "done": "green",
    "missing": "bold red",
    "pending": "yellow",
    "not_applicable": "dim",
    "not_required": "dim",
}
_WHERE_WIDTH = 9  # "1234:123" and a margin


def render(result: Result, meta: ReportMeta) -> str:
    """The report as text, with ANSI styles when ``meta.color`` and ``NO_COLOR`` is not set."""
    color = meta.color and not os.environ.get("NO_COLOR")
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=meta.width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    lang = meta.lang
    grouped = group(result)
    if grouped.by_file:
        console.rule(f"[bold]{escape(label('unread', lang))}[/]")
        for file, findings in grouped.by_file.items():
            console.print(RichText(file, style="bold"))
            for finding in findings:
                console.print(_finding(finding, lang))
        console.print()
    for index, outcome in enumerate(result.decisions):
        console.print(_decision(outcome, grouped.of(index), lang, meta.show_info))
        console.print()
    if result.overrides:
        console.print(RichText(label("overrides", lang), style="bold"))
        for override in result.overrides:
            line = f"  {override.rule} → {override_severity(override, lang)}{colon(lang)}{override.reason}"
            console.print(RichText(line))
    console.print(_summary(result, lang))
    # Grids pad every line to the full width; trailing blanks only get in the way of a diff.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def _decision(outcome: DecisionOutcome, findings: list[Finding], lang: Lang, show_info: bool = True) -> Panel:
    c = colon(lang)
    parts: list[RenderableType] = [
        RichText.assemble(
            (f"{label('file', lang)}{c}", "dim"),
            outcome.file,
            (f"    {label('status', lang)}{c}", "dim"),
            status_label(outcome.status, lang),
        )
    ]
    if outcome.excluded:
        parts.append(RichText(label("excluded", lang), style="magenta"))
    day = outcome.governing_date.isoformat() if outcome.governing_date else "—"
    source = f"{label('from', lang)} {outcome.governing_date_source}"
    if outcome.governing_date_source == "as_of":  # no decision date yet: the day of the check governs
        parts.append(RichText(label("not_decided", lang).replace("{day}", day)))
    else:
        parts.append(
            RichText.assemble(
                (f"{label('governing', lang)}{c}", "dim"),
                day,
                (aside(source, lang), "dim"),
            )
        )
    waiver_day = waiver_date_line(outcome, lang)
    if waiver_day is not None:
        parts.append(
            RichText.assemble(
                (f"{label('waiver_date', lang)}{c}", "dim"), waiver_day[0], (aside(waiver_day[1], lang), "dim")
            )
        )
    regime = [RichText(use.reason.get(lang)) for use in outcome.rule_sets]
    if outcome.regime_note:
        regime.append(RichText(outcome.regime_note.get(lang), style="magenta"))
    if regime:
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(width=3, justify="right", style="dim")
        bullets.add_column(ratio=1, overflow="fold")
        for line in regime:
            bullets.add_row("•", line)
        parts.append(bullets)
    if outcome.steps and not outcome.excluded:
        parts.append(_steps(outcome.steps, lang))
    shown = [f for f in findings if show_info or f.severity is not Severity.INFO]
    parts.extend(_finding(finding, lang) for finding in shown)
    if not shown:
        parts.append(RichText("✓ " + label("clean", lang), style="green"))
    if len(shown) < len(findings):
        hidden = len(findings) - len(shown)
        note = (
            f"另有 {hidden} 条提示未列出（加 --show-info 或 -v 显示）"
            if lang == "zh"
            else (f"{hidden} info finding(s) not listed (add --show-info or -v)")
        )
        parts.append(RichText(note, style="dim"))
    most_severe = worst(findings)
    return Panel(
        Group(*parts),
        title=f"[bold]{escape(outcome.id)}[/] {escape(outcome.title)}",
        title_align="left",
        border_style=_STYLE[most_severe] if most_severe else "green",
        subtitle=escape(outcome.organ),
        subtitle_align="right",
    )


def _steps(rows: tuple[StepRow, ...], lang: Lang) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="dim")
    for key in ("step", "required", "state", "date"):
        table.add_column(label(key, lang))
    for row in rows:
        table.add_row(
            RichText(row.label.get(lang)),
            RichText(REQUIRED[row.required].get(lang)),
            RichText(STATE[row.state].get(lang), style=_STATE_STYLE[row.state]),
            row.date.isoformat() if row.date else "",
        )
    return table


def _finding(finding: Finding, lang: Lang) -> Table:
    """One finding: its place in a narrow column, everything else wrapped beside it."""
    c = colon(lang)
    body = RichText()
    body.append(f"{finding.severity.label(lang)} ", style=_STYLE[finding.severity])
    body.append(f"{finding.rule} ", style="bold")
    if finding.waived:
        body.append(f"[{label('waived', lang)}] ", style="magenta")
    body.append(finding.message.get(lang))
    if finding.path:
        body.append(f"  ({finding.path})", style="dim")
    if finding.citations:
        body.append(f"\n{label('basis', lang)}{c}{finding.citation}", style="dim")
    if finding.hint:
        body.append(f"\n{label('hint', lang)}{c}{finding.hint.get(lang)}", style="italic")
    if finding.waived:
        body.append(f"\n{label('waiver_reason', lang)}{c}{waiver_justification(finding, lang)}", style="magenta")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=_WHERE_WIDTH, justify="right", style="dim", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(where(finding), body)
    return grid


def _summary(result: Result, lang: Lang) -> Panel:
    summary = result.summary()
    style = "red" if summary["errors"] else ("yellow" if summary["warnings"] else "green")
    return Panel(RichText(summary_line(result, lang)), title=label("summary", lang), border_style=style)
