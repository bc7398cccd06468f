"""Reads of the verification app; every one starts from what the user may see."""

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.scoping import ScopedQuerySet
from recipients.models import CandidateStatus
from recipients.nik import DIGITS_16
from recipients.selectors import KkSighting, candidates_filtered
from regions.models import Kabupaten
from uep.formatting import tanggal
from verification.models import FieldVisit, RegistryRecord, Snapshot, VerificationJob, VerificationResult
from verification.reasons import Reason


def jobs_visible_to(user):
    return VerificationJob.objects.visible_to(user).select_related("programme_year", "kabupaten", "snapshot",
                                                                   "started_by")


def snapshots_ready():
    return Snapshot.objects.filter(status=Snapshot.Status.READY)


def job_results_visible_to(user, *, job: VerificationJob):
    return VerificationResult.objects.visible_to(user).filter(job=job)


class _Areas(ScopedQuerySet):
    """Kabupaten/kota rows under the project's scoping rule: a user sees their own area's."""

    def area_filter(self, kabupaten_id, *, province_id=None):
        return Q(id=kabupaten_id)

    def province_filter(self, province_id, areas):
        return Q(id__in=areas)


def job_summary(*, job: VerificationJob, user) -> list[dict]:
    """Per kabupaten/kota the user sees: candidates verified, passed, refused, and refusals per reason.

    Adds up the tallies each chunk wrote with its results: two queries, whatever the number of
    candidates (a 100,000-candidate job has 50 chunks), instead of counting its results per request.
    """
    tallies = list(job.chunks.filter(done_at__isnull=False).values_list("tally", flat=True))
    keys = {int(k) for tally in tallies for k in tally}
    areas = {k.id: k for k in _Areas(model=Kabupaten).visible_to(user).filter(id__in=keys)}
    totals = {k: {"total": 0, "passed": 0, "reasons": Counter()} for k in areas}
    for tally in tallies:
        for key, counts in tally.items():
            if int(key) in totals:
                area = totals[int(key)]
                area["total"] += counts["total"]
                area["passed"] += counts["passed"]
                area["reasons"].update(counts["reasons"])
    return [
        {"kabupaten": areas[k], "total": t["total"], "passed": t["passed"], "refused": t["total"] - t["passed"],
         "reasons": [(Reason(code).label, code, t["reasons"][code]) for code in Reason.values if t["reasons"][code]]}
        for k, t in sorted(totals.items(), key=lambda item: areas[item[0]].code)
    ]


def candidates_awaiting_field_visit(user, *, filters: dict):
    """Who passed the desk and waits for a visit, with the candidate list's filters (year, area,
    name or NIK); the longest waiting first (the desk verifies in the order of proposal)."""
    return (candidates_filtered(user=user, filters={**filters, "status": CandidateStatus.DESK_PASSED})
            .select_related("person", "kabupaten", "kecamatan", "kelurahan").order_by("id"))


def field_visits_visible_to(user):
    return FieldVisit.objects.visible_to(user).select_related("candidate__person", "officer")


def registry_kk_sightings(*, person) -> list[KkSighting]:
    """The KKs the DTKS snapshots hold for a person: one source of ``recipients.selectors.family_card_history``."""
    if not DIGITS_16.fullmatch(person.nik):
        return []
    records = RegistryRecord.objects.filter(nik=int(person.nik), refusal__isnull=True).select_related("snapshot")
    return [KkSighting(f"{r.no_kk:016d}", r.snapshot.extract_date,
                       _("DTKS %(date)s") % {"date": tanggal(r.snapshot.extract_date)})
            for r in records]
