"""Record models (dataclasses validated by pydantic v2's core): decisions, catalogues and organs, with their
enums and field types; :mod:`~decision_check.models.validator_cache` validates them.

The names below are loaded on first use (PEP 562): importing ``decision_check.models.enums`` or
``.types`` must not build every record model (a third of a one-file run's start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decision_check.models.records import (
        FLAG_NAMES,
        KINDS,
        STEP_NAMES,
        Catalog,
        Decision,
        Meeting,
        Member,
        Organ,
        Record,
        Step,
    )

__all__ = ["FLAG_NAMES", "KINDS", "STEP_NAMES", "Catalog", "Decision", "Meeting", "Member", "Organ", "Record", "Step"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from decision_check.models import records

        return getattr(records, name)
    raise AttributeError(f"module 'decision_check.models' has no attribute {name!r}")
