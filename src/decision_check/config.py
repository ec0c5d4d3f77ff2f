"""Configuration: ``decision-check.toml`` or ``[tool.decision-check]`` in ``pyproject.toml``.

Found by walking up from the working directory; the first file that has it wins. Paths in it are
relative to the file. Every effective value remembers where it came from, for ``config show``.
Precedence everywhere: command-line option > the record's own key > configuration > built-in default.
"""

from __future__ import annotations

import dataclasses
import difflib
import getpass
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from decision_check.errors import ConfigError
from decision_check.findings import Override, Severity
from decision_check.models.lazy import after, before, constrained

CONFIG_FILE = "decision-check.toml"


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _no_control_characters(value: Any) -> Any:
    """A path with NUL (or another control character) cannot name a file: say so, not a traceback."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and any(ord(c) < 32 or ord(c) == 127 for c in item):
            raise ValueError("路径含控制字符（如 NUL）/ the path contains control characters (such as NUL)")
    return value


def _default_decisions() -> list[str]:
    return ["decisions"]


PathList = Annotated[list[str], before(_listify), after(_no_control_characters)]
PathText = Annotated[str | None, after(_no_control_characters)]
_CONFIG: dict[str, Any] = {"extra": "forbid"}


@dataclass(kw_only=True)
class SeverityOverride:
    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG
    severity: Literal["error", "warning", "info", "off"]
    reason: Annotated[str, constrained(min_length=1)]


@dataclass(kw_only=True)
class Settings:
    """The configuration keys (all optional). Validated by :func:`settings_from` (a dataclass whose
    validator comes from :mod:`decision_check.models.validator_cache`)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG

    jurisdiction: str | None = None
    organ: str | None = None
    decisions: PathList = field(default_factory=_default_decisions)
    rules: PathList = field(default_factory=list)
    templates: PathText = None
    database: PathText = None
    lang: Literal["zh", "en"] = "zh"
    auditor: str | None = None
    calendar: PathText = None
    fail_on: Literal["error", "warning"] = "error"
    severity: dict[str, SeverityOverride] = field(default_factory=dict)


def settings_from(table: dict[str, Any]) -> Settings:
    """``table`` (a configuration file's keys) validated as :class:`Settings`."""
    from decision_check.models.validator_cache import validate

    return validate(Settings, table)


@dataclass
class Config:
    """Effective configuration, with the origin of every value."""

    settings: Settings = field(default_factory=lambda: settings_from({}))
    file: Path | None = None
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        """The folder paths in the configuration are relative to (the project root)."""
        return self.file.parent if self.file else Path.cwd()

    def path(self, value: str) -> Path:
        """A configured path, made absolute against the configuration file's folder."""
        candidate = Path(value)
        return candidate if candidate.is_absolute() else self.base / candidate

    @property
    def rule_dirs(self) -> list[Path]:
        """The project's own rule folders."""
        return [self.path(p) for p in self.settings.rules]

    @property
    def database_url(self) -> str:
        """SQLAlchemy URL of the store; SQLite under the project by default."""
        if self.settings.database:
            return self.settings.database
        return f"sqlite:///{(self.base / '.decision-check' / 'index.db').as_posix()}"

    @property
    def auditor(self) -> str:
        """Who runs the audit: configured name, else the system user."""
        if self.settings.auditor:
            return self.settings.auditor
        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no user name (e.g. a container without passwd entry)
            return "unknown"

    def overrides(self) -> dict[str, Override]:
        """Configured severity overrides, each with its reason (listed in every report)."""
        return {
            rule: Override(rule, "off" if o.severity == "off" else Severity(o.severity), o.reason)
            for rule, o in self.settings.severity.items()
        }

    def rows(self) -> list[tuple[str, str, str]]:
        """(key, value, origin) for ``config show``."""
        data = dataclasses.asdict(self.settings)
        data["database"] = self.database_url
        data["auditor"] = self.auditor
        out = []
        for key, value in data.items():
            origin = self.origins.get(key, "默认值 / default")
            if key == "database" and not self.settings.database:
                origin = "默认值 / default"
            if key == "auditor" and not self.settings.auditor:
                origin = "系统用户 / system user"
            out.append((key, _show(value), origin))
        return out


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}={_show(v)}" for k, v in value.items()) or "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value is None else str(value)


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration walking up from ``start``: its file and its table."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate, _read(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("decision-check")
            if isinstance(table, dict):
                return pyproject, table
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The effective configuration: ``explicit`` file, else the nearest one, else defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"配置文件不存在：{explicit}", f"configuration file not found: {explicit}")
        table = _read(explicit)
        if explicit.name == "pyproject.toml":
            table = table.get("tool", {}).get("decision-check", {})
        found: tuple[Path, dict[str, Any]] | None = (explicit, table)
    else:
        found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return Config()
    file, table = found
    from decision_check.models.validator_cache import ValidationError

    try:
        settings = settings_from(table)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        from decision_check.loader import format_path  # the loader pulls in the record models

        key = format_path(error["loc"])
        zh, en = _reason(error)
        raise ConfigError(
            f"{file}: 配置项 {key} 无效：{zh}", f"{file}: invalid configuration key {key}: {en}"
        ) from None
    origins = {key: str(file) for key in table}
    return Config(settings=settings, file=file, origins=origins)


def _reason(error: Any) -> tuple[str, str]:
    """Why a configuration value was refused, in Chinese and English (pydantic-core's own words only
    for what is not foreseen here)."""
    kind, key = error["type"], str(error["loc"][-1]) if error["loc"] else ""
    if kind == "unexpected_keyword_argument":  # an unknown key; at the top level, say which was meant
        known = [f.name for f in dataclasses.fields(Settings)] if len(error["loc"]) == 1 else []
        close = difflib.get_close_matches(key, known, n=1)
        if close:
            return f"没有这个配置项（是否应为 {close[0]}？）", f"no such key (did you mean {close[0]}?)"
        return "没有这个配置项", "no such key"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        listed = expected.replace(" or ", "、").replace(", ", "、")
        return f"取值“{error.get('input')}”不正确，可选：{listed}", f"'{error.get('input')}' is not one of {expected}"
    if kind == "string_too_short":
        return "不能为空", "must not be empty"
    if kind == "missing":
        return "缺少必填项", "a required key is missing"
    if kind == "value_error":  # our own bilingual reasons: "中文 / English"
        reason = str(error.get("ctx", {}).get("error", error["msg"]))
        zh, _, en = reason.partition(" / ")
        return zh, en or zh
    return f"取值不正确（{error['msg']}）", error["msg"]


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误：{exc}", f"{path}: TOML syntax error: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取：{exc.strerror}", f"{path}: cannot read: {exc.strerror}") from None
