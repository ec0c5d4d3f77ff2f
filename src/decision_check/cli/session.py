"""Builds what commands share from options and configuration: config, rule book, engine options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from decision_check.calendar import WorkingCalendar
from decision_check.cli.app import STATE
from decision_check.config import Config, load_config
from decision_check.engine import EngineOptions
from decision_check.i18n import Lang
from decision_check.rulesets import RuleBook, load_rulebook


@dataclass
class Session:
    """The effective configuration of one command."""

    config: Config
    lang: Lang

    @classmethod
    def open(cls) -> Session:
        config = load_config(STATE.config_path)
        lang: Lang = STATE.lang or config.settings.lang
        return cls(config, lang)

    def rulebook(self, extra: list[Path] | None = None) -> RuleBook:
        """Bundled rule sets + the configured project folders + ``--rules`` folders."""
        return load_rulebook([*self.config.rule_dirs, *(extra or [])])

    def calendar(self) -> WorkingCalendar:
        """The official calendar, with the configured user calendar file when there is one."""
        if self.config.settings.calendar:
            return WorkingCalendar.from_file(self.config.path(self.config.settings.calendar))
        return WorkingCalendar()

    def engine_options(self, as_of: date | None, jurisdiction: str | None) -> EngineOptions:
        return EngineOptions(
            as_of=as_of or date.today(),
            calendar=self.calendar(),
            jurisdiction=jurisdiction,
            default_jurisdiction=self.config.settings.jurisdiction or "national",
            overrides=self.config.overrides(),
        )

    def default_paths(self) -> list[Path]:
        """``decisions/`` (or the configured folders)."""
        return [self.config.path(p) for p in self.config.settings.decisions]
