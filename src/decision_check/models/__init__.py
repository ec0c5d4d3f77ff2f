"""Record models (pydantic v2): decisions, catalogues and organs, with their enums and field types."""

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
