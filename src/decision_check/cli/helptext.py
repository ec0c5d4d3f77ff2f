"""``--help`` that reads well: an argument with a metavar is shown by it alone.

Typer prints a required argument as ``{rule_id}`` and appends its Python type (``<list[Path]>``,
``<str>``) in the help. For an argument given a metavar (``RULE``, ``[PATH…]``) the metavar says
everything: this module makes typer show only it. Imported by :mod:`decision_check.cli.app`.
"""

from __future__ import annotations

from typing import Any

import typer.main
from typer.core import TyperArgument


class MetavarArgument(TyperArgument):
    """A typer argument whose metavar, when given, is its whole display."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.metavar is not None else super().display_type_rich(ctx)

    def _usage_display_name(self) -> str:
        if self.metavar is not None:
            return str(self.metavar)
        return str(super()._usage_display_name())

    def _rich_display_name(self) -> str:
        if self.metavar is not None:
            return str(self.metavar)
        return str(super()._rich_display_name())


setattr(typer.main, "TyperArgument", MetavarArgument)  # noqa: B010  (typer builds arguments from this name)
