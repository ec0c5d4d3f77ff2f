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

The user calendar file (YAML: ``years`` → ``complete``, ``holidays``, ``workdays``) is read by
:meth:`WorkingCalendar.from_file`; its format and its errors (:class:`CalendarFileError`, naming the
file and line) belong to :mod:`decision_check.calendar_file`, and :class:`CalendarFileError` is
importable from here too.

The module is pure: no I/O except :meth:`WorkingCalendar.from_file`, no printing, no global
mutable state.  ``chinese_calendar`` is imported lazily, the first time a calendar needs it.
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType

from decision_check.calendar_file import CalendarFileError, _parse_calendar_file

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
        """Read a user calendar YAML file (format: :mod:`decision_check.calendar_file`)."""
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
