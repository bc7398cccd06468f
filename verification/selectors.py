"""Reads of the verification app; every one starts from what the user may see."""

from collections import defaultdict

from django.db import connection

from recipients.models import Candidate, CandidateStatus
from regions.models import Kabupaten
from verification.models import FieldVisit, Snapshot, VerificationJob, VerificationResult
from verification.reasons import Reason


def jobs_visible_to(user):
    return VerificationJob.objects.visible_to(user).select_related("programme_year", "kabupaten", "snapshot",
                                                                   "started_by")


def snapshots_ready():
    return Snapshot.objects.filter(status=Snapshot.Status.READY)


def job_results_visible_to(user, *, job: VerificationJob):
    return VerificationResult.objects.visible_to(user).filter(job=job)


def job_summary(*, job: VerificationJob, user) -> list[dict]:
    """Per kabupaten/kota the user sees: candidates verified, passed, refused, and refusals per reason.

    Two grouped queries, whatever the number of candidates.
    """
    results = job_results_visible_to(user, job=job)
    ids = list(results.values_list("id", flat=True)[:1])
    if not ids:
        return []
    base_sql, params = results.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT c.kabupaten_id, count(*), count(*) FILTER (WHERE r.passed)
            FROM verification_verificationresult r JOIN recipients_candidate c ON c.id = r.candidate_id
            WHERE r.id IN ({base_sql}) GROUP BY c.kabupaten_id
        """, params)
        totals = {k: (n, p) for k, n, p in cursor.fetchall()}
        cursor.execute(f"""
            SELECT c.kabupaten_id, reason, count(*)
            FROM verification_verificationresult r JOIN recipients_candidate c ON c.id = r.candidate_id,
                 unnest(r.reasons) AS reason
            WHERE r.id IN ({base_sql}) GROUP BY c.kabupaten_id, reason
        """, params)
        reasons = defaultdict(dict)
        for kabupaten_id, reason, count in cursor.fetchall():
            reasons[kabupaten_id][reason] = count
    areas = {k.id: k for k in Kabupaten.objects.filter(id__in=totals)}
    return [
        {"kabupaten": areas[k], "total": n, "passed": p, "refused": n - p,
         "reasons": [(Reason(code).label, code, reasons[k].get(code, 0)) for code in Reason.values
                     if reasons[k].get(code)]}
        for k, (n, p) in sorted(totals.items(), key=lambda item: areas[item[0]].code)
    ]


def candidates_awaiting_field_visit(user):
    return (Candidate.objects.visible_to(user).filter(status=CandidateStatus.DESK_PASSED)
            .select_related("person", "kabupaten", "kecamatan", "kelurahan").order_by("kabupaten", "person__name"))


def field_visits_visible_to(user):
    return FieldVisit.objects.visible_to(user).select_related("candidate__person", "officer")
