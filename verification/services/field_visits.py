"""Field verification (verifikasi lapangan): the officer's visit moves the case on."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from recipients.lifecycle import FIELD_VERIFIABLE, candidates_move
from recipients.models import Candidate, CandidateStatus
from verification.models import FieldVisit, FieldVisitPhoto, Verdict
from uep.dates import not_in_future
from uep.formatting import tanggal


@transaction.atomic
def field_visit_record(*, candidate: Candidate, user, visited_on: dt.date, business_exists: bool,
                       matches_proposal: bool, household_condition: str, verdict: str, notes: str = "",
                       photos=()) -> FieldVisit:
    """Record a visit by the officer of the area (or provincial staff) and move the case on."""
    require_area(user, candidate.kabupaten_id)
    candidate = Candidate.objects.select_for_update().get(id=candidate.id)
    if candidate.status not in FIELD_VERIFIABLE:
        raise ValidationError(_("Calon ini belum lolos verifikasi DTKS, belum dapat diverifikasi lapangan."))
    not_in_future(visited_on, label=_("Tanggal kunjungan"))
    visit = FieldVisit.objects.create(
        candidate=candidate, visited_on=visited_on, business_exists=business_exists,
        matches_proposal=matches_proposal, household_condition=household_condition, verdict=verdict,
        notes=notes, officer=user,
    )
    eligible = verdict == Verdict.ELIGIBLE
    candidates_move(
        candidates=[candidate],
        to=CandidateStatus.FIELD_ELIGIBLE if eligible else CandidateStatus.FIELD_INELIGIBLE,
        user=user,
        message=(_("Verifikasi lapangan %(date)s: layak.") if eligible
                 else _("Verifikasi lapangan %(date)s: tidak layak.")) % {"date": tanggal(visited_on)},
        data={"field_visit": visit.id, "verdict": verdict},
    )
    for photo in photos:  # written last: a refused move leaves no photo behind
        FieldVisitPhoto.objects.create(visit=visit, image=photo)
    return visit
