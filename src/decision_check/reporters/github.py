"""GitHub Actions workflow commands: one annotation line per finding, shown on the pull request.

``::error file=F,line=L,col=C,endLine=…,endColumn=…,title=RULE::message（依据）`` — warnings become
``::warning``, infos ``::notice``. A waived finding is a ``::notice`` marked 已豁免 with its
justification (it stays a problem, but it must not look like a failing check). Data and property
values are escaped as the runner requires (``%`` ``\\r`` ``\\n``; in properties also ``:`` ``,``).
"""

from __future__ import annotations

from collections.abc import Iterator

from decision_check.findings import Finding, Result, ResultView, Severity, Span
from decision_check.i18n import Lang
from decision_check.reporters import ReportMeta
from decision_check.reporters.common import aside, colon, label, waiver_justification

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as data, plus ``:`` → ``%3A`` and ``,`` → ``%2C``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _place(span: Span) -> list[tuple[str, str]]:
    """Line and column properties. GitHub takes columns only on a one-line annotation; a span that
    ends at column 1 (its end is exclusive) ends on the line before, at a column not known here."""
    if span.end_column == 1 and span.end_line > span.line:
        return [("line", str(span.line)), ("endLine", str(span.end_line - 1))]
    if span.end_line != span.line:
        return [("line", str(span.line)), ("endLine", str(span.end_line))]
    return [
        ("line", str(span.line)),
        ("col", str(span.column)),
        ("endLine", str(span.end_line)),
        ("endColumn", str(span.end_column)),
    ]


def annotation(finding: Finding, lang: Lang) -> str:
    """The workflow command of one finding."""
    command = "notice" if finding.waived else _COMMAND[finding.severity]
    properties = [("file", finding.file)]
    if finding.span is not None:
        properties += _place(finding.span)
    title = finding.rule
    if finding.waived:
        title += aside(label("waived", lang), lang)
    properties.append(("title", title))
    message = finding.message.get(lang)
    if finding.citations:
        message += aside(finding.citation, lang)
    separator = colon(lang)
    if finding.hint:
        message += f"\n{label('hint', lang)}{separator}{finding.hint.get(lang)}"
    if finding.waived:
        message += f"\n{label('waiver_reason', lang)}{separator}{waiver_justification(finding, lang)}"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{command} {rendered}::{escape_data(message)}"


def render_chunks(result: ResultView, meta: ReportMeta) -> Iterator[str]:
    """One workflow command per finding, in report order, one at a time."""
    for finding in result.iter_findings():
        yield annotation(finding, meta.lang) + "\n"


def render(result: Result, meta: ReportMeta) -> str:
    """One workflow command per finding, in report order."""
    return "".join(render_chunks(result, meta))
