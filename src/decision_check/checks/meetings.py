"""Checks of collective discussion, party consideration, NPC and adjustment (713号 arts 8, 29–31, 37; 189号 arts 18–22)."""

from __future__ import annotations

from decision_check.checks.base import CheckDef

CHECKS: tuple[CheckDef, ...] = ()
