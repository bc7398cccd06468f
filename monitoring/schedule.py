"""The rounds: which visits are due, and when a due visit is overdue, then missed.

A handed-over family has one visit per round of its programme year, due ``months`` after its
handover. Not yet done, the visit is upcoming until its date, due for ``MONITORING_OVERDUE_DAYS``,
overdue until ``MONITORING_MISSED_DAYS``, then missed: the family was not reached in that round,
and survival counts it as attrition, never drops it. The rule exists as a Django expression (lists)
and as an SQL fragment (survival); ``test_schedule`` checks both against ``visit_state``. The nightly
writes that follow from it (the rounds and their due visits, the families told a visit is coming) are in
``monitoring.services.rounds``.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VisitState(models.TextChoices):
    UPCOMING = "belum", _("Belum jatuh tempo")
    DUE = "jatuh_tempo", _("Jatuh tempo")
    OVERDUE = "terlambat", _("Terlambat")
    MISSED = "terlewat", _("Terlewat")
    DONE = "selesai", _("Selesai")


# On the pendamping's list: to be visited now.
OPEN = (VisitState.DUE, VisitState.OVERDUE)
# Not done yet but still expected: survival censors these families at that round.
PENDING = (VisitState.UPCOMING, VisitState.DUE, VisitState.OVERDUE)


def _limits(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last due dates that are still 'due', and still 'overdue', today."""
    return (today - dt.timedelta(days=settings.MONITORING_OVERDUE_DAYS),
            today - dt.timedelta(days=settings.MONITORING_MISSED_DAYS))


def visit_state(*, visited_on: dt.date | None, due_on: dt.date, today: dt.date) -> VisitState:
    if visited_on is not None:
        return VisitState.DONE
    overdue_from, missed_from = _limits(today)
    if due_on > today:
        return VisitState.UPCOMING
    if due_on > overdue_from:
        return VisitState.DUE
    if due_on > missed_from:
        return VisitState.OVERDUE
    return VisitState.MISSED


def state_expression(today: dt.date) -> Case:
    """``visit_state`` for a Visit queryset."""
    overdue_from, missed_from = _limits(today)
    return Case(
        When(visited_on__isnull=False, then=Value(VisitState.DONE.value)),
        When(due_on__gt=today, then=Value(VisitState.UPCOMING.value)),
        When(due_on__gt=overdue_from, then=Value(VisitState.DUE.value)),
        When(due_on__gt=missed_from, then=Value(VisitState.OVERDUE.value)),
        default=Value(VisitState.MISSED.value),
    )


def state_sql(*, visited_on: str, due_on: str, today: dt.date) -> tuple[str, list]:
    """``visit_state`` as an SQL CASE over two column expressions, with its parameters."""
    overdue_from, missed_from = _limits(today)
    sql = (f"CASE WHEN {visited_on} IS NOT NULL THEN %s WHEN {due_on} > %s THEN %s "
           f"WHEN {due_on} > %s THEN %s WHEN {due_on} > %s THEN %s ELSE %s END")
    return sql, [VisitState.DONE.value, today, VisitState.UPCOMING.value, overdue_from, VisitState.DUE.value,
                 missed_from, VisitState.OVERDUE.value, VisitState.MISSED.value]


def wita_today() -> dt.date:
    return timezone.localdate()
