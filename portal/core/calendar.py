"""Indonesian working-day calendar for complaint time limits (pure: no Flask, no database).

A working day is Monday to Friday, not a national holiday (as reported by the ``holidays``
package for Indonesia) and not a day off the pemda declares (``extra_days_off``, e.g. cuti
bersama). A day the pemda declares a working day (``extra_working_days``) is always a working
day, even on a Saturday or a holiday.

Counting follows the usual reading of "within N working days of receipt": the start day itself
never counts, so ``add_working_days(start, n)`` is the deadline and
``working_days_between(start, add_working_days(start, n)) == n``.

Every function also accepts ``datetime`` values: aware ones are converted to Asia/Jakarta, naive
ones are taken as UTC (how the app stores them) and then converted (see :func:`local_date`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

__all__ = ["EXTRA_DAY_OFF_NAME", "WorkCalendar", "local_date"]

DEFAULT_TZ = "Asia/Jakarta"
EXTRA_DAY_OFF_NAME = "Hari libur tambahan"

_SATURDAY = 5  # date.weekday(): Monday == 0 ... Saturday == 5, Sunday == 6
_ONE_DAY = timedelta(days=1)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(value: date | datetime, tz: str = DEFAULT_TZ) -> date:
    """The calendar date of ``value`` in ``tz``.

    A plain ``date`` is returned unchanged. An aware ``datetime`` is converted to ``tz``; a naive
    ``datetime`` is taken to be UTC (the app stores naive UTC) and then converted to ``tz``.
    """
    if isinstance(value, datetime):  # datetime is a subclass of date: check it first
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(_zone(tz)).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected date or datetime, got {type(value).__name__}")


def _weekdays_through(day: date) -> int:
    """Number of Mondays-to-Fridays from an arbitrary fixed origin up to and including ``day``.

    Only differences of this value are meaningful. The origin is ``date.min`` (a Monday).
    """
    n = day.toordinal()  # date.min has ordinal 1 and is a Monday
    weeks, rest = divmod(n, 7)  # rest days after the whole weeks: Mon.. in order
    return weeks * 5 + min(rest, 5)


def _add_weekdays(day: date, count: int) -> date:
    """The ``count``-th Monday-to-Friday strictly after ``day`` (``count >= 1``)."""
    weeks, rest = divmod(_weekdays_through(day) + count, 5)
    if rest == 0:  # lands on a Friday
        return date.fromordinal(7 * (weeks - 1) + 5)
    return date.fromordinal(7 * weeks + rest)


@dataclass(frozen=True, slots=True)
class _Year:
    """Per-year exceptions to the plain Monday-to-Friday rule, sorted for bisection."""

    names: dict[date, str]  # national holidays of the year, by date
    weekday_days_off: tuple[date, ...]  # Mon-Fri days that are not working days
    weekend_working_days: tuple[date, ...]  # Sat/Sun days that are working days


class WorkCalendar:
    """Working days in Indonesia, with the days off and working days a pemda adds.

    National holidays come from ``holidays.country_holidays("ID", ...)``, loaded lazily and
    cached one year at a time, so any year works, including ranges across a year end.
    ``language`` selects the language of holiday names (default Indonesian, so names do not
    depend on the server's locale); pass e.g. ``"en_US"`` for English.
    """

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        *,
        language: str | None = "id",
    ) -> None:
        self._extra_days_off = frozenset(local_date(d) for d in extra_days_off)
        self._extra_working_days = frozenset(local_date(d) for d in extra_working_days)
        self._language = language
        self._years: dict[int, _Year] = {}

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(extra_days_off={len(self._extra_days_off)} days, "
            f"extra_working_days={len(self._extra_working_days)} days)"
        )

    @property
    def extra_days_off(self) -> frozenset[date]:
        return self._extra_days_off

    @property
    def extra_working_days(self) -> frozenset[date]:
        return self._extra_working_days

    # -- per-year cache -------------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        national = holidays.country_holidays("ID", years=year, language=self._language)
        names = {d: name for d, name in national.items() if d.year == year}
        off = {d for d in names if d.weekday() < _SATURDAY}
        off.update(d for d in self._extra_days_off if d.year == year and d.weekday() < _SATURDAY)
        extra_working = {d for d in self._extra_working_days if d.year == year}
        built = _Year(
            names=names,
            weekday_days_off=tuple(sorted(off - extra_working)),
            weekend_working_days=tuple(
                sorted(d for d in extra_working if d.weekday() >= _SATURDAY)
            ),
        )
        self._years[year] = built
        return built

    # -- single days ----------------------------------------------------------------------------

    def is_working_day(self, day: date | datetime) -> bool:
        """Mon-Fri, not a national holiday and not an extra day off; an extra working day wins."""
        return self._working(local_date(day))

    def holiday_name(self, day: date | datetime) -> str | None:
        """The national holiday's name, ``"Hari libur tambahan"`` for an extra day off, else None.

        The name is given even when the holiday falls on a weekend or was declared a working day.
        """
        day = local_date(day)
        name = self._year(day.year).names.get(day)
        if name is not None:
            return name
        if day in self._extra_days_off:
            return EXTRA_DAY_OFF_NAME
        return None

    def next_working_day(self, day: date | datetime) -> date:
        """The first working day strictly after ``day``."""
        return self._next_working(local_date(day))

    # -- spans ----------------------------------------------------------------------------------

    def add_working_days(self, start: date | datetime, days: int) -> date:
        """The date ``days`` working days after ``start`` (the start day itself never counts).

        ``days=0`` gives ``start`` when it is a working day, else the next working day.
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        day = local_date(start)
        if days == 0:
            return day if self._working(day) else self._next_working(day)
        remaining = days
        while True:
            # Jump to the ``remaining``-th Mon-Fri after ``day`` and see how many of those days
            # were worked. Days off only make the count fall short (then jump again from there);
            # reaching the count exactly means the answer is the last working day up to there.
            candidate = _add_weekdays(day, remaining)
            counted = self._between(day, candidate)
            if counted < remaining:
                day, remaining = candidate, remaining - counted
                continue
            if counted == remaining:
                while not self._working(candidate):
                    candidate -= _ONE_DAY
                return candidate
            break  # overshoot: only possible with extra working Saturdays/Sundays in the span
        for _ in range(remaining):
            day = self._next_working(day)
        return day

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``).

        Whole weeks are counted arithmetically; only the year's exceptions (holidays, extra days
        off, extra working days) are looked up, by bisection, so long spans stay cheap.
        """
        return self._between(local_date(start), local_date(end))

    # -- date-only internals --------------------------------------------------------------------

    def _working(self, day: date) -> bool:
        if day in self._extra_working_days:
            return True
        if day.weekday() >= _SATURDAY or day in self._extra_days_off:
            return False
        return day not in self._year(day.year).names

    def _next_working(self, day: date) -> date:
        day += _ONE_DAY
        while not self._working(day):
            day += _ONE_DAY
        return day

    def _between(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        count = _weekdays_through(end) - _weekdays_through(start)
        for year in range(start.year, end.year + 1):
            info = self._year(year)
            count -= _count_in(info.weekday_days_off, start, end)
            count += _count_in(info.weekend_working_days, start, end)
        return count


def _count_in(sorted_days: tuple[date, ...], start: date, end: date) -> int:
    """How many of ``sorted_days`` lie in ``(start, end]``."""
    return bisect_right(sorted_days, end) - bisect_left(sorted_days, start + _ONE_DAY)
