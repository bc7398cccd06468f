"""The complaints' clock: working days in WITA (Asia/Makassar), weekends and holidays skipped.

Pure functions: the holidays come in as a set of dates (the table provincial staff edit is read by
``grievances.deadlines``), so every rule here is tested by hand-computed dates without a database.

The rule, as the public page tells the family: a complaint due in N working days is due by the end
of the N-th working day after the day it was received (that day itself never counts, whatever the
hour, and a complaint received on a Saturday counts from Monday like one received on Friday). The
moment stored is the first instant after that day, 00:00 WITA of the next day: a deadline is breached
when ``now >= due_at``, and an act is in time when it happened before ``due_at``.
"""

import datetime as dt
from collections.abc import Collection
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def wita_date(moment: dt.datetime) -> dt.date:
    """The calendar day in WITA of an aware moment."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(WITA).date()


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def nth_working_day_after(day: dt.date, n: int, holidays: Collection[dt.date]) -> dt.date:
    """The n-th working day after ``day`` (n >= 1); ``day`` itself never counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def due_at(received: dt.datetime, working_days: int, holidays: Collection[dt.date]) -> dt.datetime:
    """00:00 WITA after the ``working_days``-th working day following the day of ``received``."""
    last_day = nth_working_day_after(wita_date(received), working_days, holidays)
    return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=WITA)


def last_day_of(due: dt.datetime) -> dt.date:
    """The day to print for a deadline: the last whole day still in time ("paling lambat 7 Des 2026")."""
    return wita_date(due) - dt.timedelta(days=1)


def working_days_between(start: dt.datetime, end: dt.datetime, holidays: Collection[dt.date]) -> int:
    """Working days after the day of ``start`` up to and including the day of ``end`` (0 on the same day)."""
    first, last = wita_date(start), wita_date(end)
    count, day = 0, first
    while day < last:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count
