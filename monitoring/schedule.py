"""The rounds: which visits are due, and when a due visit is overdue, then missed.

A handed-over family has one visit per round of its programme year, due ``months`` after its
handover. Not yet done, the visit is upcoming until its date, due for ``MONITORING_OVERDUE_DAYS``,
overdue until ``MONITORING_MISSED_DAYS``, then missed: the family was not reached in that round,
and survival counts it as attrition, never drops it. The rule exists as a Django expression (lists)
and as an SQL fragment (survival); ``test_schedule`` checks both against ``visit_state``.
"""

import datetime as dt

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recipients.models import CandidateStatus


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


@transaction.atomic
def rounds_schedule() -> int:
    """Give every programme year with a handover its rounds, and every handover its due visits.

    A year that has rounds keeps them (staff may have changed them in the admin); a year without
    gets ``MONITORING_ROUND_MONTHS``. Two statements, whatever the number of handovers; running it
    again creates nothing. Returns the number of visits created.
    """
    from disbursements.models import Handover
    from monitoring.models import Round, Visit
    from recipients.models import Candidate

    tables = {"handover": Handover._meta.db_table, "candidate": Candidate._meta.db_table,
              "round": Round._meta.db_table, "visit": Visit._meta.db_table}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {tables['round']} (programme_year_id, months)
            SELECT DISTINCT c.programme_year_id, m.months
            FROM {tables['handover']} h JOIN {tables['candidate']} c ON c.id = h.candidate_id
            CROSS JOIN unnest(%s::int[]) AS m(months)
            WHERE h.outcome = %s AND NOT EXISTS (SELECT 1 FROM {tables['round']} r WHERE r.programme_year_id = c.programme_year_id)
            ON CONFLICT DO NOTHING
            """, [list(settings.MONITORING_ROUND_MONTHS), Handover.Outcome.RECEIVED.value])
        cursor.execute(
            f"""
            INSERT INTO {tables['visit']} (candidate_id, round_id, due_on, outcome, reason, notes, photo)
            SELECT c.id, r.id, (h.date + make_interval(months => r.months))::date, '', '', '', ''
            FROM {tables['handover']} h
            JOIN {tables['candidate']} c ON c.id = h.candidate_id AND c.status = %s
            JOIN {tables['round']} r ON r.programme_year_id = c.programme_year_id
            WHERE h.outcome = %s AND h.date IS NOT NULL
            ON CONFLICT (candidate_id, round_id) DO NOTHING
            """, [CandidateStatus.HANDED_OVER.value, Handover.Outcome.RECEIVED.value])
        return cursor.rowcount


@transaction.atomic
def visit_notices_write(*, today: dt.date) -> int:
    """Tell each family whose visit falls due within ``MONITORING_NOTICE_DAYS`` that its pendamping is coming:
    one notice per (round, family), written once; the daily beat job runs it. A statement per round and area."""
    from monitoring.models import Visit
    from notices import texts
    from notices.models import Kind
    from notices.services.outbox import notices_for_candidates
    from recipients.models import Candidate
    from regions.models import Kabupaten

    due = Visit.objects.filter(visited_on__isnull=True, round__isnull=False, due_on__gte=today,
                               due_on__lte=today + dt.timedelta(days=settings.MONITORING_NOTICE_DAYS),
                               candidate__status=CandidateStatus.HANDED_OVER)
    written = 0
    for round_id, kabupaten_id in due.values_list("round_id", "candidate__kabupaten_id").distinct():
        area = Kabupaten.objects.get(pk=kabupaten_id)
        families = Candidate.objects.filter(kabupaten_id=kabupaten_id, pk__in=due.filter(round_id=round_id)
                                            .values("candidate_id"))
        written += notices_for_candidates(kind=Kind.VISIT_DUE, event=f"r{round_id}", candidates=families,
                                          text=texts.render(Kind.VISIT_DUE, area=area.name))
    return written
