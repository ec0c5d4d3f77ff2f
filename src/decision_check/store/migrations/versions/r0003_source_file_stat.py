"""Index files remember size and modification time: unchanged files are skipped without hashing.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("source_file") as batch:
        batch.add_column(sa.Column("size", sa.BigInteger(), nullable=False, server_default="-1"))
        batch.add_column(sa.Column("mtime_ns", sa.BigInteger(), nullable=False, server_default="-1"))


def downgrade() -> None:
    raise NotImplementedError("the audit history is never dropped")
