"""``decision-check minutes`` — the archive's 会议纪要 and 决策过程记录表, generated from the records.

Selection, refusal and contexts live in :mod:`decision_check.documents`; this module parses the
options, runs the checks once (:func:`decision_check.validate.run`), preflights and writes outputs.
jinja2 and docxtpl are imported only when this command runs.
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


@app.command()
@guarded
def minutes(
    target: Annotated[str | None, typer.Argument(help="决策编号或决策文件 / decision id or file")] = None,
    format: DocumentFormat = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="记录有问题也生成，标注草稿 / generate anyway, marked 草稿")
    ] = False,
    force: Force = False,
    templates: Templates = None,
    meeting: Annotated[str | None, typer.Option("--meeting", help="按纪要编号生成一次会议的纪要 / one meeting")] = None,
    all_: Annotated[bool, typer.Option("--all", help="每件决策一个文件 / one file per decision")] = False,
    year: Annotated[int | None, typer.Option("--year", help="与 --all 同用：只含该年度 / with --all")] = None,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", help="与 --all 同用 / with --all")] = None,
    as_of: AsOf = None,
    rules: Rules = None,
    jurisdiction: Jurisdiction = None,
) -> None:
    """生成会议纪要和决策过程记录表。例：decision-check minutes LH-2020-003 --format docx -o 纪要.docx

    Writes the 会议纪要 of every meeting the record documents with its members, then its
    决策过程记录表; --meeting MINUTES_NO writes one meeting's 纪要 (one 议题 per decision);
    --all writes one file per decision into --output-dir. A record that fails the meeting rules
    is refused (exit 1, problems listed with file:line) unless --draft is given.
    """
    from decision_check.cli.minutes_run import run

    modes = sum((target is not None, meeting is not None, all_))
    if modes != 1:
        raise UsageError(
            "请给出决策编号或文件、--meeting 或 --all 之一", "give one of: a decision id or file, --meeting, --all"
        )
    if format not in FORMATS:
        raise UsageError(f"未知的格式 {format}；可用：md、html、docx", f"unknown format {format}; use md, html or docx")
    if all_:
        if output_dir is None or output is not None:
            raise UsageError("--all 须与 --output-dir 同用（不用 --output）", "--all needs --output-dir (not --output)")
        if not output_dir.is_dir():
            raise UsageError(f"输出文件夹不存在：{output_dir}", f"the output folder does not exist: {output_dir}")
    elif output_dir is not None or year is not None:
        raise UsageError("--output-dir 和 --year 只与 --all 同用", "--output-dir and --year go with --all only")
    if output is not None:
        check_output(output, force=force)
    elif format == "docx" and sys.stdout.isatty():
        raise UsageError("Word 文件请用 --output 写入文件", "write a Word document to a file with --output")
    session = Session.open()
    folder = session.templates(templates)
    book = session.rulebook(rules)
    options = session.engine_options(book, parse_day(as_of, "--as-of"), jurisdiction)
    code = run(
        session,
        book,
        options,
        target=target,
        meeting=meeting,
        all_=all_,
        year=year,
        fmt=format,
        output=output,
        output_dir=output_dir,
        draft=draft,
        force=force,
        templates=folder,
    )
    raise typer.Exit(code)
