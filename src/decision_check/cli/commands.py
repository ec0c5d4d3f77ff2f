"""Imports every command module so that their commands register on the app (order = help order)."""

from decision_check.cli import (
    archive_cmd,
    catalog_cmd,
    config_cmd,
    doc_cmd,
    history_cmd,
    index_cmd,
    minutes_cmd,
    new_cmd,
    plan_cmd,
    report_cmd,
    rules_cmd,
    rules_docs_cmd,
    site_cmd,
    validate_cmd,
)

__all__ = [
    "archive_cmd",
    "catalog_cmd",
    "config_cmd",
    "doc_cmd",
    "history_cmd",
    "index_cmd",
    "minutes_cmd",
    "new_cmd",
    "plan_cmd",
    "report_cmd",
    "rules_cmd",
    "rules_docs_cmd",
    "site_cmd",
    "validate_cmd",
]
