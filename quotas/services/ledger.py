"""Writes on programme years, budget documents and the quota ledger (entries and spreads).

Never over the budget: every quota write locks the programme year row, so the budget check sees
every other quota write of the year, then takes the advisory lock of each area it changes (in code
order) and counts inside it. The decision (``quotas.services.decision``) takes the area locks but
never the year's, so the order is always year, then areas by code, and no two writers wait on each
other in a circle.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy as _lazy

from accounts.permissions import require_area, require_national_rules, require_provincial
from approvals.models import Approval
from approvals.registry import Act, register
from approvals.services import approval_propose
from programmes.models import ProgrammeYear
from quotas import selectors
from quotas.models import BudgetDocument, QuotaEntry
from regions.models import Kabupaten, Province
from regions.selectors import province_kabupaten_ids
from uep.locks import lock_quota_area
from uep.formatting import angka, rupiah


def _lock_year(programme_year: ProgrammeYear) -> ProgrammeYear:
    # NO KEY UPDATE: serialises quota writes of the year, yet lets a decision's commit take the
    # KEY SHARE its (deferred) foreign-key checks need; plain FOR UPDATE deadlocks with them.
    return ProgrammeYear.objects.select_for_update(no_key=True).get(pk=programme_year.pk)


# --- Programme years and budget documents --------------------------------------------------

PROGRAMME_YEAR_FIELDS = ("value_per_recipient", "desil_max", "age_min", "age_max", "training_required",
                         "recipients_per_facilitator", "is_open")


def programme_year_rules_check(*, programme_year: ProgrammeYear | None, **rules) -> None:
    """Would these rules be valid for the year (a new one when ``programme_year`` is None)? Sane limits,
    and for an existing year all its places x the value per recipient still within its money.
    Nothing is written: the admin form asks this before saving; the services check the same under the lock."""
    current = {f: getattr(programme_year, f) for f in PROGRAMME_YEAR_FIELDS} if programme_year else {}
    py = ProgrammeYear(year=getattr(programme_year, "year", None),
                       **{**current, **{k: v for k, v in rules.items() if k in PROGRAMME_YEAR_FIELDS}})
    _validate_year_rules(py)
    if programme_year is not None and programme_year.pk:
        for province in Province.objects.all():  # the year's rules hold for every province's money
            check = budget_check(programme_year=py, province=province)
            if not check.ok:
                raise ValidationError(check.message)


def _validate_year_rules(py: ProgrammeYear) -> None:
    if py.age_min > py.age_max:
        raise ValidationError(_("Usia minimal (%(min)s) lebih tinggi dari usia maksimal (%(max)s).")
                              % {"min": py.age_min, "max": py.age_max})
    if not 1 <= py.desil_max <= 10:
        raise ValidationError(_("Desil tertinggi harus antara 1 dan 10."))
    if py.value_per_recipient <= 0:
        raise ValidationError(_("Nilai per penerima harus lebih dari nol."))


@transaction.atomic
def programme_year_create(*, year: int, user, **rules) -> ProgrammeYear:
    """A year and its rules: one national programme, so the national rule decides who (``require_national_rules``)."""
    require_national_rules(user)
    if ProgrammeYear.objects.filter(year=year).exists():
        raise ValidationError(_("Tahun program %(year)s sudah ada.") % {"year": year})
    py = ProgrammeYear(year=year, **{k: v for k, v in rules.items() if k in PROGRAMME_YEAR_FIELDS})
    _validate_year_rules(py)
    py.save()
    return py


@transaction.atomic
def programme_year_update(*, programme_year: ProgrammeYear, user, **rules) -> ProgrammeYear:
    require_national_rules(user)
    py = _lock_year(programme_year)
    for name, value in rules.items():
        if name in PROGRAMME_YEAR_FIELDS:
            setattr(py, name, value)
    _validate_year_rules(py)
    py.save()
    for province in Province.objects.all():  # a higher value per recipient may no longer fit a province's money
        _enforce_budget(programme_year=py, province=province)
    return py


@transaction.atomic
def budget_document_save(*, programme_year: ProgrammeYear, user, kind: str, number: str, date: dt.date, amount: int,
                         document: BudgetDocument | None = None) -> BudgetDocument:
    """Create or change a budget document of the user's province; a lower amount must still cover the places."""
    require_provincial(user)
    province = document.province if document is not None else user.province
    if province is None or (document is not None and not user.sees_all_provinces
                            and document.province_id != user.province_id):
        raise ValidationError(_("Dokumen anggaran milik satu provinsi: pengguna ini tidak punya provinsi."))
    py = _lock_year(programme_year)
    number = (number or "").strip()
    if not number:
        raise ValidationError(_("Nomor dokumen wajib diisi."))
    if amount is None or amount <= 0:
        raise ValidationError(_("Pagu harus lebih dari nol."))
    if kind not in BudgetDocument.Kind.values:
        raise ValidationError(_("Jenis dokumen tidak dikenal."))
    if kind == BudgetDocument.Kind.PLAN and BudgetDocument.objects.filter(
            programme_year=py, province=province, kind=kind).exclude(pk=getattr(document, "pk", None)).exists():
        raise ValidationError(_("Tahun %(year)s sudah punya dokumen APBD Murni; perubahan dicatat sebagai "
                                "APBD Perubahan.") % {"year": py.year})
    if BudgetDocument.objects.filter(programme_year=py, province=province, number=number).exclude(
            pk=getattr(document, "pk", None)).exists():
        raise ValidationError(_("Nomor dokumen %(number)s sudah dipakai pada tahun %(year)s.")
                              % {"number": number, "year": py.year})
    document = document or BudgetDocument(programme_year=py, province=province)
    if document.programme_year_id != py.pk:
        raise ValidationError(_("Dokumen ini milik tahun lain."))
    document.kind, document.number, document.date, document.amount = kind, number, date, amount
    document.save()
    _enforce_budget(programme_year=py, province=province)
    return document


# --- The budget check -----------------------------------------------------------------------

@dataclass
class BudgetCheck:
    """The rule, per province: all its places of the year x value per recipient <= the sum of its budget
    documents of the year.

    The plan and each revision add money to one pot; the places of the whole year must fit in it.
    2025: 1.680 x Rp 5.000.000 = Rp 8.400.000.000 <= Rp 7.500.000.000 + Rp 1.000.000.000.
    """

    year: int
    places: int
    value_per_recipient: int
    available: int
    held: int = 0  # places that entries and spreads waiting for a checker would add: their money is kept

    @property
    def needed(self) -> int:
        return (self.places + self.held) * self.value_per_recipient

    @property
    def ok(self) -> bool:
        return self.needed <= self.available

    @property
    def spare(self) -> int:
        return self.available - self.needed

    @property
    def message(self) -> str:
        numbers = {"places": angka(self.places + self.held), "value": rupiah(self.value_per_recipient),
                   "needed": rupiah(self.needed), "available": rupiah(self.available), "year": self.year,
                   "held": angka(self.held)}
        if self.held:
            if self.ok:
                return _("Anggaran cukup: %(places)s tempat (%(held)s di antaranya dalam usulan yang menunggu "
                         "persetujuan) × %(value)s = %(needed)s, pagu tahun %(year)s %(available)s.") % numbers
            return _("Anggaran tidak cukup: %(places)s tempat (%(held)s di antaranya dalam usulan yang menunggu "
                     "persetujuan) × %(value)s = %(needed)s, sedangkan pagu seluruh dokumen anggaran tahun "
                     "%(year)s hanya %(available)s.") % numbers
        if self.ok:
            return _("Anggaran cukup: %(places)s tempat × %(value)s = %(needed)s, pagu tahun %(year)s "
                     "%(available)s.") % numbers
        return _("Anggaran tidak cukup: %(places)s tempat × %(value)s = %(needed)s, sedangkan pagu seluruh "
                 "dokumen anggaran tahun %(year)s hanya %(available)s.") % numbers


def budget_check(*, programme_year: ProgrammeYear, province, extra_places: int = 0) -> BudgetCheck:
    """The budget check of a province's year as it stands, or as it would stand with ``extra_places`` more."""
    return BudgetCheck(
        year=programme_year.year,
        places=selectors.places_total(programme_year=programme_year, province=province) + extra_places,
        value_per_recipient=programme_year.value_per_recipient,
        available=selectors.budget_total(programme_year=programme_year, province=province),
        held=selectors.places_held_for_budget(programme_year=programme_year, province=province),
    )


def _enforce_budget(*, programme_year: ProgrammeYear, province) -> None:
    check = budget_check(programme_year=programme_year, province=province)
    if not check.ok:
        raise ValidationError(check.message)


# --- The quota ledger -----------------------------------------------------------------------

def _check_new_quota(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, change: int) -> None:
    """Called under the area lock: a quota never goes below zero nor below the people decided into it."""
    current = selectors.quota_of(programme_year=programme_year, kabupaten=kabupaten)
    new = current + change
    decided = selectors.occupied_count(programme_year=programme_year, kabupaten=kabupaten)
    held = selectors.held_by_proposals(programme_year=programme_year, kabupaten=kabupaten)
    numbers = {"area": kabupaten.name, "year": programme_year.year, "current": angka(current), "new": angka(new),
               "decided": angka(decided), "max": angka(max(0, current - decided - held.places)),
               "change": angka(abs(change)), "held": angka(held.places)}
    if held.places and new - held.removals < decided + held.decisions:
        raise ValidationError(_(
            "Kuota %(area)s %(year)s tidak dapat diturunkan dari %(current)s menjadi %(new)s: sudah %(decided)s "
            "orang ditetapkan dan %(held)s tempat ditahan usulan yang menunggu persetujuan. Pengurangan paling "
            "banyak %(max)s tempat.") % numbers)
    if new < decided:
        raise ValidationError(_(
            "Kuota %(area)s %(year)s tidak dapat diturunkan dari %(current)s menjadi %(new)s: sudah %(decided)s "
            "orang ditetapkan. Pengurangan paling banyak %(max)s tempat, atau batalkan dahulu penetapan.") % numbers)
    if new < 0:
        raise ValidationError(_("Kuota %(area)s %(year)s tidak boleh kurang dari nol (sekarang %(current)s, "
                                "dikurangi %(change)s).") % numbers)


def _check_entry_basics(*, programme_year: ProgrammeYear, document: BudgetDocument, reason: str,
                        province_id: int | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan wajib diisi: setiap perubahan kuota harus dapat ditelusuri."))
    if document is None or document.programme_year_id != programme_year.pk:
        raise ValidationError(_("Dokumen anggaran harus dari tahun %(year)s.") % {"year": programme_year.year})
    if document.province_id != province_id:
        raise ValidationError(_("Dokumen anggaran %(number)s milik provinsi lain.") % {"number": document.number})
    return reason


def _province_of(user) -> Province:
    """The province a provincial act of this user is about."""
    if user.province_id is None:
        raise ValidationError(_("Pengguna ini tidak punya provinsi: pembagian kuota dilakukan staf provinsi."))
    return user.province


@transaction.atomic
def quota_entry_add(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, document: BudgetDocument, places: int,
                    reason: str, user, rule: str = QuotaEntry.Rule.MANUAL) -> QuotaEntry:
    """Add (or with a negative number remove) places of one area, tied to a budget document and a reason."""
    require_provincial(user)
    require_area(user, kabupaten.pk)
    reason = _check_entry_basics(programme_year=programme_year, document=document, reason=reason,
                                 province_id=kabupaten.province_id)
    if not places:
        raise ValidationError(_("Jumlah tempat tidak boleh nol."))
    py = _lock_year(programme_year)
    lock_quota_area(programme_year_id=py.pk, kabupaten_id=kabupaten.pk)
    _check_new_quota(programme_year=py, kabupaten=kabupaten, change=places)
    entry = QuotaEntry.objects.create(programme_year=py, kabupaten=kabupaten, document=document, places=places,
                                      reason=reason, rule=rule, created_by=user)
    _enforce_budget(programme_year=py, province=kabupaten.province)
    return entry


def spread_largest_remainder(*, total: int, weights: dict[Kabupaten, int]) -> dict[Kabupaten, int]:
    """Split ``total`` places by weight (Hamilton's method), in whole places that add up to ``total``.

    Each area gets the whole part of its share; the places left go one each to the largest
    remainders, ties broken by the lower Kemendagri code. Integer arithmetic, so exact.
    """
    items = sorted(weights.items(), key=lambda kv: kv[0].code)
    weight_sum = sum(w for _k, w in items)
    if total < 0:
        raise ValidationError(_("Jumlah yang dibagi tidak boleh negatif."))
    if weight_sum <= 0:
        raise ValidationError(_("Tidak ada dasar pembagian: semua bobot nol."))
    shares = {k: total * w // weight_sum for k, w in items}
    left = total - sum(shares.values())
    by_remainder = sorted(items, key=lambda kv: (-(total * kv[1] % weight_sum), kv[0].code))
    for k, _w in by_remainder[:left]:
        shares[k] += 1
    return shares


def spread_even(*, total: int, kabupaten_list) -> dict[Kabupaten, int]:
    """The same for each area; the remainder to the lowest codes (7 over 10: 64.01 ... 64.09 get one)."""
    return spread_largest_remainder(total=total, weights={k: 1 for k in kabupaten_list})


def spread_proportional(*, total: int, programme_year: ProgrammeYear, kabupaten_list) -> dict[Kabupaten, int]:
    """In proportion to the candidates who passed field verification in each area."""
    areas = list(kabupaten_list)
    eligible = selectors.eligible_by_kabupaten(programme_year=programme_year)
    weights = {k: eligible.get(k.pk, 0) for k in areas}
    if not any(weights.values()):
        raise ValidationError(_("Belum ada calon yang lolos verifikasi lapangan pada tahun %(year)s, jadi pembagian "
                                "sebanding belum dapat dihitung.") % {"year": programme_year.year})
    return spread_largest_remainder(total=total, weights=weights)


@dataclass
class SpreadRow:
    kabupaten: Kabupaten
    current: int
    add: int
    decided: int
    weight: int | None = None

    @property
    def new(self) -> int:
        return self.current + self.add


@dataclass
class SpreadPreview:
    programme_year: ProgrammeYear
    total: int
    rule: str
    rows: list[SpreadRow]
    budget: BudgetCheck

    @property
    def ok(self) -> bool:
        return self.budget.ok


def _spread(*, programme_year: ProgrammeYear, total: int, rule: str, province) -> dict[Kabupaten, int]:
    """Over the kabupaten/kota of one province."""
    if total <= 0:
        raise ValidationError(_("Jumlah tempat yang dibagi harus lebih dari nol."))
    areas = Kabupaten.objects.filter(id__in=province_kabupaten_ids(province.pk))
    if rule == QuotaEntry.Rule.EVEN:
        return spread_even(total=total, kabupaten_list=areas)
    if rule == QuotaEntry.Rule.PROPORTIONAL:
        return spread_proportional(total=total, programme_year=programme_year, kabupaten_list=areas)
    raise ValidationError(_("Cara pembagian tidak dikenal."))


def spread_preview(*, programme_year: ProgrammeYear, total: int, rule: str, user) -> SpreadPreview:
    """What a spread over the user's province would give each area, and the budget check after it; nothing
    is written."""
    province = _province_of(user)
    shares = _spread(programme_year=programme_year, total=total, rule=rule, province=province)
    quotas = selectors.quotas_by_kabupaten(programme_year=programme_year)
    decided = selectors.occupied_by_kabupaten(programme_year=programme_year)
    eligible = selectors.eligible_by_kabupaten(programme_year=programme_year) \
        if rule == QuotaEntry.Rule.PROPORTIONAL else {}
    rows = [SpreadRow(kabupaten=k, current=quotas.get(k.pk, 0), add=add, decided=decided.get(k.pk, 0),
                      weight=eligible.get(k.pk, 0) if eligible else None) for k, add in shares.items()]
    return SpreadPreview(programme_year=programme_year, total=total, rule=rule, rows=rows,
                         budget=budget_check(programme_year=programme_year, province=province, extra_places=total))


@transaction.atomic
def spread_apply(*, programme_year: ProgrammeYear, document: BudgetDocument, total: int, rule: str, reason: str,
                 user) -> list[QuotaEntry]:
    """Write the spread the preview showed: one ledger entry per area of the user's province, all or nothing."""
    require_provincial(user)
    province = _province_of(user)
    reason = _check_entry_basics(programme_year=programme_year, document=document, reason=reason,
                                 province_id=province.pk)
    py = _lock_year(programme_year)
    shares = _spread(programme_year=py, total=total, rule=rule, province=province)
    entries = []
    for kabupaten, add in shares.items():  # in code order: the lock order
        if add == 0:
            continue
        lock_quota_area(programme_year_id=py.pk, kabupaten_id=kabupaten.pk)
        _check_new_quota(programme_year=py, kabupaten=kabupaten, change=add)
        entries.append(QuotaEntry(programme_year=py, kabupaten=kabupaten, document=document, places=add,
                                  reason=reason, rule=rule, created_by=user))
    QuotaEntry.objects.bulk_create(entries)
    _enforce_budget(programme_year=py, province=province)
    return entries


# --- Four eyes: entries and spreads are proposed, and written when a second person approves ------

def quota_entry_propose(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, document: BudgetDocument,
                        places: int, reason: str, user) -> Approval:
    """Propose a quota entry; checked now by the same rules (pending proposals counted), written on approval."""
    require_provincial(user)
    require_area(user, kabupaten.pk)
    reason = _check_entry_basics(programme_year=programme_year, document=document, reason=reason,
                                 province_id=kabupaten.province_id)
    if not places:
        raise ValidationError(_("Jumlah tempat tidak boleh nol."))
    with transaction.atomic():
        py = _lock_year(programme_year)
        lock_quota_area(programme_year_id=py.pk, kabupaten_id=kabupaten.pk)
        _check_new_quota(programme_year=py, kabupaten=kabupaten, change=places)
        check = budget_check(programme_year=py, province=kabupaten.province, extra_places=max(places, 0))
        if not check.ok:
            raise ValidationError(check.message)
        return approval_propose(
            kind=selectors.ACT_ENTRY, user=user, year=py.pk, kabupaten=kabupaten, places=places,
            payload={"document": document.pk, "places": places, "reason": reason},
            summary=_("Kuota %(area)s %(year)s %(places)s tempat (dokumen %(document)s): %(reason)s")
            % {"area": kabupaten.name, "year": py.year, "places": f"{places:+d}", "document": document.number,
               "reason": reason})


def _entry_apply(*, approval: Approval) -> None:
    data = approval.payload
    py = ProgrammeYear.objects.get(pk=approval.year)
    quota_entry_add(programme_year=py, kabupaten=approval.kabupaten, places=data["places"], reason=data["reason"],
                    document=BudgetDocument.objects.filter(pk=data["document"], programme_year=py).first(),
                    user=approval.maker)


def spread_propose(*, programme_year: ProgrammeYear, document: BudgetDocument, total: int, rule: str, reason: str,
                   user) -> Approval:
    """Propose the spread the preview showed; the shares are kept, and on approval written only if unchanged."""
    require_provincial(user)
    province = _province_of(user)
    reason = _check_entry_basics(programme_year=programme_year, document=document, reason=reason,
                                 province_id=province.pk)
    with transaction.atomic():
        py = _lock_year(programme_year)
        shares = _spread(programme_year=py, total=total, rule=rule, province=province)
        for kabupaten, add in shares.items():
            if add:
                lock_quota_area(programme_year_id=py.pk, kabupaten_id=kabupaten.pk)
                _check_new_quota(programme_year=py, kabupaten=kabupaten, change=add)
        check = budget_check(programme_year=py, province=province, extra_places=total)
        if not check.ok:
            raise ValidationError(check.message)
        return approval_propose(
            kind=selectors.ACT_SPREAD, user=user, year=py.pk, places=total,
            payload={"document": document.pk, "total": total, "rule": rule, "reason": reason,
                     "shares": {k.code: add for k, add in shares.items()}},
            summary=_("Pembagian %(total)s tempat tahun %(year)s (%(rule)s, dokumen %(document)s): %(shares)s. "
                      "Alasan: %(reason)s")
            % {"total": angka(total), "year": py.year, "rule": QuotaEntry.Rule(rule).label,
               "document": document.number, "reason": reason,
               "shares": ", ".join(f"{k.name} {add}" for k, add in shares.items() if add)})


def _spread_apply_approved(*, approval: Approval) -> None:
    data = approval.payload
    py = ProgrammeYear.objects.get(pk=approval.year)
    shares = {k.code: add for k, add in _spread(programme_year=py, total=data["total"], rule=data["rule"],
                                                 province=_province_of(approval.maker)).items()}
    if shares != data["shares"]:
        raise ValidationError(_("Pembagian sudah berubah sejak diusulkan (jumlah calon layak per wilayah berubah); "
                                "kembalikan usulan ini dan usulkan lagi."))
    spread_apply(programme_year=py, total=data["total"], rule=data["rule"], reason=data["reason"],
                 document=BudgetDocument.objects.filter(pk=data["document"], programme_year=py).first(),
                 user=approval.maker)


def _ledger_link(approval: Approval) -> str:
    return reverse("quotas:ledger", kwargs={"year": approval.year})


register(Act(kind=selectors.ACT_ENTRY, label=_lazy("Perubahan kuota"), apply=_entry_apply, link=_ledger_link))
register(Act(kind=selectors.ACT_SPREAD, label=_lazy("Pembagian kuota"), apply=_spread_apply_approved,
             link=_ledger_link))
