"""The CLI's global options and small helpers that need no typer (the ``validate`` fast path uses them)."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from decision_check.errors import UsageError
from decision_check.i18n import Lang


class State:
    """Global options shared by every command."""

    config_path: Path | None = None
    lang: Lang | None = None
    verbose: bool = False


STATE = State()


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
