"""Typed errors of the core. The CLI turns each into one line on stderr and exit code 2.

Problems in a user's *records* are never errors: they become findings. These errors are for what
stops a run: bad usage, bad configuration, a bad rule set.
"""


class DecisionCheckError(Exception):
    """Base of every error the CLI reports as a one-line message with exit code 2."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def message(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.en if lang == "en" else self.zh


class UsageError(DecisionCheckError):
    """A command-line problem: a path that does not exist, paths holding no record, a bad option value."""


class ConfigError(DecisionCheckError):
    """The configuration file is unreadable or holds an invalid value."""


class RuleSetError(DecisionCheckError):
    """A rule-set file is invalid: unknown check, bad option, duplicate id, a loosened parameter…"""
