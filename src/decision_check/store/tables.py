"""The store's tables (sqlmodel). Schema changes go through an Alembic revision in ``migrations/``.

Index (derived, rebuildable): ``source_file``, ``decision`` keyed by (organ, id), ``step``,
``finding`` keyed by fingerprint. History (primary data): ``run``, ``run_finding``, ``disposition``
— dispositions key on the finding's fingerprint only, so they survive re-runs and re-indexing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKeyConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

INDEX_TABLES = ("step", "finding", "decision", "source_file")
DISPOSITION_STATUSES = ("确认", "误报", "已整改")


class SourceFile(SQLModel, table=True):
    """A record file the index has seen, with its content hash (sha256) and the stat it had then."""

    __tablename__ = "source_file"
    path: str = Field(primary_key=True)
    content_hash: str
    kind: str = "decision"  # decision | side (organ / catalogue)
    size: int = Field(default=-1, sa_type=BigInteger)  # with mtime_ns: unchanged stat → not hashed again
    mtime_ns: int = Field(default=-1, sa_type=BigInteger)
    gone: bool = False
    indexed_at: datetime


class DecisionRow(SQLModel, table=True):
    """One decision as the engine saw it; towns' ids may coincide, so the key is (organ, id)."""

    __tablename__ = "decision"
    organ: str = Field(primary_key=True)
    id: str = Field(primary_key=True)
    title: str
    year: int | None = Field(default=None, index=True)
    governing_date: date | None = None
    governing_date_source: str = ""
    status: str = ""
    file: str = Field(index=True)
    content_hash: str
    rule_sets: str = ""  # rule-set ids applied, comma-separated, in order
    excluded: bool = False
    gone: bool = False
    indexed_at: datetime


class StepRow(SQLModel, table=True):
    """One row of a decision's step table."""

    __tablename__ = "step"
    __table_args__ = (
        ForeignKeyConstraint(["organ", "decision_id"], ["decision.organ", "decision.id"], ondelete="CASCADE"),
    )
    organ: str = Field(primary_key=True)
    decision_id: str = Field(primary_key=True)
    step: str = Field(primary_key=True)
    required: str
    state: str
    day: date | None = None


class FindingRow(SQLModel, table=True):
    """A finding of the current index, keyed by its fingerprint."""

    __tablename__ = "finding"
    fingerprint: str = Field(primary_key=True)
    rule: str = Field(index=True)
    severity: str
    organ: str | None = None
    decision_id: str | None = None
    file: str = Field(index=True)
    line: int = 1
    path: str = ""
    message: str = Field(default="", sa_type=Text)
    waived: bool = False
    gone: bool = False


class Run(SQLModel, table=True):
    """One recorded validation run (``validate --record``)."""

    __tablename__ = "run"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)  # stable across export / import
    started_at: datetime
    auditor: str
    host: str
    tool_version: str
    rule_set_digests: str = Field(default="{}", sa_type=Text)  # JSON {id: version@sha256}
    arguments: str = Field(default="[]", sa_type=Text)  # JSON list
    files: int = 0
    decisions: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0


class RunFinding(SQLModel, table=True):
    """A finding as one run reported it (history: never rewritten)."""

    __tablename__ = "run_finding"
    run_id: int = Field(primary_key=True, foreign_key="run.id", ondelete="CASCADE")
    fingerprint: str = Field(primary_key=True, index=True)
    rule: str
    severity: str
    organ: str | None = None
    decision_id: str | None = None
    file: str = ""
    line: int = 1
    path: str = ""
    message: str = Field(default="", sa_type=Text)
    waived: bool = False


class Disposition(SQLModel, table=True):
    """An auditor's judgement of a finding: 确认 / 误报 / 已整改. The latest per fingerprint counts."""

    __tablename__ = "disposition"
    __table_args__ = (UniqueConstraint("uid"), Index("ix_disposition_fp_at", "fingerprint", "at"))
    id: int | None = Field(default=None, primary_key=True)
    uid: str
    fingerprint: str
    status: str
    auditor: str
    at: datetime
    note: str = Field(default="", sa_type=Text)
