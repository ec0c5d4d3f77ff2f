"""Day counting for decision-check: the one place in the product that counts days.

This module owns every date-arithmetic rule the checks rely on (rules.md, "Semantics", item 4):

* **"N日" (calendar days).** The first day is not counted (民法典 art 201), so the number of days
  "after" a start date is ``end - start`` (:func:`calendar_days_after`).  A comment period runs
  from the day after the notice is published (or from its ``start``, if comments open later) to
  ``end`` inclusive (:func:`comment_period_days`).  A deadline whose last day is not a working day
  (a statutory holiday or a weekend) moves to the next working day (民法典 art 203;
  :meth:`WorkingCalendar.deadline`).
* **"N个工作日" (working days)** are counted on the official calendar: the statutory holidays and
  make-up working days (调休) published by the State Council, as maintained by the
  ``chinese_calendar`` library, overridden or extended by a user calendar file
  (:class:`WorkingCalendar`).  Where neither covers a year, Monday to Friday are counted as
  working days and the year is reported (:attr:`WorkingDayCount.fallback_years`) so that the
  finding can say so.

Precedence for a single day: user calendar > ``chinese_calendar`` (for the years it covers)
> weekday fallback (Monday–Friday work, Saturday and Sunday rest).

User calendar file
------------------
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

The module is pure: no I/O except :meth:`WorkingCalendar.from_file`, no printing, no global
mutable state.  ``chinese_calendar`` is imported lazily, the first time a calendar needs it.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType

import yaml

from decision_check.errors import DecisionCheckError

__all__ = [
    "CalendarFileError",
    "WorkingCalendar",
    "WorkingDayCount",
    "calendar_days_after",
    "comment_period_days",
    "inclusive_days",
]

_ONE_DAY = timedelta(days=1)


def _as_date(day: date) -> date:
    """Drop the time of a ``datetime`` (a ``datetime`` never compares equal to a ``date``)."""
    if isinstance(day, datetime):
        return day.date()
    return day


def calendar_days_after(start: date, end: date) -> int:
    """N日 counting: the first day is not counted (民法典 art 201): end - start in days (can be negative)."""
    return _as_date(end).toordinal() - _as_date(start).toordinal()


def inclusive_days(start: date, end: date) -> int:
    """Days from start to end, both counted (0 if end is before start)."""
    return max(0, calendar_days_after(start, end) + 1)


def comment_period_days(notice: date, end: date, start: date | None = None) -> int:
    """Length in days of a public comment period (rules.md, Semantics 4).

    The period runs from the day after the notice is published, or from ``start`` if comments open
    later, to ``end`` inclusive: ``end - max(start - 1, notice)``.  It can be zero or negative when
    the data are inconsistent (``end`` before the opening day).
    """
    begin = _as_date(notice)
    if start is not None:
        begin = max(begin, _as_date(start) - _ONE_DAY)
    return calendar_days_after(begin, end)


@dataclass(frozen=True)
class WorkingDayCount:
    """A working-day count and the years in which only weekdays could be counted."""

    days: int
    """The number of working days."""
    fallback_years: tuple[int, ...] = ()
    """Years (ascending) covered by neither the library nor the user calendar, in which weekdays
    (Monday–Friday) were counted as working days."""

    @property
    def exact(self) -> bool:
        """True when every counted day was on a known official calendar."""
        return not self.fallback_years


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


@dataclass(frozen=True)
class _LibraryData:
    """What chinese_calendar knows: its year range, holidays and make-up working days."""

    first_year: int
    last_year: int
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]


def _weekdays_before(ordinal: int) -> int:
    """Mondays–Fridays with a proleptic ordinal in [1, ordinal) (ordinal 1, 0001-01-01, is a Monday)."""
    elapsed = ordinal - 1
    weeks, rest = divmod(elapsed, 7)
    return 5 * weeks + min(rest, 5)


def _is_weekday(day: date) -> bool:
    return day.weekday() < 5


class WorkingCalendar:
    """Official working-day calendar: chinese_calendar's holidays and make-up working days (调休),
    overridden/extended by a user calendar.

    ``holidays`` and ``workdays`` are the user's overrides (day -> description): days declared a
    holiday or a working day whatever the library says.  ``covered_years`` are the years the user
    calendar fully describes (``complete: true`` in a calendar file).  Instances are not modified
    after construction; the library tables are loaded on first use.
    """

    def __init__(
        self,
        holidays: Mapping[date, str] | None = None,
        workdays: Mapping[date, str] | None = None,
        covered_years: Iterable[int] = (),
    ) -> None:
        user_holidays = {_as_date(day): name for day, name in (holidays or {}).items()}
        user_workdays = {_as_date(day): name for day, name in (workdays or {}).items()}
        both = sorted(set(user_holidays) & set(user_workdays))
        if both:
            listed = ", ".join(day.isoformat() for day in both[:5])
            raise ValueError(f"同一天既是节假日又是工作日 / day(s) declared both holiday and working day: {listed}")
        self._holidays: Mapping[date, str] = MappingProxyType(user_holidays)
        self._workdays: Mapping[date, str] = MappingProxyType(user_workdays)
        self._covered_years: frozenset[int] = frozenset(int(year) for year in covered_years)

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_file(cls, path: Path) -> WorkingCalendar:
        """Read a user calendar YAML file (format in the module docstring)."""
        holidays, workdays, covered = _parse_calendar_file(Path(path))
        return cls(holidays=holidays, workdays=workdays, covered_years=covered)

    def with_overrides(
        self,
        holidays: Mapping[date, str] | None = None,
        workdays: Mapping[date, str] | None = None,
        covered_years: Iterable[int] = (),
    ) -> WorkingCalendar:
        """A new calendar with further user overrides; the new ones win over this calendar's."""
        new_holidays = {_as_date(day): name for day, name in (holidays or {}).items()}
        new_workdays = {_as_date(day): name for day, name in (workdays or {}).items()}
        merged_holidays = {day: name for day, name in self._holidays.items() if day not in new_workdays}
        merged_holidays.update(new_holidays)
        merged_workdays = {day: name for day, name in self._workdays.items() if day not in new_holidays}
        merged_workdays.update(new_workdays)
        return WorkingCalendar(
            holidays=merged_holidays,
            workdays=merged_workdays,
            covered_years=self._covered_years | frozenset(covered_years),
        )

    # ------------------------------------------------------------------ read-only views

    @property
    def user_holidays(self) -> Mapping[date, str]:
        """Days the user calendar declares holidays (read-only)."""
        return self._holidays

    @property
    def user_workdays(self) -> Mapping[date, str]:
        """Days the user calendar declares working days (read-only)."""
        return self._workdays

    @property
    def user_covered_years(self) -> frozenset[int]:
        """Years the user calendar fully describes."""
        return self._covered_years

    @cached_property
    def _library(self) -> _LibraryData:
        """chinese_calendar's tables, imported on first use (the import is deliberately lazy)."""
        constants = importlib.import_module("chinese_calendar.constants")
        holidays = {_as_date(day): str(name) for day, name in dict(constants.holidays).items()}
        workdays = {_as_date(day): str(name) for day, name in dict(constants.workdays).items()}
        years = [day.year for day in holidays] + [day.year for day in workdays]
        return _LibraryData(
            first_year=min(years, default=1),
            last_year=max(years, default=0),
            holidays=MappingProxyType(holidays),
            workdays=MappingProxyType(workdays),
        )

    @property
    def library_years(self) -> tuple[int, int]:
        """First and last year covered by chinese_calendar (inclusive)."""
        return (self._library.first_year, self._library.last_year)

    # ------------------------------------------------------------------ single days

    def _library_covers(self, year: int) -> bool:
        lib = self._library
        return lib.first_year <= year <= lib.last_year

    def covers(self, year: int) -> bool:
        """True if the library or the user calendar knows this year."""
        return year in self._covered_years or self._library_covers(year)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day: user override > library > weekday fallback."""
        day = _as_date(day)
        if day in self._workdays:
            return True
        if day in self._holidays:
            return False
        if self._library_covers(day.year):
            lib = self._library
            if day in lib.workdays:
                return True
            if day in lib.holidays:
                return False
        return _is_weekday(day)

    # ------------------------------------------------------------------ counting

    @cached_property
    def _exceptions(self) -> tuple[list[int], list[int]]:
        """Ordinals of days whose status differs from the weekday rule, and prefix sums of the
        difference (+1: working weekend day, -1: weekday off), for O(log n) counting."""
        lib = self._library
        candidates = set(self._holidays) | set(self._workdays)
        candidates.update(day for day in lib.holidays if self._library_covers(day.year))
        candidates.update(day for day in lib.workdays if self._library_covers(day.year))
        deltas: dict[int, int] = {}
        for day in candidates:
            delta = int(self.is_working_day(day)) - int(_is_weekday(day))
            if delta:
                deltas[day.toordinal()] = delta
        ordinals = sorted(deltas)
        prefix = [0, *accumulate(deltas[o] for o in ordinals)]
        return ordinals, prefix

    def _count_ordinals(self, first: int, last: int) -> WorkingDayCount:
        """Working days with ordinal in [first, last]."""
        if last < first:
            return WorkingDayCount(0)
        weekdays = _weekdays_before(last + 1) - _weekdays_before(first)
        ordinals, prefix = self._exceptions
        lo = bisect.bisect_left(ordinals, first)
        hi = bisect.bisect_right(ordinals, last)
        days = weekdays + prefix[hi] - prefix[lo]
        first_year = date.fromordinal(first).year
        last_year = date.fromordinal(last).year
        fallback = tuple(y for y in range(first_year, last_year + 1) if not self.covers(y))
        return WorkingDayCount(days, fallback)

    def working_days_between(self, start: date, end: date) -> WorkingDayCount:
        """Working days d with start < d < end (both ends excluded; 0 if there is none).

        Used for "the submitter left N working days from submission to the meeting".
        """
        return self._count_ordinals(_as_date(start).toordinal() + 1, _as_date(end).toordinal() - 1)

    def working_days_after(self, start: date, end: date) -> WorkingDayCount:
        """Working days d with start < d <= end (first day not counted, last counted; 0 if none).

        Used for "within N working days of issuance".
        """
        return self._count_ordinals(_as_date(start).toordinal() + 1, _as_date(end).toordinal())

    def fallback_years(self, start: date, end: date) -> tuple[int, ...]:
        """Years from start's to end's (inclusive) that neither library nor user calendar covers."""
        first, last = sorted((_as_date(start).year, _as_date(end).year))
        return tuple(y for y in range(first, last + 1) if not self.covers(y))

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the next working day."""
        day = _as_date(day)
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (n >= 1; ``start`` itself is not counted)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        day = _as_date(start)
        for _ in range(n):
            day = self.next_working_day(day + _ONE_DAY)
        return day

    def deadline(self, start: date, n_days: int) -> date:
        """Last day of an "N日" period: ``start + n_days``, moved to the next working day if that
        day is a statutory holiday or weekend (民法典 arts 201, 203).  ``n_days`` >= 0."""
        if n_days < 0:
            raise ValueError(f"n_days must not be negative, got {n_days}")
        return self.next_working_day(_as_date(start) + timedelta(days=n_days))


# ---------------------------------------------------------------------- calendar file parsing

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
    parser = _FileParser(path)
    parser.parse()
    return parser.holidays, parser.workdays, parser.covered
