"""Initial schema: index (source_file, decision, step, finding) and history (run, run_finding, disposition).

Revision ID: 0001
Revises: none
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_file",
        sa.Column("path", sa.String(), primary_key=True),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("gone", sa.Boolean(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "decision",
        sa.Column("organ", sa.String(), primary_key=True),
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("year", sa.Integer()),
        sa.Column("governing_date", sa.Date()),
        sa.Column("governing_date_source", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("file", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("rule_sets", sa.String(), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("gone", sa.Boolean(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_decision_year", "decision", ["year"])
    op.create_index("ix_decision_file", "decision", ["file"])
    op.create_table(
        "step",
        sa.Column("organ", sa.String(), primary_key=True),
        sa.Column("decision_id", sa.String(), primary_key=True),
        sa.Column("step", sa.String(), primary_key=True),
        sa.Column("required", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("day", sa.Date()),
        sa.ForeignKeyConstraint(["organ", "decision_id"], ["decision.organ", "decision.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "finding",
        sa.Column("fingerprint", sa.String(), primary_key=True),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("organ", sa.String()),
        sa.Column("decision_id", sa.String()),
        sa.Column("file", sa.String(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("waived", sa.Boolean(), nullable=False),
        sa.Column("gone", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_finding_file", "finding", ["file"])
    op.create_index("ix_finding_rule", "finding", ["rule"])
    op.create_table(
        "run",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(), nullable=False, unique=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("auditor", sa.String(), nullable=False),
        sa.Column("tool_version", sa.String(), nullable=False),
        sa.Column("rule_set_digests", sa.Text(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("decisions", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("infos", sa.Integer(), nullable=False),
        sa.Column("waived", sa.Integer(), nullable=False),
    )
    op.create_table(
        "run_finding",
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("run.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fingerprint", sa.String(), primary_key=True),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("organ", sa.String()),
        sa.Column("decision_id", sa.String()),
        sa.Column("file", sa.String(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("waived", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_run_finding_fingerprint", "run_finding", ["fingerprint"])
    op.create_table(
        "disposition",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(), nullable=False, unique=True),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("auditor", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_disposition_fp_at", "disposition", ["fingerprint", "at"])


def downgrade() -> None:
    raise NotImplementedError("the audit history is never dropped")
