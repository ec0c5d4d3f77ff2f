"""Imports every command module so that their commands register on the app (order = help order)."""

from decision_check.cli import catalog_cmd, config_cmd, new_cmd, plan_cmd, rules_cmd, validate_cmd

__all__ = ["catalog_cmd", "config_cmd", "new_cmd", "plan_cmd", "rules_cmd", "validate_cmd"]
