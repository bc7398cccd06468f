"""Following the earlier programmes' recipients (WRSE, KUBE, or UEP before this app) with monitoring visits.

They were imported as ``PriorRecipient`` (``import_prior_recipients``) so that a repeat is caught at the
desk; staff may also follow them: a follow-up names the family's kabupaten/kota (its officer's scope)
and the date it received its aid, from which the rounds are counted. Their visits record the same
outcomes as a UEP visit; the cohort page shows them as their own cohorts (scheme and year), never in
UEP's survival or graduation figures (docs/monitoring.md).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from monitoring.models import REACHED, PriorFollowUp, PriorVisit
from monitoring.services.visits import visit_outcome_check
from uep.dates import not_in_future
from uep.formatting import tanggal
from verification.models import PriorRecipient


@transaction.atomic
def prior_follow_up_start(*, user, kabupaten, nik: str, scheme: str, year: int, name: str,
                          received_on: dt.date) -> PriorFollowUp:
    """Start following an imported earlier recipient in ``kabupaten`` (the user's own area, or any for
    provincial staff). The recipient must be on the imported list; it is followed once."""
    require_area(user, kabupaten.id)
    prior = PriorRecipient.objects.filter(nik=nik.strip(), scheme=scheme, year=year).first()
    if prior is None:
        raise ValidationError(_("NIK ini tidak ada di daftar penerima %(scheme)s tahun %(year)s yang sudah diimpor.")
                              % {"scheme": scheme, "year": year})
    existing = PriorFollowUp.objects.filter(prior_recipient=prior).select_related("kabupaten").first()
    if existing is not None:
        raise ValidationError(_("Penerima ini sudah diikuti di %(area)s.") % {"area": existing.kabupaten.name})
    not_in_future(received_on, label=_("Tanggal menerima bantuan"))
    if received_on.year != year:
        raise ValidationError(_("Tanggal menerima bantuan harus di tahun %(year)s.") % {"year": year})
    name = name.strip()
    if not name:
        raise ValidationError(_("Isi nama penerima."))
    return PriorFollowUp.objects.create(prior_recipient=prior, kabupaten=kabupaten, name=name[:150],
                                        received_on=received_on, created_by=user)


@transaction.atomic
def prior_visit_record(*, follow_up: PriorFollowUp, user, months: int, visited_on: dt.date, outcome: str,
                       monthly_revenue: int | None = None, reason: str = "", notes: str = "") -> PriorVisit:
    """What the visit of round ``months`` found, by the UEP visit's rules; sent again, it corrects it."""
    require_area(user, follow_up.kabupaten_id)
    if months < 1:
        raise ValidationError(_("Putaran minimal 1 bulan setelah menerima bantuan."))
    not_in_future(visited_on, label=_("Tanggal kunjungan"))
    if visited_on < follow_up.received_on:
        raise ValidationError(_("Tanggal kunjungan sebelum tanggal menerima bantuan (%(date)s).")
                              % {"date": tanggal(follow_up.received_on)})
    reason = visit_outcome_check(outcome=outcome, reason=reason, monthly_revenue=monthly_revenue)
    if outcome not in REACHED:
        monthly_revenue = None  # nobody was met: nothing to measure
    visit, _created = PriorVisit.objects.update_or_create(follow_up=follow_up, months=months, defaults={
        "visited_on": visited_on, "outcome": outcome, "monthly_revenue": monthly_revenue, "reason": reason,
        "notes": notes, "recorded_by": user})
    return visit
