"""After the handover: the baseline, pendamping assignments and the visits of each round."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from disbursements.models import Handover, HandoverLine
from monitoring.services.cohorts import cohort_rounds_refresh, family_times_refresh
from monitoring.models import (REACHED, STILL_RUNNING, USE_NEEDS_REASON, Assignment, Baseline, Facilitator, ItemUse,
                               Outcome, Visit, VisitItem)
from recipients.lifecycle import FOLLOW_UP
from recipients.models import Candidate, CandidateEvent, CandidateStatus
from uep.dates import not_in_future
from uep.locks import lock_facilitator
from uep.formatting import rupiah, tanggal
from uep.uploads import file_delete_on_commit


def _handover_date(candidate: Candidate) -> dt.date:
    date = (Handover.objects.filter(candidate=candidate, outcome=Handover.Outcome.RECEIVED)
            .values_list("date", flat=True).first())
    if candidate.status != CandidateStatus.HANDED_OVER or date is None:
        raise ValidationError(_("Monitoring hanya untuk penerima yang paketnya sudah diserahkan."))
    return date


def rounds_first_handover(programme_year_id: int) -> dt.date | None:
    """The year's first received handover: from then on its rounds are the schedule families are
    visited by, so they no longer change."""
    return (Handover.objects.filter(candidate__programme_year_id=programme_year_id, outcome=Handover.Outcome.RECEIVED)
            .order_by("date").values_list("date", flat=True).first())


def round_change_check(*, programme_year_id: int) -> None:
    """A year's rounds are added, changed or removed only before its first handover."""
    first = rounds_first_handover(programme_year_id)
    if first is not None:
        raise ValidationError(_("Putaran monitoring UEP %(year)s tidak dapat diubah lagi: serah terima pertama "
                                "tahun itu tercatat %(date)s, dan jadwal kunjungan keluarga mengikuti putarannya.")
                              % {"year": programme_year_id, "date": tanggal(first)})


@transaction.atomic
def baseline_record(*, candidate: Candidate, user, recorded_on: dt.date, state: str, monthly_revenue: int,
                    assets: int, workers: int) -> Baseline:
    """The business at the handover (recorded once, corrected if needed): what every visit is compared with."""
    require_area(user, candidate.kabupaten_id)
    not_in_future(recorded_on, label=_("Tanggal data awal"))
    if candidate.status not in FOLLOW_UP:
        raise ValidationError(_("Data awal usaha hanya untuk penerima yang sudah ditetapkan."))
    baseline, _created = Baseline.objects.update_or_create(candidate=candidate, defaults={
        "recorded_on": recorded_on, "state": state, "monthly_revenue": monthly_revenue, "assets": assets,
        "workers": workers, "recorded_by": user})
    return baseline


@transaction.atomic
def facilitator_create(*, kabupaten, user, name: str, phone: str = "") -> Facilitator:
    """A new pendamping of the kabupaten/kota, added by its officer or provincial staff."""
    require_area(user, kabupaten.id)
    return Facilitator.objects.create(kabupaten=kabupaten, name=name, phone=phone)


def facilitator_assign(*, facilitator: Facilitator, candidates, user) -> int:
    """Give families of the pendamping's kabupaten/kota to them, within the year's limit per pendamping.

    All the families are of one programme year; a family given to another pendamping moves to this one.
    """
    require_area(user, facilitator.kabupaten_id)
    ids = sorted({c if isinstance(c, int) else c.id for c in candidates})
    if not ids:
        raise ValidationError(_("Pilih minimal satu penerima."))
    if not facilitator.is_active:
        raise ValidationError(_("Pendamping %(name)s tidak aktif.") % {"name": facilitator.name})
    lock_facilitator(facilitator_id=facilitator.id)
    chosen = list(Candidate.objects.filter(id__in=ids, kabupaten_id=facilitator.kabupaten_id, status__in=FOLLOW_UP)
                  .select_related("programme_year"))
    if len(chosen) != len(ids):
        raise ValidationError(_("Hanya penerima yang sudah ditetapkan di %(area)s yang dapat didampingi pendamping "
                                "ini.") % {"area": facilitator.kabupaten.name})
    years = {c.programme_year for c in chosen}
    if len(years) != 1:
        raise ValidationError(_("Pilih penerima dari satu tahun program saja."))
    programme_year = years.pop()
    already = (Assignment.objects.filter(facilitator=facilitator, candidate__programme_year=programme_year)
               .exclude(candidate_id__in=ids).count())
    limit = programme_year.recipients_per_facilitator
    if already + len(ids) > limit:
        raise ValidationError(
            _("Satu pendamping mendampingi paling banyak %(limit)s penerima pada tahun %(year)s. %(name)s sudah "
              "mendampingi %(already)s; yang dipilih %(n)s, jadi %(over)s terlalu banyak.")
            % {"limit": limit, "year": programme_year.year, "name": facilitator.name, "already": already,
               "n": len(ids), "over": already + len(ids) - limit})
    for candidate in chosen:
        Assignment.objects.update_or_create(candidate=candidate,
                                            defaults={"facilitator": facilitator, "assigned_by": user})
    # Due visits not yet done follow the family to its new pendamping.
    Visit.objects.filter(candidate_id__in=ids, visited_on__isnull=True).update(facilitator=facilitator)
    return len(ids)


def _visit_message(visit: Visit) -> str:
    where = _("putaran %(round)s") % {"round": visit.round} if visit.round_id else _("di luar putaran")
    message = _("Kunjungan monitoring (%(where)s) tanggal %(date)s: %(outcome)s.") % {
        "where": where, "date": tanggal(visit.visited_on), "outcome": visit.get_outcome_display()}
    if visit.monthly_revenue is not None:
        message += " " + _("Omzet %(amount)s per bulan.") % {"amount": rupiah(visit.monthly_revenue)}
    if visit.reason:
        message += " " + _("Alasan: %(reason)s") % {"reason": visit.reason}
    return message


def visit_outcome_check(*, outcome: str, reason: str, monthly_revenue: int | None) -> str:
    """What a visit found must be complete: a closed business has its reason, a running one its
    omzet (0 allowed). The rule of every visit, UEP's and an earlier programme's; returns the reason."""
    if outcome not in Outcome.values:
        raise ValidationError(_("Pilih hasil kunjungan."))
    reason = reason.strip()
    if outcome == Outcome.CLOSED and not reason:
        raise ValidationError(_("Tuliskan alasan usaha tutup."))
    if outcome in STILL_RUNNING and monthly_revenue is None:
        raise ValidationError(_("Isi omzet per bulan (boleh 0) untuk usaha yang masih berjalan."))
    return reason


@transaction.atomic
def visit_record(*, visit: Visit, user, visited_on: dt.date, outcome: str, monthly_revenue: int | None = None,
                 assets: int | None = None, workers: int | None = None, reason: str = "", notes: str = "",
                 photo=None, latitude: Decimal | None = None, longitude: Decimal | None = None,
                 items: dict[int, tuple[str, str]] | None = None) -> Visit:
    """Record what a visit found; the visit appears on the case's timeline.

    Sending the same visit again (a phone that resends after a dropped connection) corrects it.
    ``items``: for each line of the BAST (``HandoverLine`` id), (use, reason) of that item.
    """
    visit = Visit.objects.select_for_update(of=("self",)).select_related("candidate", "round").get(pk=visit.pk)
    candidate = visit.candidate
    require_area(user, candidate.kabupaten_id)
    handed_on = _handover_date(candidate)
    not_in_future(visited_on, label=_("Tanggal kunjungan"))
    if visited_on < handed_on:
        raise ValidationError(_("Tanggal kunjungan sebelum tanggal serah terima (%(date)s).")
                              % {"date": tanggal(handed_on)})
    reason = visit_outcome_check(outcome=outcome, reason=reason, monthly_revenue=monthly_revenue)
    if outcome not in REACHED:
        # Nobody was met: there is nothing to measure.
        monthly_revenue = assets = workers = None
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Lokasi GPS tidak lengkap."))
    visit.visited_on, visit.outcome, visit.reason, visit.notes = visited_on, outcome, reason, notes
    visit.monthly_revenue, visit.assets, visit.workers = monthly_revenue, assets, workers
    visit.latitude, visit.longitude = latitude, longitude
    first_time = visit.recorded_at is None
    visit.recorded_by, visit.recorded_at = user, timezone.now()
    visit.facilitator = visit.facilitator or getattr(user, "facilitator", None)
    visit.save()
    _items_record(visit=visit, items=items or {}, outcome=outcome)
    if photo:  # written only once every check passed; a resent visit's former photo goes on commit
        file_delete_on_commit(visit.photo)
        visit.photo = photo
        visit.save(update_fields=["photo"])
    CandidateEvent.objects.create(
        candidate=candidate, user=user, message=_visit_message(visit) if first_time
        else _("Koreksi: ") + _visit_message(visit), data={"monitoring_visit": visit.id})
    # The survival and cohort pages' figures of this family, year and area, in this transaction
    # (monitoring/services/cohorts.py).
    family_times_refresh(candidate_id=candidate.id)
    cohort_rounds_refresh(programme_year_id=candidate.programme_year_id, kabupaten_id=candidate.kabupaten_id)
    return visit


def _items_record(*, visit: Visit, items: dict[int, tuple[str, str]], outcome: str) -> None:
    """What became of each item of the BAST. Met the family (the business open or closed): every
    item is answered; a sold or lost item says why. Not met: nothing is known of the goods."""
    VisitItem.objects.filter(visit=visit).delete()
    if outcome not in REACHED:
        return
    lines = {line.id: line for line in HandoverLine.objects.filter(handover__candidate_id=visit.candidate_id)
             .select_related("item")}
    if set(items) - set(lines):
        raise ValidationError(_("Barang yang dipilih bukan barang dalam BAST penerima ini."))
    rows = []
    for line_id, line in lines.items():
        use, reason = items.get(line_id, ("", ""))
        if use not in ItemUse.values:
            raise ValidationError(_("Pilih keadaan %(item)s.") % {"item": line.item.name})
        if use in USE_NEEDS_REASON and not reason.strip():
            raise ValidationError(_("Tuliskan alasan %(item)s %(use)s.")
                                  % {"item": line.item.name, "use": ItemUse(use).label.lower()})
        rows.append(VisitItem(visit=visit, line=line, use=use, reason=reason.strip()))
    VisitItem.objects.bulk_create(rows)
