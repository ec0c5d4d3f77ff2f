"""Checks of legality review and of the order of steps (713号 arts 25–28, 29)."""

from __future__ import annotations

from decision_check.checks.base import CheckDef

CHECKS: tuple[CheckDef, ...] = ()
