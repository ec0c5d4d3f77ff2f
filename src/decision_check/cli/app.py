"""``decision-check`` — the typer application and its commands.

Commands parse options, call the core and map results to exit codes: 0 nothing at or above
``--fail-on``; 1 findings at or above it; 2 usage, configuration or rule-set errors, a missing
input path, or paths holding no record. Domain errors become one line on stderr here and nowhere else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from decision_check import __version__
from decision_check.cli import helptext  # noqa: F401  (arguments shown by their metavar)
from decision_check.errors import DecisionCheckError, UsageError
from decision_check.i18n import Lang

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="decision-check",
    help="重大行政决策程序合规检查 / checks major administrative decisions (重大行政决策) against the law in force.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Global options shared by every command."""

    config_path: Path | None = None
    lang: Lang | None = None


STATE = State()


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
) -> None:
    """重大行政决策程序合规检查。例：decision-check validate decisions/"""
    if lang is not None and lang not in ("zh", "en"):
        _fail(UsageError(f"--lang 只能是 zh 或 en，而不是 {lang}", f"--lang must be zh or en, not {lang}"), "zh")
    STATE.config_path = config
    STATE.lang = lang  # type: ignore[assignment]


def guarded(function: F) -> F:
    """Turn core errors into one clear line on stderr and exit code 2."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DecisionCheckError as exc:
            _fail(exc, STATE.lang or "zh")

    return wrapper  # type: ignore[return-value]


def _fail(exc: DecisionCheckError, lang: str) -> None:
    typer.echo(f"decision-check: {exc.message(lang)}", err=True)
    raise typer.Exit(2)


def parse_day(value: str | None, option: str) -> date | None:
    """A date option (``--as-of``) in any accepted spelling."""
    if value is None:
        return None
    from decision_check.models.types import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        zh, _, en = str(exc).partition(" / ")
        raise UsageError(f"{option}：{zh}", f"{option}: {en or zh}") from None


def use_color(output: Path | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def main() -> None:
    """Console-script entry point."""
    from decision_check.cli import commands  # registers the commands

    del commands
    app()
