"""Alembic revisions, oldest first: 0001 initial schema, 0002 run host and arguments, 0003 file stat."""
