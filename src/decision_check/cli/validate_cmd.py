"""``decision-check validate`` — audit decision records against the law in force on their dates."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from decision_check import __version__
from decision_check.cli.app import app, guarded, parse_day, use_color
from decision_check.cli.session import Session
from decision_check.crash import EXIT_INTERNAL, INTERNAL, REPORT
from decision_check.errors import UsageError
from decision_check.findings import Severity
from decision_check.fsutil import atomic_write_chunks, check_output
from decision_check.reporters import FORMATS, ReportMeta, RuleInfo, chunk_renderer

if TYPE_CHECKING:  # `--help` does not load the rule book's modules
    from decision_check.rulesets import RuleBook


def rule_infos(book: RuleBook) -> tuple[RuleInfo, ...]:
    """Metadata of every rule, for reporters that list them (SARIF)."""
    infos = []
    for rule_id, definitions in book.all_rules().items():
        first = definitions[0]
        citations = "、".join(dict.fromkeys(c.text for d in definitions for c in d.citations))
        infos.append(
            RuleInfo(
                rule_id,
                first.title.zh,
                first.title.en,
                first.description.zh,
                first.description.en,
                citations,
                first.severity.value,
            )
        )
    return tuple(infos)


@app.command()
@guarded
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH…]", help="决策文件或目录（默认 decisions/）/ files or folders", show_default=False
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="rich|json|sarif|junit|markdown|github")
    ] = "rich",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="写入文件 / write to a file")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="error|warning",
            help="达到此级别即退出码 1 / exit 1 at this level",
            show_default="error，或配置 fail_on",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE (YYYY-MM-DD 或 2020年5月1日)", help="评价日期（默认今天）/ judge as of this date"
        ),
    ] = None,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", metavar="DIR", help="另加规则目录 / extra rule folder")
    ] = None,
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", metavar="NAME", help="管辖 / jurisdiction")
    ] = None,
    show_info: Annotated[
        bool, typer.Option("--show-info", "-v", help="在报告中列出提示（info）/ list info findings in the rich report")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="并行进程数（至少 1，默认核数）/ workers: at least 1 (default: cores)",
        ),
    ] = None,
    record: Annotated[bool, typer.Option("--record", help="把本次运行记入审计历史 / record the run")] = False,
) -> None:
    """检查决策文件是否符合决策日期有效的规定。例：decision-check validate decisions/ --format json

    Checks every decision record against the rules in force on its governing date.
    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/configuration/rule-set error,
    3 internal error (the other files are still checked and reported).
    """
    from decision_check import validate as validation

    if output is not None:
        check_output(output)  # a folder or a missing parent is exit 2 before any work, not a traceback after it
    validation.check_jobs(jobs)
    session = Session.open()
    if format not in FORMATS:
        raise UsageError(
            f"未知的输出格式 {format}；可用：{'、'.join(FORMATS)}",
            f"unknown format {format}; use one of {', '.join(FORMATS)}",
        )
    threshold_name = fail_on or session.config.settings.fail_on
    if threshold_name not in ("error", "warning"):
        raise UsageError("--fail-on 只能是 error 或 warning", "--fail-on must be error or warning")
    book = session.rulebook(rules)
    options = session.engine_options(book, parse_day(as_of, "--as-of"), jurisdiction)
    result = validation.run(
        paths or session.default_paths(),
        book,
        options,
        base=Path.cwd(),
        root=session.config.base,
        jobs=jobs,
        context=session.default_paths(),
    )
    from decision_check.cli.history_cmd import after_validate

    notes = after_validate(session, result, book, record=record, db=None)
    meta = ReportMeta(
        lang=session.lang,
        version=__version__,
        rules=rule_infos(book) if format in ("sarif", "junit") else (),
        rule_set_versions=tuple(s.version for s in book.sets.values()),
        color=use_color(output) and format == "rich",
        show_info=show_info,
        width=shutil.get_terminal_size((120, 24)).columns if output is None and sys.stdout.isatty() else 120,
    )
    chunks = chunk_renderer(format)(result, meta)
    if output is not None:
        atomic_write_chunks(output, chunks)
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)
    for note in notes:
        typer.echo(note, err=True)
    crashed = sorted({f.file for f in result.findings if f.rule == INTERNAL})
    if crashed:  # reported with the other files' findings above; the run itself is not "findings" (exit 1)
        shown = "、".join(crashed)
        typer.echo(f"decision-check: 内部错误 / internal error: {shown}；{REPORT.get(session.lang)}", err=True)
        raise typer.Exit(EXIT_INTERNAL)
    raise typer.Exit(result.exit_code(Severity(threshold_name)))
