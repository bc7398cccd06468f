"""The complaints' clock, by hand-computed dates (December 2026: the 4th is a Friday, the 25th Christmas)."""

import datetime as dt

import pytest

from grievances.clock import WITA, due_at, last_day_of, nth_working_day_after, wita_date, working_days_between

HOLIDAYS = frozenset({dt.date(2026, 12, 25), dt.date(2026, 3, 19), dt.date(2026, 3, 21), dt.date(2026, 3, 22)})
UTC = dt.timezone.utc


def wita(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WITA)


def test_friday_1600_wita_plus_one_working_day_is_due_by_the_end_of_monday():
    assert due_at(wita(2026, 12, 4, 16, 0), 1, HOLIDAYS) == wita(2026, 12, 8, 0, 0)
    assert last_day_of(wita(2026, 12, 8)) == dt.date(2026, 12, 7)


def test_a_saturday_complaint_counts_from_monday_like_a_friday_one():
    assert due_at(wita(2026, 12, 5, 10, 0), 1, HOLIDAYS) == wita(2026, 12, 8)
    assert due_at(wita(2026, 12, 6, 23, 59), 1, HOLIDAYS) == wita(2026, 12, 8)


def test_christmas_and_the_weekend_are_skipped():
    # Thursday 24 Dec: Friday 25 is Christmas, then the weekend: Monday 28 is the first working day.
    assert due_at(wita(2026, 12, 24, 9, 0), 1, HOLIDAYS) == wita(2026, 12, 29)
    # Wednesday 23 Dec + 2: Thursday 24, Monday 28.
    assert due_at(wita(2026, 12, 23, 9, 0), 2, HOLIDAYS) == wita(2026, 12, 29)


def test_nyepi_and_idul_fitri_2026():
    # Wednesday 18 March + 3: Thursday 19 (Nyepi) skipped; Friday 20, (21-22 Idul Fitri, a weekend), Monday 23,
    # Tuesday 24.
    assert nth_working_day_after(dt.date(2026, 3, 18), 3, HOLIDAYS) == dt.date(2026, 3, 24)


def test_ten_working_days_span_two_weekends():
    # Monday 7 Dec: 8, 9, 10, 11, 14, 15, 16, 17, 18, 21.
    assert due_at(wita(2026, 12, 7, 10, 0), 10, HOLIDAYS) == wita(2026, 12, 22)


def test_the_day_is_the_day_in_wita_not_in_utc():
    # Thursday 16:30 UTC is Friday 00:30 WITA: received on Friday, due by the end of Monday (not Friday).
    received = dt.datetime(2026, 12, 3, 16, 30, tzinfo=UTC)
    assert wita_date(received) == dt.date(2026, 12, 4)
    assert due_at(received, 1, HOLIDAYS) == wita(2026, 12, 8)
    # Thursday 15:59 UTC is still Thursday 23:59 WITA: due by the end of Friday.
    assert due_at(dt.datetime(2026, 12, 3, 15, 59, tzinfo=UTC), 1, HOLIDAYS) == wita(2026, 12, 5)


def test_a_deadline_is_breached_from_its_first_instant():
    due = due_at(wita(2026, 12, 4, 16, 0), 1, HOLIDAYS)
    assert wita(2026, 12, 7, 23, 59, 59) < due <= wita(2026, 12, 8, 0, 0)


def test_working_days_between_two_moments():
    assert working_days_between(wita(2026, 12, 4, 16), wita(2026, 12, 4, 17), HOLIDAYS) == 0
    assert working_days_between(wita(2026, 12, 4, 16), wita(2026, 12, 7, 9), HOLIDAYS) == 1
    assert working_days_between(wita(2026, 12, 23, 9), wita(2026, 12, 29, 9), HOLIDAYS) == 3  # 24, 28, 29


def test_a_naive_moment_or_zero_days_is_refused():
    with pytest.raises(ValueError):
        wita_date(dt.datetime(2026, 12, 4, 16))
    with pytest.raises(ValueError):
        nth_working_day_after(dt.date(2026, 12, 4), 0, HOLIDAYS)
