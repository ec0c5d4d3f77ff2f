"""Tests of decision_check.calendar: day counting on real dates and the real chinese_calendar data."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_check.calendar import (
    CalendarFileError,
    WorkingCalendar,
    WorkingDayCount,
    calendar_days_after,
    comment_period_days,
    inclusive_days,
)
from decision_check.errors import DecisionCheckError

CAL = WorkingCalendar()

CAL_2030 = """\
# 节假日安排补充（chinese_calendar 未覆盖的年份，或地方调整）
years:
  2030:
    complete: true
    holidays: [2030-10-01..2030-10-07]
    workdays: [2030年9月29日]   # 调休上班日 (a Sunday)
"""


def write(tmp_path: Path, text: str, name: str = "holidays.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- calendar days


def test_calendar_days_after_does_not_count_first_day() -> None:
    assert calendar_days_after(date(2020, 7, 15), date(2020, 8, 14)) == 30
    assert calendar_days_after(date(2020, 7, 15), date(2020, 7, 15)) == 0
    assert calendar_days_after(date(2020, 8, 14), date(2020, 7, 15)) == -30


def test_inclusive_days() -> None:
    assert inclusive_days(date(2020, 7, 15), date(2020, 8, 14)) == 31
    assert inclusive_days(date(2020, 7, 15), date(2020, 7, 15)) == 1
    assert inclusive_days(date(2020, 7, 16), date(2020, 7, 15)) == 0


def test_comment_period_days() -> None:
    # Notice 2020-07-15, comments to 2020-08-14: 07-16 .. 08-14 = 30 days.
    assert comment_period_days(date(2020, 7, 15), date(2020, 8, 14)) == 30
    # Comments open later (07-20): 07-20 .. 08-14 = 26 days.
    assert comment_period_days(date(2020, 7, 15), date(2020, 8, 14), start=date(2020, 7, 20)) == 26
    # A start on or before the notice day changes nothing.
    assert comment_period_days(date(2020, 7, 15), date(2020, 8, 14), start=date(2020, 7, 15)) == 30
    assert comment_period_days(date(2020, 7, 15), date(2020, 8, 14), start=date(2020, 7, 16)) == 30


# ---------------------------------------------------------------------- the library calendar


def test_national_day_2020_working_days() -> None:
    # Holidays 2020-10-01..08; make-up working days Sun 09-27 and Sat 10-10.
    assert CAL.is_working_day(date(2020, 10, 10))  # Saturday, 调休上班
    assert CAL.is_working_day(date(2020, 9, 27))  # Sunday, 调休上班
    assert not CAL.is_working_day(date(2020, 10, 5))  # Monday, holiday
    assert not CAL.is_working_day(date(2020, 10, 11))  # ordinary Sunday
    # Days strictly between 09-28 and 10-12: working are 09-29 (Tue), 09-30 (Wed), 10-09 (Fri),
    # 10-10 (Sat, make-up day); 10-01..10-08 are holidays and 10-11 is a Sunday.  So 4, not 3.
    count = CAL.working_days_between(date(2020, 9, 28), date(2020, 10, 12))
    assert count == WorkingDayCount(4, ())
    assert count.exact
    # First day not counted, last counted: adds Mon 10-12.
    assert CAL.working_days_after(date(2020, 9, 28), date(2020, 10, 12)).days == 5


def test_empty_and_reversed_intervals_count_zero() -> None:
    assert CAL.working_days_between(date(2020, 9, 29), date(2020, 9, 30)).days == 0
    assert CAL.working_days_between(date(2020, 9, 29), date(2020, 9, 29)).days == 0
    assert CAL.working_days_after(date(2020, 9, 29), date(2020, 9, 29)).days == 0
    assert CAL.working_days_after(date(2020, 9, 30), date(2020, 9, 1)) == WorkingDayCount(0, ())


def test_deadline_rolls_over_spring_festival_2021() -> None:
    # 2021-01-13 + 30 days = Fri 2021-02-12, inside the holiday 02-11..02-17 -> Thu 02-18.
    assert CAL.deadline(date(2021, 1, 13), 30) == date(2021, 2, 18)
    # Sat 2021-02-20 is a make-up working day: no roll-over.
    assert CAL.deadline(date(2021, 1, 21), 30) == date(2021, 2, 20)


def test_deadline_rolls_over_weekend() -> None:
    # 2020-07-16 + 30 days = Sat 2020-08-15 -> Mon 08-17.
    assert CAL.deadline(date(2020, 7, 16), 30) == date(2020, 8, 17)
    # 2020-07-15 + 30 days = Fri 2020-08-14, a working day.
    assert CAL.deadline(date(2020, 7, 15), 30) == date(2020, 8, 14)
    with pytest.raises(ValueError):
        CAL.deadline(date(2020, 7, 15), -1)


def test_add_working_days_across_new_year() -> None:
    # After Wed 2020-12-30: Thu 12-31 (1); 2021-01-01..03 holiday; Mon 01-04 (2).
    assert CAL.add_working_days(date(2020, 12, 30), 1) == date(2020, 12, 31)
    assert CAL.add_working_days(date(2020, 12, 30), 2) == date(2021, 1, 4)
    # After Mon 2019-12-30: Tue 12-31 (1); 2020-01-01 holiday; Thu 01-02 (2), Fri 01-03 (3).
    assert CAL.add_working_days(date(2019, 12, 30), 3) == date(2020, 1, 3)
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2020, 12, 30), 0)


def test_next_working_day() -> None:
    assert CAL.next_working_day(date(2020, 10, 9)) == date(2020, 10, 9)
    assert CAL.next_working_day(date(2020, 10, 1)) == date(2020, 10, 9)
    assert CAL.next_working_day(date(2020, 10, 11)) == date(2020, 10, 12)


def test_library_coverage() -> None:
    assert CAL.library_years == (2004, 2026)
    assert CAL.covers(2004) and CAL.covers(2026)
    assert not CAL.covers(2003) and not CAL.covers(2030)


def test_agrees_with_chinese_calendar_on_every_covered_day() -> None:
    first, last = CAL.library_years
    day = date(first, 1, 1)
    while day.year <= last:
        assert CAL.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


# ---------------------------------------------------------------------- uncovered years


def test_uncovered_year_counts_weekdays_and_says_so() -> None:
    # 2030-09-28 (Sat) .. 2030-10-08 (Tue) strictly between: weekdays are 09-30, 10-01..04,
    # 10-07, 10-08 = 7.
    count = CAL.working_days_between(date(2030, 9, 27), date(2030, 10, 9))
    assert count == WorkingDayCount(7, (2030,))
    assert not count.exact
    assert CAL.is_working_day(date(2030, 10, 1))  # a Tuesday: no data, so a weekday
    assert not CAL.is_working_day(date(2030, 9, 29))  # a Sunday
    # Counting across covered and uncovered years reports only the uncovered ones.
    assert CAL.working_days_after(date(2026, 12, 1), date(2028, 1, 10)).fallback_years == (2027, 2028)
    assert CAL.fallback_years(date(2025, 1, 1), date(2028, 1, 1)) == (2027, 2028)


def test_no_not_implemented_error_outside_library_range() -> None:
    for day in (date(1990, 5, 1), date(2003, 10, 1), date(2040, 2, 1)):
        CAL.is_working_day(day)
        CAL.deadline(day, 30)
        CAL.add_working_days(day, 20)
        assert CAL.working_days_after(day, day + timedelta(days=40)).fallback_years == (day.year,)


def test_user_calendar_file_covers_2030(tmp_path: Path) -> None:
    cal = WorkingCalendar.from_file(write(tmp_path, CAL_2030))
    assert cal.covers(2030)
    assert not cal.covers(2031)
    # Strictly between 2030-09-27 and 2030-10-09: Sun 09-29 (make-up), Mon 09-30, Tue 10-08 = 3;
    # 10-01..10-07 are now holidays.
    assert cal.working_days_between(date(2030, 9, 27), date(2030, 10, 9)) == WorkingDayCount(3, ())
    assert cal.is_working_day(date(2030, 9, 29))
    assert not cal.is_working_day(date(2030, 10, 1))
    assert cal.deadline(date(2030, 9, 1), 30) == date(2030, 10, 8)  # 10-01 -> 10-08
    assert "holidays.yaml" in cal.user_holidays[date(2030, 10, 1)]


def test_user_calendar_overrides_library(tmp_path: Path) -> None:
    text = """\
    years:
      2020:
        holidays: 2020-10-09      # a local extra day off
        workdays: [2020-10-08]    # local working day inside the national holiday
    """
    cal = WorkingCalendar.from_file(write(tmp_path, text))
    assert not cal.is_working_day(date(2020, 10, 9))
    assert cal.is_working_day(date(2020, 10, 8))
    # 09-29, 09-30, 10-08, 10-10.
    assert cal.working_days_between(date(2020, 9, 28), date(2020, 10, 12)).days == 4
    assert cal.add_working_days(date(2020, 9, 30), 1) == date(2020, 10, 8)


def test_constructor_overrides_and_with_overrides() -> None:
    cal = WorkingCalendar(
        holidays={date(2030, 1, 1): "元旦"}, workdays={date(2030, 1, 5): "调休"}, covered_years=[2030]
    )
    assert cal.covers(2030)
    assert not cal.is_working_day(date(2030, 1, 1))
    assert cal.is_working_day(date(2030, 1, 5))  # a Saturday
    later = cal.with_overrides(workdays={date(2030, 1, 1): "上班"})
    assert later.is_working_day(date(2030, 1, 1))
    assert not cal.is_working_day(date(2030, 1, 1))  # the original is unchanged
    with pytest.raises(ValueError):
        WorkingCalendar(holidays={date(2030, 1, 1): "a"}, workdays={date(2030, 1, 1): "b"})


def test_incomplete_user_year_is_still_reported_as_fallback(tmp_path: Path) -> None:
    text = """\
    years:
      2030:
        holidays: [2030-10-01..2030-10-07]
    """
    cal = WorkingCalendar.from_file(write(tmp_path, text))
    assert not cal.covers(2030)
    count = cal.working_days_between(date(2030, 9, 27), date(2030, 10, 9))
    assert count == WorkingDayCount(2, (2030,))  # 09-30, 10-08


def test_range_running_into_next_year_and_empty_entries(tmp_path: Path) -> None:
    text = """\
    years:
      2030:
        complete: yes
        holidays: ["2030-12-31..2031-01-02"]
      2031:
    """
    cal = WorkingCalendar.from_file(write(tmp_path, text))
    assert not cal.is_working_day(date(2031, 1, 2))  # a Thursday
    assert cal.covers(2030) and not cal.covers(2031)


def test_importing_module_does_not_import_chinese_calendar() -> None:
    code = (
        "import sys, datetime\n"
        "import decision_check.calendar as c\n"
        "assert 'chinese_calendar' not in sys.modules\n"
        "assert c.calendar_days_after(datetime.date(2020, 1, 1), datetime.date(2020, 1, 31)) == 30\n"
        "assert 'chinese_calendar' not in sys.modules\n"
        "c.WorkingCalendar().is_working_day(datetime.date(2020, 1, 1))\n"
        "assert 'chinese_calendar' in sys.modules\n"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------- calendar file errors


def file_error(tmp_path: Path, text: str) -> CalendarFileError:
    path = write(tmp_path, text)
    with pytest.raises(CalendarFileError) as info:
        WorkingCalendar.from_file(path)
    error = info.value
    assert error.path == path
    assert str(path) in str(error)
    return error


def assert_names_line(error: CalendarFileError, line: int) -> None:
    assert error.line == line
    message = str(error)
    assert f":{line}:" in message
    # Chinese first, then English.
    assert message.index("日历文件错误") < message.index("calendar file error")


def test_error_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    with pytest.raises(CalendarFileError) as info:
        WorkingCalendar.from_file(path)
    assert info.value.line is None
    assert str(path) in str(info.value)
    assert "无法读取" in str(info.value) and "cannot read" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, DecisionCheckError)


def test_error_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("years:\n  2030:\n    holidays: [2030年1月1日]\n".encode("gbk"))
    with pytest.raises(CalendarFileError, match="UTF-8"):
        WorkingCalendar.from_file(path)


def test_error_bad_yaml_names_line(tmp_path: Path) -> None:
    text = """\
    years:
      2030:
        holidays: [2030-01-01
        workdays: []
    """
    error = file_error(tmp_path, text)
    assert error.line is not None and error.line >= 3
    assert "YAML" in str(error)


def test_error_bad_date_names_line(tmp_path: Path) -> None:
    text = """\
    years:
      2030:
        complete: true
        holidays:
          - 2030-01-01
          - 2030-02-30
    """
    error = file_error(tmp_path, text)
    assert_names_line(error, 6)
    assert "2030-02-30" in str(error)


def test_error_unrecognised_date_names_line(tmp_path: Path) -> None:
    error = file_error(tmp_path, "years:\n  2030:\n    workdays: [2030-01-01, Jan 5 2030]\n")
    assert_names_line(error, 3)
    assert "Jan 5 2030" in str(error)


def test_error_day_both_holiday_and_workday_names_line(tmp_path: Path) -> None:
    text = """\
    years:
      2030:
        holidays: [2030-10-01..2030-10-07]
        workdays:
          - 2030-09-29
          - 2030年10月5日
    """
    error = file_error(tmp_path, text)
    assert_names_line(error, 6)
    assert "2030-10-05" in str(error)
    assert "line 3" in str(error)


def test_error_reversed_range_names_line(tmp_path: Path) -> None:
    error = file_error(tmp_path, "years:\n  2030:\n    holidays: [2030-10-07..2030-10-01]\n")
    assert_names_line(error, 3)
    assert "ends before it starts" in str(error)


def test_error_date_outside_its_year_names_line(tmp_path: Path) -> None:
    error = file_error(tmp_path, "years:\n  2030:\n    holidays: [2031-10-01]\n")
    assert_names_line(error, 3)


def test_error_unknown_key_names_line(tmp_path: Path) -> None:
    error = file_error(tmp_path, "years:\n  2030:\n    complete: true\n    holiday: [2030-10-01]\n")
    assert_names_line(error, 4)
    assert "holiday" in str(error)


def test_error_bad_complete_and_duplicate_year(tmp_path: Path) -> None:
    assert_names_line(file_error(tmp_path, "years:\n  2030:\n    complete: maybe\n"), 3)
    error = file_error(tmp_path, "years:\n  2030:\n    complete: true\n  2030:\n    holidays: []\n")
    assert_names_line(error, 4)


def test_error_wrong_top_level(tmp_path: Path) -> None:
    assert_names_line(file_error(tmp_path, "- 2030-01-01\n"), 1)
    assert file_error(tmp_path, "").line is None


# ---------------------------------------------------------------------- properties

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
USER = WorkingCalendar(
    holidays={date(2030, 10, d): "国庆" for d in range(1, 8)} | {date(2020, 10, 9): "地方"},
    workdays={date(2030, 9, 29): "调休", date(2020, 10, 11): "地方"},
    covered_years=[2030],
)
CALENDARS = st.sampled_from([CAL, USER])


def brute_force_after(cal: WorkingCalendar, start: date, end: date) -> int:
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += cal.is_working_day(day)
        day += timedelta(days=1)
    return count


@settings(max_examples=300, deadline=None)
@given(cal=CALENDARS, dates=st.lists(DATES, min_size=3, max_size=3))
def test_working_days_after_is_additive(cal: WorkingCalendar, dates: list[date]) -> None:
    a, b, c = sorted(dates)
    total = cal.working_days_after(a, c)
    first, second = cal.working_days_after(a, b), cal.working_days_after(b, c)
    assert total.days == first.days + second.days
    assert set(total.fallback_years) >= set(first.fallback_years) | set(second.fallback_years)


@settings(max_examples=200, deadline=None)
@given(cal=CALENDARS, start=DATES, span=st.integers(min_value=-5, max_value=120))
def test_counts_match_day_by_day(cal: WorkingCalendar, start: date, span: int) -> None:
    end = start + timedelta(days=span)
    after = cal.working_days_after(start, end)
    assert after.days == brute_force_after(cal, start, end)
    between = cal.working_days_between(start, end)
    expected_between = after.days - (cal.is_working_day(end) if end > start else 0)
    assert between.days == expected_between
    if span > 0:
        years = range((start + timedelta(days=1)).year, end.year + 1)
        assert after.fallback_years == tuple(y for y in years if not cal.covers(y))


@settings(max_examples=300, deadline=None)
@given(cal=CALENDARS, start=DATES, n=st.integers(min_value=1, max_value=60))
def test_no_date_in_range_raises_and_results_are_consistent(cal: WorkingCalendar, start: date, n: int) -> None:
    nth = cal.add_working_days(start, n)
    assert cal.is_working_day(nth)
    assert cal.working_days_after(start, nth).days == n
    due = cal.deadline(start, n)
    assert due >= start + timedelta(days=n)
    assert cal.is_working_day(due)
    nominal = start + timedelta(days=n)
    assert all(not cal.is_working_day(nominal + timedelta(days=i)) for i in range((due - nominal).days))
    nxt = cal.next_working_day(start)
    assert nxt >= start and cal.is_working_day(nxt)
    assert all(not cal.is_working_day(start + timedelta(days=i)) for i in range((nxt - start).days))
    cal.covers(start.year)
