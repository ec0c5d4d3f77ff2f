"""``--help`` that reads well: an argument with a metavar is shown by it alone.

Typer prints a required argument as ``{rule_id}`` and appends its Python type (``<list[Path]>``,
``<str>``) in the help. For an argument given a metavar (``RULE``, ``[PATH…]``) the metavar says
everything: this module makes typer show only it. Imported by :mod:`decision_check.cli.app`.
"""

from __future__ import annotations

from typing import Any

import typer.main
from typer.core import TyperArgument, TyperOption

# Typer shows a value's Python type (``<str>``, ``<list[Path]>``); people read these words instead.
_PLAIN = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "file": "FILE", "directory": "DIR"}


def _plain(shown: str | None) -> str | None:
    if shown is None or not (shown.startswith("<") and shown.endswith(">")):
        return shown
    inner = shown[1:-1]
    if inner.startswith("list[") and inner.endswith("]"):
        item = inner[5:-1]
        return f"{_PLAIN.get(item.lower(), item.upper())}…"
    return _PLAIN.get(inner.lower(), inner if "|" in inner else inner.upper())


class MetavarOption(TyperOption):
    """A typer option shown by its metavar, or by a plain word for its type (``TEXT``, ``N``, ``PATH``)."""

    def display_type(self, ctx: Any) -> str:
        return str(_plain(super().display_type(ctx)))


class MetavarArgument(TyperArgument):
    """A typer argument whose metavar, when given, is its whole display."""

    def display_type(self, ctx: Any) -> str:
        return str(_plain(super().display_type(ctx)))

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar is not None else super().display_type_rich(ctx)

    def _usage_display_name(self) -> str:
        return str(self.metavar) if self.metavar is not None else str(self.name or "").upper()

    def _rich_display_name(self) -> str:
        return str(self.metavar) if self.metavar is not None else str(self.name or "").upper()


setattr(typer.main, "TyperArgument", MetavarArgument)  # noqa: B010  (typer builds arguments from this name)
setattr(typer.main, "TyperOption", MetavarOption)  # noqa: B010  (and options from this one)
