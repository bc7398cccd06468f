"""The monthly table of complaints per kabupaten/kota: one GROUP BY over the complaints received in the month.

Counted over the complaints *received* in the month (so a row never changes its denominator later):
- received;
- acknowledged in time: answered before its acknowledge deadline (1 working day);
- resolved in time: closed (resolved, or rejected with its reason) before its resolve deadline;
- escalated: moved up at least once;
- median days to resolve: calendar days from receipt to closing, over those closed so far.
The scope is the user's: provincial staff see every area, an officer only their own, and the sensitive
categories count only for the designated officer (``Grievance.objects.visible_to``).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Aggregate, Count, Exists, F, FloatField, Func, OuterRef, Q

from grievances.clock import WITA
from grievances.models import CLOSED_STATUSES, Escalation, Grievance
from regions.models import Kabupaten
from regions.selectors import kabupaten_visible_to
from uep.xlsx import Percent


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _days(expression) -> Func:
    return Func(expression, template="(EXTRACT(EPOCH FROM %(expressions)s) / 86400.0)", output_field=FloatField())


@dataclass
class MonthRow:
    kabupaten: Kabupaten | None  # None: the total
    received: int = 0
    acknowledged_in_time: int = 0
    resolved_in_time: int = 0
    escalated: int = 0
    median_days: float | None = None

    def _share(self, part: int) -> Percent | None:
        return Percent(part / self.received) if self.received else None

    @property
    def acknowledged_share(self) -> Percent | None:
        return self._share(self.acknowledged_in_time)

    @property
    def resolved_share(self) -> Percent | None:
        return self._share(self.resolved_in_time)


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The month in WITA, as [start, end)."""
    start = dt.datetime(year, month, 1, tzinfo=WITA)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=WITA)
    return start, end


def monthly_table(*, user, year: int, month: int) -> tuple[list[MonthRow], MonthRow]:
    """One row per kabupaten/kota the user sees (every one, even with nothing received), and the total."""
    start, end = month_bounds(year, month)
    received = (Grievance.objects.visible_to(user).filter(received_at__gte=start, received_at__lt=end)
                .annotate(was_escalated=Exists(Escalation.objects.filter(grievance=OuterRef("pk")))))
    per_area = {r["kabupaten_id"]: r for r in received.values("kabupaten_id").annotate(**_figures_expressions())}
    areas = kabupaten_visible_to(user).order_by("code")
    rows = []
    for area in areas:
        figures = per_area.get(area.id, {})
        rows.append(MonthRow(kabupaten=area, **{k: figures.get(k, MonthRow.__dataclass_fields__[k].default)
                                                for k in FIELDS}))
    total = MonthRow(kabupaten=None, **received.aggregate(**_figures_expressions()))
    return rows, total


FIELDS = ("received", "acknowledged_in_time", "resolved_in_time", "escalated", "median_days")


def _figures_expressions() -> dict:
    return {
        "received": Count("id"),
        "acknowledged_in_time": Count("id", filter=Q(acknowledged_at__lt=F("acknowledge_due_at"))),
        "resolved_in_time": Count("id", filter=Q(status__in=CLOSED_STATUSES, closed_at__lt=F("resolve_due_at"))),
        "escalated": Count("id", filter=Q(was_escalated=True)),
        "median_days": Median(_days(F("closed_at") - F("received_at")), filter=Q(closed_at__isnull=False)),
    }


HEADERS = ("Kabupaten/Kota", "Diterima", "Ditanggapi tepat waktu", "% ditanggapi tepat waktu", "Selesai tepat waktu",
           "% selesai tepat waktu", "Dieskalasi", "Median hari sampai selesai")


def monthly_sheet_rows(rows: list[MonthRow], total: MonthRow):
    """The table as the XLSX holds it: counts as numbers, shares as numbers formatted as percent."""
    for row in [*rows, total]:
        yield ((row.kabupaten.name if row.kabupaten else "Jumlah"), row.received, row.acknowledged_in_time,
               row.acknowledged_share, row.resolved_in_time, row.resolved_share, row.escalated,
               None if row.median_days is None else round(row.median_days, 1))
