"""The working-day calendar behind complaint time limits.

Holiday dates used here are the ones the ``holidays`` package reports for Indonesia:
2026-03-19 Nyepi (Thu), 2026-03-21/22 Idul Fitri (Sat/Sun), 2026-08-17 Independence Day (Mon),
2026-12-25 Christmas (Fri), 2027-01-01 New Year (Fri), 2027-01-05 Isra' Mi'raj (Tue, estimated).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from portal.core.calendar import EXTRA_DAY_OFF_NAME, WorkCalendar, local_date

WIB = timezone(timedelta(hours=7))


def _brute_working_days_between(cal: WorkCalendar, start: date, end: date) -> int:
    day, count = start + timedelta(days=1), 0
    while day <= end:
        count += cal.is_working_day(day)
        day += timedelta(days=1)
    return count


def _following_working_days(cal: WorkCalendar, start: date, how_many: int) -> list[date]:
    """The first ``how_many`` working days strictly after ``start``, found day by day."""
    found: list[date] = []
    day = start
    while len(found) < how_many:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            found.append(day)
    return found


def test_weekends_are_skipped() -> None:
    cal = WorkCalendar()
    assert cal.is_working_day(date(2026, 11, 20))  # Friday
    assert not cal.is_working_day(date(2026, 11, 21))  # Saturday
    assert not cal.is_working_day(date(2026, 11, 22))  # Sunday
    assert cal.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)
    assert cal.add_working_days(date(2026, 11, 18), 3) == date(2026, 11, 23)
    assert cal.next_working_day(date(2026, 11, 20)) == date(2026, 11, 23)
    assert cal.working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert cal.working_days_between(date(2026, 11, 16), date(2026, 11, 30)) == 10


def test_start_day_never_counts_and_zero_days() -> None:
    cal = WorkCalendar()
    assert cal.add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)  # Monday
    assert cal.add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 23)  # Saturday
    assert cal.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)
    assert cal.working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert cal.working_days_between(date(2026, 11, 24), date(2026, 11, 23)) == 0
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 11, 23), -1)


def test_national_holidays_are_skipped() -> None:
    cal = WorkCalendar()
    # Independence Day, Monday 17 August 2026.
    assert not cal.is_working_day(date(2026, 8, 17))
    assert cal.add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    assert cal.working_days_between(date(2026, 8, 14), date(2026, 8, 18)) == 1
    # Christmas, Friday 25 December 2026.
    assert not cal.is_working_day(date(2026, 12, 25))
    assert cal.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    # Nyepi, Thursday 19 March 2026.
    assert not cal.is_working_day(date(2026, 3, 19))
    assert cal.add_working_days(date(2026, 3, 18), 1) == date(2026, 3, 20)
    # Idul Fitri 2026 falls on Saturday 21 and Sunday 22 March per the package.
    assert cal.holiday_name(date(2026, 3, 21)) is not None
    assert cal.holiday_name(date(2026, 3, 22)) is not None
    assert not cal.is_working_day(date(2026, 3, 21))


def test_holiday_names() -> None:
    assert "Kemerdekaan" in (WorkCalendar().holiday_name(date(2026, 8, 17)) or "")
    english = WorkCalendar(language="en_US")
    assert english.holiday_name(date(2026, 8, 17)) == "Independence Day"
    assert english.holiday_name(date(2026, 12, 25)) == "Christmas Day"
    assert english.holiday_name(date(2026, 11, 23)) is None


def test_across_a_year_end() -> None:
    cal = WorkCalendar()
    start = date(2026, 12, 30)  # Wednesday
    # Thu 31 Dec (1); Fri 1 Jan holiday; weekend; Mon 4 Jan (2); Tue 5 Jan Isra' Mi'raj; Wed 6 (3).
    assert not cal.is_working_day(date(2027, 1, 1))
    assert not cal.is_working_day(date(2027, 1, 5))
    assert cal.add_working_days(start, 2) == date(2027, 1, 4)
    assert cal.add_working_days(start, 3) == date(2027, 1, 6)
    assert cal.working_days_between(start, date(2027, 1, 6)) == 3
    assert cal.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


def test_extra_days_off() -> None:
    # Example cuti bersama around Idul Fitri 2026: Fri 20, Mon 23 and Tue 24 March.
    days_off = [date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24)]
    cal = WorkCalendar(extra_days_off=days_off)
    assert not cal.is_working_day(date(2026, 3, 23))
    assert cal.holiday_name(date(2026, 3, 23)) == EXTRA_DAY_OFF_NAME
    # Wed 18 -> Thu 19 Nyepi, Fri 20 off, weekend (Idul Fitri), Mon 23, Tue 24 off -> Wed 25.
    assert cal.add_working_days(date(2026, 3, 18), 1) == date(2026, 3, 25)
    assert cal.working_days_between(date(2026, 3, 18), date(2026, 3, 25)) == 1
    assert WorkCalendar().working_days_between(date(2026, 3, 18), date(2026, 3, 25)) == 4


def test_extra_working_days_win() -> None:
    saturday, holiday = date(2026, 11, 21), date(2026, 8, 17)
    cal = WorkCalendar(extra_days_off=[holiday], extra_working_days=[saturday, holiday])
    assert cal.is_working_day(saturday)
    assert cal.is_working_day(holiday)
    assert cal.holiday_name(holiday) is not None  # still named, just worked
    assert cal.add_working_days(date(2026, 11, 20), 1) == saturday
    assert cal.add_working_days(date(2026, 11, 20), 2) == date(2026, 11, 23)
    assert cal.working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 2
    assert cal.working_days_between(date(2026, 8, 14), date(2026, 8, 18)) == 2


def test_round_trip_and_agreement_with_day_by_day_counting() -> None:
    calendars = [
        WorkCalendar(),
        WorkCalendar(
            extra_days_off=[date(2026, 3, 20), date(2026, 3, 23), date(2026, 12, 24)],
            extra_working_days=[date(2026, 11, 21), date(2027, 1, 5)],
        ),
    ]
    checked = 0
    for cal in calendars:
        start = date(2026, 1, 1)
        while start <= date(2027, 12, 31):
            expected = _following_working_days(cal, start, 60)
            for n in range(61):
                deadline = cal.add_working_days(start, n)
                if n == 0:
                    first = start if cal.is_working_day(start) else expected[0]
                    assert deadline == first, start
                    continue
                assert deadline == expected[n - 1], (start, n)
                assert cal.working_days_between(start, deadline) == n, (start, n)
                assert cal.working_days_between(start, deadline - timedelta(days=1)) == n - 1
                checked += 1
            if cal.is_working_day(start):
                assert cal.working_days_between(start, cal.add_working_days(start, 0)) == 0
            start += timedelta(days=5)
    assert checked > 15_000


def test_long_spans_match_day_by_day_counting() -> None:
    cal = WorkCalendar(extra_days_off=[date(2029, 6, 1)], extra_working_days=[date(2031, 3, 1)])
    for start, end in [
        (date(2024, 1, 1), date(2032, 12, 31)),
        (date(2025, 12, 31), date(2026, 1, 2)),
        (date(2027, 5, 15), date(2031, 3, 1)),
    ]:
        assert cal.working_days_between(start, end) == _brute_working_days_between(cal, start, end)
    # Large n goes through the week-jumping path.
    start = date(2026, 2, 10)
    for n in (11, 250, 1000):
        assert cal.add_working_days(start, n) == _following_working_days(cal, start, n)[-1]


def test_local_date_converts_to_jakarta() -> None:
    assert local_date(datetime(2026, 11, 23, 18, 0)) == date(2026, 11, 24)  # naive means UTC
    assert local_date(datetime(2026, 11, 23, 16, 59)) == date(2026, 11, 23)  # 23:59 WIB
    assert local_date(datetime(2026, 11, 23, 18, 0, tzinfo=UTC)) == date(2026, 11, 24)
    assert local_date(datetime(2026, 11, 23, 23, 30, tzinfo=WIB)) == date(2026, 11, 23)
    assert local_date(datetime(2026, 11, 23, 15, 0), tz="Asia/Jayapura") == date(2026, 11, 24)
    assert local_date(date(2026, 11, 23)) == date(2026, 11, 23)


def test_calendar_accepts_datetimes() -> None:
    cal = WorkCalendar()
    # Friday 14 August 18:00 UTC is already Saturday 01:00 in Jakarta.
    assert cal.is_working_day(date(2026, 8, 14))
    assert not cal.is_working_day(datetime(2026, 8, 14, 18, 0))
    assert not cal.is_working_day(datetime(2026, 8, 14, 18, 0, tzinfo=UTC))
    assert cal.is_working_day(datetime(2026, 8, 14, 23, 0, tzinfo=WIB))
    # Received Sunday 16 August 20:00 UTC = Monday 17 August (holiday) 03:00 WIB.
    received = datetime(2026, 8, 16, 20, 0)
    assert cal.holiday_name(received) is not None
    assert cal.add_working_days(received, 0) == date(2026, 8, 18)
    assert cal.add_working_days(received, 3) == date(2026, 8, 20)
    assert cal.working_days_between(received, datetime(2026, 8, 20, 2, 0)) == 3
    assert cal.next_working_day(datetime(2026, 11, 20, 18, 0)) == date(2026, 11, 23)
