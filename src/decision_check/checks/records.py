"""Checks of scope, launch, catalogues, publication, archiving, evidence, implementation and evaluation."""

from __future__ import annotations

from decision_check.checks.base import CheckDef

CHECKS: tuple[CheckDef, ...] = ()
