"""The store: an index of decisions and findings derived from the files, and the audit history.

Adapter on top of the core (sqlmodel / SQLAlchemy, Alembic migrations). The index tables
(``decision``, ``step``, ``finding``, ``source_file``) are rebuildable from the records at any time;
the history tables (``run``, ``run_finding``, ``disposition``) are primary data, never dropped.
"""
