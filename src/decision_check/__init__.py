"""decision-check: makes the statutory procedure for major administrative decisions (重大行政决策) checkable.

The package is layered, imports flowing one way:

* core — :mod:`decision_check.models`, :mod:`decision_check.loader`, :mod:`decision_check.rulesets`,
  :mod:`decision_check.checks`, :mod:`decision_check.engine`, :mod:`decision_check.findings`,
  :mod:`decision_check.calendar`; no terminal, no CLI, no database;
* adapters — :mod:`decision_check.reporters` (pure ``render(result) -> str``);
* the thin CLI — :mod:`decision_check.cli`.
"""

__version__ = "0.1.0"
