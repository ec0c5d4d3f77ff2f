"""Builds what commands share from options and configuration: config, rule book, engine options."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from decision_check.cli.state import STATE
from decision_check.errors import ConfigError, UsageError
from decision_check.i18n import Lang, Text

if TYPE_CHECKING:  # imported where used: `--help` and light commands do not load the core
    from decision_check.calendar import WorkingCalendar
    from decision_check.config import Config
    from decision_check.engine import EngineOptions
    from decision_check.rulesets import RuleBook


@dataclass
class Session:
    """The effective configuration of one command."""

    config: Config
    lang: Lang

    @classmethod
    def open(cls) -> Session:
        from decision_check.config import load_config

        config = load_config(STATE.config_path)
        lang: Lang = STATE.lang or config.settings.lang
        return cls(config, lang)

    def rulebook(self, extra: list[Path] | None = None) -> RuleBook:
        """Bundled rule sets + the configured project folders + ``--rules`` folders."""
        from decision_check.models.validator_cache import report_to
        from decision_check.rulesets import load_rulebook

        report_to(self.note if STATE.verbose else None)  # the records are validated after the book is loaded
        return load_rulebook([*self.config.rule_dirs, *(extra or [])], report=self.note if STATE.verbose else None)

    def note(self, text: Text) -> None:
        """A ``-v`` remark on stderr, in the session's language."""
        print(f"decision-check: {text.get(self.lang)}", file=sys.stderr)

    def calendar(self) -> WorkingCalendar:
        """The official calendar, with the configured user calendar file when there is one."""
        from decision_check.calendar import WorkingCalendar

        if self.config.settings.calendar:
            return WorkingCalendar.from_file(self.config.path(self.config.settings.calendar))
        return WorkingCalendar()

    def engine_options(self, book: RuleBook, as_of: date | None, jurisdiction: str | None) -> EngineOptions:
        """What a run is judged against; jurisdictions and severity overrides are checked against ``book``."""
        from decision_check.engine import EngineOptions

        known = "、".join(sorted(book.jurisdictions))
        if jurisdiction is not None and jurisdiction not in book.jurisdictions:
            raise UsageError(
                f"未知的管辖 {jurisdiction}；可用：{known}", f"unknown jurisdiction {jurisdiction}; known: {known}"
            )
        where = self.config.file
        configured = self.config.settings.jurisdiction
        if configured is not None and configured not in book.jurisdictions:
            raise ConfigError(
                f"{where}: 配置的管辖 {configured} 不存在；可用：{known}",
                f"{where}: configured jurisdiction {configured} is unknown; known: {known}",
            )
        rules = book.all_rules()
        for rule_id, override in self.config.settings.severity.items():
            definitions = rules.get(rule_id)
            if definitions is None:
                close = difflib.get_close_matches(rule_id, list(rules), n=1)
                hint = f"（是否应为 {close[0]}？）" if close else ""
                raise ConfigError(
                    f"{where}: severity 中的规则 {rule_id} 不存在{hint}",
                    f"{where}: severity names an unknown rule {rule_id}"
                    + (f" (did you mean {close[0]}?)" if close else ""),
                )
            if override.severity != "error" and not all(d.waivable for d in definitions):
                raise ConfigError(
                    f"{where}: 规则 {rule_id} 是法定必经程序（不可豁免），不能降低或关闭",
                    f"{where}: rule {rule_id} is a mandatory step (not waivable) and cannot be lowered or switched off",
                )
        return EngineOptions(
            as_of=as_of or date.today(),
            calendar=self.calendar(),
            jurisdiction=jurisdiction,
            default_jurisdiction=self.config.settings.jurisdiction or "national",
            overrides=self.config.overrides(),
        )

    def templates(self, option: Path | None) -> Path | None:
        """The document template folder: ``--templates``, else the configured ``templates``; it must exist."""
        configured = self.config.settings.templates
        folder = option or (self.config.path(configured) if configured else None)
        if folder is not None and not folder.is_dir():
            raise UsageError(f"模板目录不存在：{folder}", f"template folder does not exist: {folder}")
        return folder

    def default_paths(self) -> list[Path]:
        """``decisions/`` (or the configured folders)."""
        return [self.config.path(p) for p in self.config.settings.decisions]
