"""The rich terminal report (the only module that imports rich for reports).

Per decision: the regime applied and why, the step table, then findings with line, article and a
fix hint; files that could not be read come first. A warning (or, with ``--show-info``, an info)
that several decisions share — its rule says the same sentence wherever it fires — is listed once
after them, with every decision it concerns, and each of those panels points to it; errors and
findings that name a decision's own facts stay in their panels (see ``common.shared_findings``). The configured
severity overrides and a summary — the counts and a table of the files with errors or warnings —
close the report. Colour only when ``meta.color`` (the CLI's choice: a terminal, no
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
    FileCount,
    Shared,
    aside,
    colon,
    files_with_problems,
    group,
    label,
    override_severity,
    shared_findings,
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
SUMMARY_ROWS = 20  # files named in the closing table; the others are counted


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
    shared = shared_findings(grouped, include_info=meta.show_info)
    title = _shared_title(shared, lang)
    elsewhere: dict[int, list[Finding]] = {}
    for entry in shared:
        for index, finding in entry.occurrences:
            elsewhere.setdefault(index, []).append(finding)
    for index, outcome in enumerate(result.decisions):
        console.print(_decision(outcome, grouped.of(index), lang, meta.show_info, elsewhere.get(index, []), title))
        console.print()
    if shared:
        console.print(_shared(shared, result, title, lang))
        console.print()
    if result.overrides:
        console.print(RichText(label("overrides", lang), style="bold"))
        for override in result.overrides:
            line = f"  {override.rule} → {override_severity(override, lang)}{colon(lang)}{override.reason}"
            console.print(RichText(line))
    console.print(_summary(result, lang))
    # Grids pad every line to the full width; trailing blanks only get in the way of a diff.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))


def _decision(
    outcome: DecisionOutcome,
    findings: list[Finding],
    lang: Lang,
    show_info: bool = True,
    elsewhere: list[Finding] | None = None,
    shared_title: str = "",
) -> Panel:
    """A decision's panel; ``elsewhere`` are its findings listed once under ``shared_title`` instead."""
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
    moved = elsewhere or []
    listed = [f for f in findings if show_info or f.severity is not Severity.INFO]
    shown = [f for f in listed if f not in moved]
    parts.extend(_finding(finding, lang) for finding in shown)
    if moved:
        parts.append(RichText(_pointer(moved, shared_title, lang), style="dim"))
    elif not shown:
        parts.append(RichText("✓ " + label("clean", lang), style="green"))
    if len(listed) < len(findings):
        hidden = len(findings) - len(listed)
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


def _pointer(moved: list[Finding], title: str, lang: Lang) -> str:
    """The line of a panel that says which of its findings are listed once further down."""
    rules = list(dict.fromkeys(f.rule for f in moved))
    noun = _kinds({f.severity for f in moved}, lang, plural=len(moved) > 1)
    if lang == "en":
        listed = ", ".join(rules)
        return f"{len(moved)} more {noun} shared with other decisions ({listed}): see “{title}” below"
    # Spaces around the rule ids: where a narrow terminal may break the line.
    return f"另有 {len(moved)} 条与其他决策相同的{noun} {'、'.join(rules)}，见下文“{title}”"


def _kinds(severities: set[Severity], lang: Lang, *, plural: bool = True) -> str:
    """警告, 提示 or 警告和提示 (warnings, infos or warnings and infos)."""
    both = len(severities) > 1
    if lang == "en":
        s = "s" if plural else ""
        return "warnings and infos" if both else (f"info{s}" if Severity.INFO in severities else f"warning{s}")
    return "警告和提示" if both else ("提示" if Severity.INFO in severities else "警告")


def _shared_title(shared: list[Shared], lang: Lang) -> str:
    """The heading of the shared findings: 警告, 提示 or both, as the list holds."""
    noun = _kinds({entry.finding.severity for entry in shared}, lang)
    return f"{noun.capitalize()} shared by several decisions" if lang == "en" else f"多项决策共有的{noun}"


def _shared(shared: list[Shared], result: Result, title: str, lang: Lang) -> Panel:
    """Each shared finding once, then the decisions it concerns: place, id, file (and data path when
    the places differ)."""
    parts: list[RenderableType] = []
    for number, entry in enumerate(shared):
        if number:
            parts.append(RichText())
        paths = {finding.path for _, finding in entry.occurrences}
        count = len(entry.decisions)
        concerns = f"{count} decisions:" if lang == "en" else f"涉及 {count} 项决策："
        parts.append(_finding(entry.finding, lang, place="", path=len(paths) == 1, then=concerns))
        members = Table.grid(padding=(0, 1))
        members.add_column(width=_WHERE_WIDTH, justify="right", style="dim", no_wrap=True)
        members.add_column(no_wrap=True, style="bold")
        members.add_column(ratio=1, overflow="fold")
        for index, finding in entry.occurrences:
            file = RichText(result.decisions[index].file)
            if len(paths) > 1 and finding.path:
                file.append(f"  ({finding.path})", style="dim")
            members.add_row(where(finding), result.decisions[index].id, file)
        parts.append(members)
    most_severe = max((entry.finding.severity for entry in shared), key=lambda s: s.rank)
    return Panel(Group(*parts), title=f"[bold]{escape(title)}[/]", title_align="left", border_style=_STYLE[most_severe])


def _finding(finding: Finding, lang: Lang, *, place: str | None = None, path: bool = True, then: str = "") -> Table:
    """One finding: its place in a narrow column (or ``place``), everything else wrapped beside it,
    its data path unless not ``path``, and ``then`` as a last line."""
    c = colon(lang)
    body = RichText()
    body.append(f"{finding.severity.label(lang)} ", style=_STYLE[finding.severity])
    body.append(f"{finding.rule} ", style="bold")
    if finding.waived:
        body.append(f"[{label('waived', lang)}] ", style="magenta")
    body.append(finding.message.get(lang))
    if finding.path and path:
        body.append(f"  ({finding.path})", style="dim")
    if finding.citations:
        body.append(f"\n{label('basis', lang)}{c}{finding.citation}", style="dim")
    if finding.hint:
        body.append(f"\n{label('hint', lang)}{c}{finding.hint.get(lang)}", style="italic")
    if finding.waived:
        body.append(f"\n{label('waiver_reason', lang)}{c}{waiver_justification(finding, lang)}", style="magenta")
    if then:
        body.append(f"\n{then}", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=_WHERE_WIDTH, justify="right", style="dim", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(where(finding) if place is None else place, body)
    return grid


def _summary(result: Result, lang: Lang) -> Panel:
    """The counts, then the files with errors or warnings (at most ``SUMMARY_ROWS``, the rest counted)."""
    summary = result.summary()
    style = "red" if summary["errors"] else ("yellow" if summary["warnings"] else "green")
    parts: list[RenderableType] = [RichText(summary_line(result, lang))]
    rows = files_with_problems(result)
    if rows:
        parts.append(_file_table(rows[:SUMMARY_ROWS], lang))
    if len(rows) > SUMMARY_ROWS:
        more = len(rows) - SUMMARY_ROWS
        note = (
            f"{more} more file(s) with errors or warnings are not in this table (see the decisions above)"
            if lang == "en"
            else f"另有 {more} 个有错误或警告的文件不在本表中（见上文各决策）"
        )
        parts.append(RichText(note, style="dim"))
    return Panel(Group(*parts), title=label("summary", lang), border_style=style)


def _file_table(rows: list[FileCount], lang: Lang) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="dim")
    table.add_column(label("file", lang), overflow="fold")
    table.add_column(label("decision", lang), overflow="fold")
    table.add_column(label("errors", lang), justify="right")
    table.add_column(label("warnings", lang), justify="right")
    joiner = ", " if lang == "en" else "、"
    for row in rows:
        table.add_row(
            row.file,
            joiner.join(row.decisions) or "—",
            RichText(str(row.errors), style="bold red" if row.errors else "dim"),
            RichText(str(row.warnings), style="yellow" if row.warnings else "dim"),
        )
    return table
