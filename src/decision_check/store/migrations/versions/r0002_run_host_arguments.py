"""Runs remember the host they ran on and the command-line arguments (rows of 0001 get '' and '[]').

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("run") as batch:
        batch.add_column(sa.Column("host", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("arguments", sa.Text(), nullable=False, server_default="[]"))


def downgrade() -> None:
    raise NotImplementedError("the audit history is never dropped")
