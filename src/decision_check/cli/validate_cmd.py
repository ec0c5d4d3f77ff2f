"""``decision-check validate`` — audit decision records against the law in force on their dates.

The options are declared here for typer (help, completion); the work is in
:mod:`decision_check.cli.validate_run`, which the start-up fast path calls directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decision_check.cli.app import app, guarded
from decision_check.cli.validate_run import ValidateOptions, execute, rule_infos

__all__ = ["rule_infos", "validate"]


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
    code = execute(ValidateOptions(paths, format, output, fail_on, as_of, rules, jurisdiction, show_info, jobs, record))
    raise typer.Exit(code)
