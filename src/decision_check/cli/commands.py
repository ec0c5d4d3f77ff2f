"""Imports every command module so that their commands register on the app (order = help order)."""

from decision_check.cli import config_cmd, rules_cmd, rules_docs_cmd, validate_cmd

__all__ = ["config_cmd", "rules_cmd", "rules_docs_cmd", "validate_cmd"]
