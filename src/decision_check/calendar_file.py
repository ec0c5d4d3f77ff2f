"""The user calendar file: a YAML file of holidays and make-up working days, parsed with line numbers.

This module owns the file format that supplements ``chinese_calendar`` (for years it does not cover,
or for local adjustments) and its errors, :class:`CalendarFileError`. It only parses: what the days
mean for counting is :class:`decision_check.calendar.WorkingCalendar`'s, whose
:meth:`~decision_check.calendar.WorkingCalendar.from_file` reads a file through :func:`_parse_calendar_file`.

Format
------
A YAML file (UTF-8) supplementing the library, for years it does not cover or for local
adjustments::

    # 节假日安排补充（chinese_calendar 未覆盖的年份，或地方调整）
    years:
      2027:
        complete: true          # this file fully describes 2027: covers(2027) is True
        holidays: [2027-01-01, 2027-02-06..2027-02-12]   # single dates or "a..b" ranges
        workdays: [2027-02-14]  # 调休上班日 (make-up working days)

* ``years`` maps a year to its entry; each entry may hold ``complete`` (boolean, default false),
  ``holidays`` and ``workdays`` (a list, or a single item).  No other keys are accepted.
* A date is written ``2027-01-01`` (also ``2027-1-1``) or ``2027年1月1日``; ``a..b`` is an inclusive
  range (``b`` not before ``a``).  Each date, and at least one end of each range, must lie in the
  year it is listed under (a range may run into the next year, as New Year holidays do).
* A day may not be both a holiday and a working day.
* A year marked ``complete`` is treated as covered: its days not listed follow the weekday rule and
  it is not reported as a fallback year.  Entries for years the library covers override the
  library day by day.

Problems (unreadable file, invalid YAML, bad date, conflicting day, reversed range, unknown key)
raise :class:`CalendarFileError`, whose message names the file and line, in Chinese then English.

The parser walks the composed YAML node tree (PyYAML's safe composer), so every error can name its line.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import yaml

from decision_check.errors import DecisionCheckError

__all__ = ["CalendarFileError"]

_ONE_DAY = timedelta(days=1)


class CalendarFileError(DecisionCheckError, ValueError):
    """A user calendar file cannot be used; the message names the file and line (if known).

    The message is in Chinese then English and says what to do; :attr:`path` and :attr:`line`
    (1-based, ``None`` when unknown) are kept for callers.
    """

    def __init__(
        self,
        path: Path,
        line: int | None,
        problem_zh: str,
        problem_en: str,
        fix_zh: str = "请修改日历文件后重试",
        fix_en: str = "Fix the calendar file and try again.",
    ) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(
            f"{where}: 节假日日历文件错误：{problem_zh}。{fix_zh}。",
            f"{where}: holiday calendar file error: {problem_en}. {fix_en}",
        )
        self.path = path
        self.line = line


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CN_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ENTRY_KEYS = ("complete", "holidays", "workdays")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _FileParser:
    """Walks the composed YAML node tree, so every error can name its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.holidays: dict[date, str] = {}
        self.workdays: dict[date, str] = {}
        self.covered: set[int] = set()
        self._seen: dict[date, tuple[str, int]] = {}

    def error(
        self,
        node: yaml.Node | None,
        problem_zh: str,
        problem_en: str,
        fix_zh: str = "请修改日历文件后重试",
        fix_en: str = "Fix the calendar file and try again.",
    ) -> CalendarFileError:
        line = _line(node) if node is not None else None
        return CalendarFileError(self.path, line, problem_zh, problem_en, fix_zh, fix_en)

    def parse(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CalendarFileError(
                self.path,
                None,
                f"文件不是 UTF-8 编码（{exc.reason}）",
                f"the file is not UTF-8 encoded ({exc.reason})",
                "请将文件另存为 UTF-8 编码",
                "Save the file as UTF-8.",
            ) from exc
        except OSError as exc:
            raise CalendarFileError(
                self.path,
                None,
                f"无法读取文件（{exc.strerror or exc}）",
                f"cannot read the file ({exc.strerror or exc})",
                "请检查路径和访问权限",
                "Check the path and the file permissions.",
            ) from exc
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = int(mark.line) + 1 if mark is not None else None
            problem = str(getattr(exc, "problem", None) or exc)
            raise CalendarFileError(
                self.path,
                line,
                f"YAML 格式错误（{problem}）",
                f"invalid YAML ({problem})",
                "请检查该行的缩进、冒号和括号",
                "Check the indentation, colons and brackets on that line.",
            ) from exc
        if root is None:
            raise self.error(
                None,
                "文件为空",
                "the file is empty",
                "请按格式写入 years: 段",
                "Add a 'years:' mapping as documented.",
            )
        if not isinstance(root, yaml.MappingNode):
            raise self.error(
                root,
                "顶层应为包含 years 的映射",
                "the top level must be a mapping with 'years'",
                "请按格式写入 years: 段",
                "Add a 'years:' mapping as documented.",
            )
        years_node: yaml.Node | None = None
        for key, value in root.value:
            name = self.scalar(key)
            if name != "years":
                raise self.error(
                    key,
                    f"未知的键“{name}”",
                    f"unknown key '{name}'",
                    "顶层只允许 years",
                    "Only 'years' is allowed at the top level.",
                )
            years_node = value
        if years_node is None or self.is_null(years_node):
            return
        if not isinstance(years_node, yaml.MappingNode):
            raise self.error(
                years_node,
                "years 应为“年份: 安排”的映射",
                "'years' must map years to entries",
            )
        seen_years: dict[int, int] = {}
        for key, value in years_node.value:
            year = self.year(key)
            if year in seen_years:
                raise self.error(
                    key,
                    f"年份 {year} 重复（首次出现在第 {seen_years[year]} 行）",
                    f"year {year} is listed twice (first on line {seen_years[year]})",
                    "请合并为一段",
                    "Merge the two entries.",
                )
            seen_years[year] = _line(key)
            self.entry(year, value)

    @staticmethod
    def is_null(node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"

    def scalar(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, "此处应为单个值", "a single value is expected here")
        return str(node.value).strip()

    def year(self, node: yaml.Node) -> int:
        text = self.scalar(node)
        if not re.fullmatch(r"\d{4}", text):
            raise self.error(
                node,
                f"“{text}”不是四位年份",
                f"'{text}' is not a four-digit year",
                "年份写作 2027:",
                "Write the year as e.g. 2027:",
            )
        return int(text)

    def entry(self, year: int, node: yaml.Node) -> None:
        if self.is_null(node):
            return
        if not isinstance(node, yaml.MappingNode):
            raise self.error(
                node,
                f"{year} 年的安排应为映射（complete / holidays / workdays）",
                f"the entry for {year} must be a mapping (complete / holidays / workdays)",
            )
        for key, value in node.value:
            name = self.scalar(key)
            if name == "complete":
                if self.boolean(value):
                    self.covered.add(year)
            elif name in ("holidays", "workdays"):
                for item in self.items(value):
                    self.add_days(year, name, item)
            else:
                raise self.error(
                    key,
                    f"未知的键“{name}”",
                    f"unknown key '{name}'",
                    "每年只允许 complete、holidays、workdays",
                    "Only 'complete', 'holidays' and 'workdays' are allowed for a year.",
                )

    def boolean(self, node: yaml.Node) -> bool:
        text = self.scalar(node).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.error(
            node,
            f"complete 的值“{text}”不是 true 或 false",
            f"'complete' must be true or false, not '{text}'",
        )

    def items(self, node: yaml.Node) -> list[yaml.Node]:
        if self.is_null(node):
            return []
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.ScalarNode):
            return [node]
        raise self.error(node, "此处应为日期列表", "a list of dates is expected here")

    def parse_date(self, node: yaml.Node, text: str) -> date:
        match = _ISO_DATE.match(text) or _CN_DATE.match(text)
        if match is None:
            raise self.error(
                node,
                f"无法识别的日期“{text}”",
                f"unrecognised date '{text}'",
                "日期写作 2027-01-01 或 2027年1月1日，区间写作 2027-02-06..2027-02-12",
                "Write dates as 2027-01-01 or 2027年1月1日, ranges as 2027-02-06..2027-02-12.",
            )
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise self.error(
                node,
                f"日期“{text}”不存在",
                f"'{text}' is not a valid date ({exc})",
                "请核对年月日",
                "Check the year, month and day.",
            ) from exc

    def add_days(self, year: int, kind: str, node: yaml.Node) -> None:
        text = self.scalar(node)
        if ".." in text:
            first_text, _, last_text = text.partition("..")
            first = self.parse_date(node, first_text.strip())
            last = self.parse_date(node, last_text.strip())
            if last < first:
                raise self.error(
                    node,
                    f"区间“{text}”的结束日期早于开始日期",
                    f"range '{text}' ends before it starts",
                    "请交换起止日期",
                    "Swap the two dates.",
                )
            if year not in (first.year, last.year):
                raise self.error(
                    node,
                    f"区间“{text}”不在 {year} 年内",
                    f"range '{text}' is not in {year}",
                    "请将其移到对应年份下",
                    "Move it under the right year.",
                )
        else:
            first = last = self.parse_date(node, text)
            if first.year != year:
                raise self.error(
                    node,
                    f"日期“{text}”不在 {year} 年内",
                    f"date '{text}' is not in {year}",
                    "请将其移到对应年份下",
                    "Move it under the right year.",
                )
        line = _line(node)
        target = self.holidays if kind == "holidays" else self.workdays
        label = "节假日" if kind == "holidays" else "调休上班日"
        day = first
        while day <= last:
            previous = self._seen.get(day)
            if previous is not None and previous[0] != kind:
                raise self.error(
                    node,
                    f"{day.isoformat()} 同时被列为节假日和工作日（另见第 {previous[1]} 行）",
                    f"{day.isoformat()} is listed both as a holiday and as a working day (see also line {previous[1]})",
                    "请只保留其中之一",
                    "Keep only one of them.",
                )
            if previous is None:
                self._seen[day] = (kind, line)
                target[day] = f"{label}（{self.path.name} 第 {line} 行）"
            day += _ONE_DAY


def _parse_calendar_file(path: Path) -> tuple[dict[date, str], dict[date, str], set[int]]:
    """The holidays and working days (day -> where it is listed) and the complete years of ``path``."""
    parser = _FileParser(path)
    parser.parse()
    return parser.holidays, parser.workdays, parser.covered
