"""``decision-check report`` — the annual report's section on decisions, generated and traceable.

Counting lives in :mod:`decision_check.summary`, the sentences in :mod:`decision_check.documents.report`;
this module parses the options, preflights the outputs and hands over to :mod:`.report_run`
(imported when the command runs, so that registering the command imports nothing heavy).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded, parse_day
from decision_check.cli.options import AsOf, DocumentFormat, Force, Jurisdiction, Rules, Templates
from decision_check.cli.session import Session
from decision_check.errors import UsageError
from decision_check.fsutil import check_output

FORMATS = ("md", "html", "docx")


@app.command(
    epilog="例 / example：decision-check report --year 2020 --organ 龙河镇 --format docx -o 2020年决策情况.docx"
    " --trace 2020年决策情况.trace.json"
)
@guarded
def report(
    year: Annotated[int, typer.Option("--year", help="年度（按决策日期）/ year, by decision date", metavar="YEAR")],
    organ: Annotated[
        str | None, typer.Option("--organ", help="机关名称或其中一段 / organ name or part of it", metavar="NAME")
    ] = None,
    format: DocumentFormat = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    trace: Annotated[
        Path | None,
        typer.Option("--trace", help="写出数字与决策编号的对应（JSON）/ write the figures' ids (JSON)"),
    ] = None,
    force: Force = False,
    templates: Templates = None,
    as_of: AsOf = None,
    rules: Rules = None,
    jurisdiction: Jurisdiction = None,
) -> None:
    """生成法治政府建设年度报告的重大行政决策部分。例：decision-check report --year 2020 --organ 龙河镇

    Writes the decision-making section of the annual rule-of-law report for YEAR from the decision
    files: the rules that applied, the decisions by category, the catalogue, each statutory step
    (required vs performed), and the problems found, rule by rule, with the decisions they concern.
    Every number can be traced: footnotes (md), title attributes (html), --trace FILE (JSON).
    A year or organ without decisions is exit 1 and writes nothing.
    """
    from decision_check.cli.report_run import run

    if format not in FORMATS:
        raise UsageError(f"未知的格式 {format}；可用：md、html、docx", f"unknown format {format}; use md, html or docx")
    for path in (output, trace):
        if path is not None:
            check_output(path, force=force)
    if output is not None and trace is not None and output.resolve() == trace.resolve():
        raise UsageError("--output 和 --trace 不能是同一个文件", "--output and --trace must be different files")
    if output is None and format == "docx" and sys.stdout.isatty():
        raise UsageError("Word 文件请用 --output 写入文件", "write a Word document to a file with --output")
    session = Session.open()
    folder = session.templates(templates)
    book = session.rulebook(rules)
    options = session.engine_options(book, parse_day(as_of, "--as-of"), jurisdiction)
    code = run(session, book, options, year=year, organ=organ, fmt=format, output=output, trace=trace, templates=folder)
    raise typer.Exit(code)
