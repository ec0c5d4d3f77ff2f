"""Alembic environment: runs on the connection ``store.engine.migrate`` hands over (online only)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
