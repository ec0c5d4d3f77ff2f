"""The check-function library and its one explicit registry.

Rules (YAML data) call checks by name. To add a check: write it in the module of its subject,
list it in that module's ``CHECKS`` and make sure the module is listed here. No discovery, no plugins.
"""

from __future__ import annotations

from decision_check.checks import (
    archiving,
    consultation,
    deliberation,
    evidence_register,
    evidence_steps,
    followup,
    generic,
    legality,
    meeting_identity,
    meeting_records,
    meetings,
    participation,
    records,
    review,
)
from decision_check.checks.base import CheckDef

_MODULES = (
    generic,
    participation,
    review,
    legality,
    meetings,
    deliberation,
    meeting_identity,
    meeting_records,
    records,
    archiving,
    evidence_register,
    consultation,
    followup,
    evidence_steps,
)

REGISTRY: dict[str, CheckDef] = {}
for _module in _MODULES:
    for _check in _module.CHECKS:
        if _check.name in REGISTRY:  # pragma: no cover - a programming error caught by any test run
            raise RuntimeError(f"duplicate check name {_check.name}")
        REGISTRY[_check.name] = _check

__all__ = ["REGISTRY", "CheckDef"]
