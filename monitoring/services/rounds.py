"""The nightly rounds (beat jobs): every handover gets its due visits, and each family whose visit falls due
soon is told its pendamping is coming. When a visit is due, overdue or missed is ``monitoring.schedule``."""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction

from recipients.models import CandidateStatus


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
