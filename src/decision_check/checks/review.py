"""Checks of expert review, risk assessment and fair-competition review (713号 arts 19–24, 29(一))."""

from __future__ import annotations

from decision_check.checks.base import CheckDef

CHECKS: tuple[CheckDef, ...] = ()
