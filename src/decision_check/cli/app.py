"""``decision-check`` — the typer application and its commands.

Commands parse options, call the core and map results to exit codes: 0 nothing at or above
``--fail-on``; 1 findings at or above it; 2 usage, configuration or rule-set errors, a missing
input path, or paths holding no record; 3 internal error (a crash of decision-check itself, see
docs/exit-codes.md). Domain errors and crashes become one line on stderr here and nowhere else; the
traceback of a crash only with ``-v``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from decision_check import __version__
from decision_check.cli import helptext  # noqa: F401  (arguments shown by their metavar)
from decision_check.cli.state import STATE, State, parse_day, use_color
from decision_check.crash import EXIT_INTERNAL, log_traceback, set_verbose, summary
from decision_check.errors import DecisionCheckError, UsageError

__all__ = ["STATE", "State", "app", "crashed", "guarded", "main", "parse_day", "use_color"]

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="decision-check",
    help="重大行政决策程序合规检查 / checks major administrative decisions (重大行政决策) against the law in force.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,  # --install-completion / --show-completion (docs/completion.md)
    epilog="退出码 / exit codes: 0 无问题 / clean; 1 有达到 --fail-on 的问题 / findings; "
    "2 用法、配置或规则集错误 / usage, configuration or rule-set error; "
    "3 内部错误（程序缺陷，请报告；加 -v 看详情）/ internal error (a bug: please report it; -v shows details).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"decision-check {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="配置文件 / configuration file (decision-check.toml)"),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="zh|en", help="输出语言 zh|en / language of the output")
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", help="显示版本 / show the version", callback=_show_version, is_eager=True),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            envvar="DECISION_CHECK_VERBOSE",
            help="说明运行细节，内部错误时显示调用栈 / explain the run; show tracebacks of internal errors",
        ),
    ] = False,
) -> None:
    """重大行政决策程序合规检查。例：decision-check validate decisions/"""
    if lang is not None and lang not in ("zh", "en"):
        _fail(UsageError(f"--lang 只能是 zh 或 en，而不是 {lang}", f"--lang must be zh or en, not {lang}"), "zh")
    STATE.config_path = config
    STATE.lang = lang  # type: ignore[assignment]
    STATE.verbose = verbose
    set_verbose(verbose)


def guarded(function: F) -> F:
    """Turn core errors into one clear line and exit code 2, and a crash into one line and exit code 3."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DecisionCheckError as exc:
            _fail(exc, STATE.lang or "zh")
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise  # typer's own exits and usage errors
        except Exception as exc:
            crashed(exc)

    return wrapper  # type: ignore[return-value]


def crashed(exc: BaseException) -> None:
    """Report an unexpected exception as one line (the traceback under ``-v``) and exit 3."""
    log_traceback(exc, None)
    typer.echo(f"decision-check: {summary(exc, STATE.lang or 'zh')}", err=True)
    raise typer.Exit(EXIT_INTERNAL)


def _fail(exc: DecisionCheckError, lang: str) -> None:
    typer.echo(f"decision-check: {exc.message(lang)}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Console-script entry point."""
    # pydantic looks for plugins through importlib.metadata (~90 ms of start-up, and a scan of every
    # installed distribution) the first time a model is built; the CLI uses none. An explicit
    # setting of the variable is respected.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from decision_check.cli import commands  # registers the commands

    del commands
    try:
        app()
    except Exception as exc:  # outside any command (start-up, option callbacks): still no bare traceback
        try:
            crashed(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
