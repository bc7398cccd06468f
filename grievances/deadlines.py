"""The complaints' deadlines: the days per category (each province's, set by its staff), the national holiday
table, and the due moments of one complaint. The arithmetic is in ``grievances.clock``; this module only reads
the tables, which ``grievances.services.calendar`` writes."""

import datetime as dt

from grievances import clock
from grievances.models import Category, CategoryDeadline, Holiday

# Every complaint is acknowledged within one working day (the World Bank asks two; we promise one).
ACKNOWLEDGE_WORKING_DAYS = 1
# When a category has no row yet. Harassment and personal data are urgent (a data breach has the law's
# 3 x 24 hours); selection needs a field visit and a look at DTKS.
DEFAULT_RESOLVE_WORKING_DAYS = {
    Category.SELECTION: 14, Category.GOODS: 10, Category.TRAINING: 10, Category.CONDUCT: 10,
    Category.PUNGLI: 10, Category.FRAUD: 14, Category.HARASSMENT: 5, Category.PERSONAL_DATA: 3,
}
# The next holder of an escalated complaint has at least this many working days from the escalation.
ESCALATED_WORKING_DAYS = 3
MAX_RESOLVE_WORKING_DAYS = 60


def holidays_between(first: dt.date, last: dt.date) -> frozenset[dt.date]:
    return frozenset(Holiday.objects.filter(date__gte=first, date__lte=last).values_list("date", flat=True))


def holidays_from(start: dt.datetime) -> frozenset[dt.date]:
    """Every holiday a deadline starting at ``start`` can cross (60 working days fit in half a year)."""
    first = clock.wita_date(start)
    return holidays_between(first, first + dt.timedelta(days=200))


def resolve_working_days(*, province_id: int | None = None, kabupaten_id: int | None = None) -> dict[str, int]:
    """The days of every category in one province (named, or the one of ``kabupaten_id``): its table's, else
    the default."""
    if (province_id is None) == (kabupaten_id is None):
        raise TypeError("resolve_working_days: give province_id or kabupaten_id")
    rows = (CategoryDeadline.objects.filter(province_id=province_id) if province_id is not None
            else CategoryDeadline.objects.filter(province__kabupaten_set__id=kabupaten_id))  # one query, no lookup
    days = {category: DEFAULT_RESOLVE_WORKING_DAYS[category] for category in Category.values}
    days.update(rows.values_list("category", "resolve_working_days"))
    return days


def due_moments(*, category: str, received: dt.datetime, kabupaten_id: int) -> tuple[dt.datetime, dt.datetime]:
    """(acknowledge by, resolve by) of a complaint of ``category`` about ``kabupaten_id``, received at
    ``received``: its province's days."""
    holidays = holidays_from(received)
    days = resolve_working_days(kabupaten_id=kabupaten_id)[category]
    return (clock.due_at(received, ACKNOWLEDGE_WORKING_DAYS, holidays), clock.due_at(received, days, holidays))


def escalated_floor(now: dt.datetime) -> dt.datetime:
    """The earliest deadline of a complaint escalated at ``now``: ESCALATED_WORKING_DAYS from then."""
    return clock.due_at(now, ESCALATED_WORKING_DAYS, holidays_from(now))


def escalated_due(*, floor: dt.datetime, resolve_due_at: dt.datetime | None) -> dt.datetime:
    """The new holder answers for the complaint's own deadline, or at least until ``floor``, whichever is later."""
    return max(floor, resolve_due_at) if resolve_due_at else floor
