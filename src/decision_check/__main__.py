"""``python -m decision_check`` — the same entry point as the ``decision-check`` script."""

from decision_check.cli.entry import console

console()
