"""The Markdown report, for pull-request comments, wikis and the audit file, in ``meta.lang``.

Title and summary table; files that could not be read; per decision the regime applied and why,
the step table, the findings table (行 | 级别 | 规则 | 问题 | 依据 | 处理建议) and the waived
findings under 豁免 with their reason and basis; the configured severity overrides last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from decision_check.findings import DecisionOutcome, Finding, Result
from decision_check.i18n import Lang
from decision_check.reporters import ReportMeta
from decision_check.reporters.common import (
    REQUIRED,
    STATE,
    aside,
    colon,
    group,
    label,
    outcome_heading,
    override_severity,
    status_label,
    summary_line,
    waiver_date_line,
    waiver_justification,
    where,
)


def _escape(text: str) -> str:
    # A backslash first (it escapes what follows), then the table separator, then HTML.
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(text: str) -> str:
    """Text made safe for one table cell: ``|`` escaped, line breaks as ``<br>``, never empty."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_escape(line.strip()) for line in lines) or " "


def inline(text: str) -> str:
    """Text for a heading or list item: on one line, ``|`` escaped."""
    return " ".join(_escape(text).split())


def code(text: str) -> str:
    """Inline code, fenced with more backticks than ``text`` holds in a row."""
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def _finding_rows(findings: Iterable[Finding], lang: Lang) -> list[list[str]]:
    return [
        [where(f), f.severity.label(lang), f.rule, f.message.get(lang), f.citation, f.hint.get(lang)] for f in findings
    ]


def _findings_header(lang: Lang) -> list[str]:
    return [label(k, lang) for k in ("line", "severity", "rule", "problem", "basis", "hint")]


def _decision(outcome: DecisionOutcome, findings: list[Finding], lang: Lang) -> list[str]:
    c = colon(lang)
    lines = [f"## {inline(outcome_heading(outcome))}", ""]
    lines.append(f"- {label('organ', lang)}{c}{inline(outcome.organ)}")
    lines.append(f"- {label('file', lang)}{c}{code(outcome.file)}")
    lines.append(f"- {label('status', lang)}{c}{status_label(outcome.status, lang)}")
    if outcome.excluded:
        lines.append(f"- {label('excluded', lang)}")
    day = outcome.governing_date.isoformat() if outcome.governing_date else "—"
    source = aside(f"{label('from', lang)} {code(outcome.governing_date_source)}", lang)
    if outcome.governing_date_source == "as_of":  # no decision date yet: the day of the check governs
        lines.append(f"- {label('not_decided', lang).replace('{day}', day)}")
    else:
        lines.append(f"- {label('governing', lang)}{c}{day}{source}")
    waiver_day = waiver_date_line(outcome, lang)
    if waiver_day is not None:
        lines.append(f"- {label('waiver_date', lang)}{c}{waiver_day[0]}{aside(waiver_day[1], lang)}")
    lines.append("")
    lines.append(f"### {label('regime', lang)}")
    lines.append("")
    if outcome.rule_sets:
        lines.extend(f"- {inline(use.reason.get(lang))}" for use in outcome.rule_sets)
    else:
        lines.append(f"- {label('no_regime', lang)}")
    if outcome.regime_note:
        lines.append(f"- {inline(outcome.regime_note.get(lang))}")
    lines.append("")
    if outcome.steps and not outcome.excluded:
        lines.append(f"### {label('step', lang)}")
        lines.append("")
        lines.extend(
            table(
                [label(k, lang) for k in ("step", "required", "state", "date")],
                (
                    [
                        row.label.get(lang),
                        REQUIRED[row.required].get(lang),
                        STATE[row.state].get(lang),
                        row.date.isoformat() if row.date else "",
                    ]
                    for row in outcome.steps
                ),
            )
        )
        lines.append("")
    open_findings = [f for f in findings if not f.waived]
    waived = [f for f in findings if f.waived]
    lines.append(f"### {label('findings', lang)}")
    lines.append("")
    if open_findings:
        lines.extend(table(_findings_header(lang), _finding_rows(open_findings, lang)))
    else:
        lines.append(f"✓ {label('clean', lang)}")
    lines.append("")
    if waived:
        lines.append(f"### {label('waivers', lang)}")
        lines.append("")
        lines.append(label("waived_note", lang))
        lines.append("")
        lines.extend(
            table(
                [label(k, lang) for k in ("line", "severity", "rule", "problem", "basis", "waiver_reason")],
                (
                    [
                        where(f),
                        f.severity.label(lang),
                        f.rule,
                        f.message.get(lang),
                        f.citation,
                        waiver_justification(f, lang),
                    ]
                    for f in waived
                ),
            )
        )
        lines.append("")
    return lines


def render(result: Result, meta: ReportMeta) -> str:
    """Markdown text."""
    lang = meta.lang
    summary = result.summary()
    lines = [f"# {label('title', lang)}", ""]
    c = colon(lang)
    about = [f"{label('tool', lang)}{c}decision-check {meta.version}".rstrip()]
    if result.as_of:
        about.append(f"{label('as_of', lang)}{c}{result.as_of.isoformat()}")
    if meta.rule_set_versions:
        joiner = ", " if lang == "en" else "、"
        about.append(f"{label('rule_sets', lang)}{c}{joiner.join(code(v) for v in meta.rule_set_versions)}")
    lines.extend(f"- {item}" for item in about)
    lines.append("")
    lines.append(f"## {label('summary', lang)}")
    lines.append("")
    lines.extend(
        table(
            [label(k, lang) for k in ("files", "decisions", "errors", "warnings", "infos", "waived")],
            [[str(summary[k]) for k in ("files", "decisions", "errors", "warnings", "infos", "waived")]],
        )
    )
    lines.append("")
    lines.append(summary_line(result, lang))
    lines.append("")
    grouped = group(result)
    if grouped.by_file:
        lines.append(f"## {label('unread', lang)}")
        lines.append("")
        for file, findings in grouped.by_file.items():
            lines.append(f"### {code(file)}")
            lines.append("")
            lines.extend(table(_findings_header(lang), _finding_rows(findings, lang)))
            lines.append("")
    for index, outcome in enumerate(result.decisions):
        lines.extend(_decision(outcome, grouped.of(index), lang))
    if result.overrides:
        lines.append(f"## {label('overrides', lang)}")
        lines.append("")
        lines.extend(
            table(
                [label(k, lang) for k in ("rule", "override_to", "reason")],
                ([o.rule, override_severity(o, lang), o.reason] for o in result.overrides),
            )
        )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
