"""Alembic migrations of the store, shipped with the package and applied on open."""
