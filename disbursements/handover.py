"""Handing packages to recipients: handover days, invitations with numbered BASTs, and each recipient's outcome.

A recipient invited to a handover day gets a Handover row (outcome ``invited``) with a BAST number
from the numbering rule and the lines of their package. After the day the outcome is recorded:
received (stock moves out, the case becomes 'disalurkan'), absent (invited again later), refused, or
replaced by the reserve (the quota service withdraws the recipient and fills the place).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Func, Value
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from disbursements.selectors import with_package
from disbursements.models import (BastSequence, Handover, HandoverDay, HandoverLine, HandoverPhoto, PackageItem,
                                  PackageType, StockMove)
from disbursements.stock import stock_moves
from recipients.lifecycle import HANDOVER_READY, candidates_move
from recipients.models import Candidate, CandidateStatus

O = Handover.Outcome


def not_in_future(date: dt.date, label: str) -> None:
    if date > timezone.localdate():
        raise ValidationError(_("%(label)s tidak boleh di masa depan.") % {"label": label})


# The numbering rule: 0001/BAST-UEP/64.72/2025, counted per kabupaten/kota and year.
BAST_FORMAT = "{seq:04d}/BAST-UEP/{kabupaten}/{year}"


def bast_numbers_take(*, programme_year_id: int, kabupaten, count: int) -> list[str]:
    """The next ``count`` BAST numbers of an area and year; one upsert, so two days never share a number."""
    table = BastSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} (programme_year_id, kabupaten_id, last) VALUES (%s, %s, %s)
                ON CONFLICT (programme_year_id, kabupaten_id) DO UPDATE SET last = {table}.last + EXCLUDED.last
                RETURNING last""", [programme_year_id, kabupaten.id, count])
        last = cursor.fetchone()[0]
    return [BAST_FORMAT.format(seq=seq, kabupaten=kabupaten.code, year=programme_year_id)
            for seq in range(last - count + 1, last + 1)]


def bast_key(text: str) -> str:
    """A BAST number as letters and digits only: how a scan's file name is matched to it."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def handover_day_create(*, programme_year, kabupaten, date: dt.date, place: str, user, notes: str = "") -> HandoverDay:
    require_area(user, kabupaten.id)
    if not place.strip():
        raise ValidationError(_("Tempat acara wajib diisi."))
    return HandoverDay.objects.create(programme_year=programme_year, kabupaten=kabupaten, date=date,
                                      place=place.strip(), notes=notes, created_by=user)


def _lines_for(handover: Handover, package_id: int) -> list[HandoverLine]:
    return [HandoverLine(handover=handover, item_id=line.item_id, quantity=line.quantity, unit_price=line.unit_price)
            for line in PackageItem.objects.filter(package_id=package_id)]


def handover_lines_reset(*, handover: Handover, package: PackageType) -> None:
    """An invitation not yet received takes the lines of (another) package."""
    assert handover.outcome != O.RECEIVED
    handover.lines.all().delete()
    HandoverLine.objects.bulk_create(_lines_for(handover, package.id))
    Handover.objects.filter(pk=handover.pk).update(package_type=package)


@transaction.atomic
def handover_invite(*, day: HandoverDay, candidates, user) -> list[Handover]:
    """Invite decided recipients of the day's area to it: a numbered BAST and their package's lines each.

    A recipient absent from an earlier day is invited again under the same BAST number.
    """
    require_area(user, day.kabupaten_id)
    ids = sorted({c if isinstance(c, int) else c.pk for c in candidates})
    if not ids:
        raise ValidationError(_("Pilih minimal satu penerima."))
    rows = list(with_package(Candidate.objects.select_for_update(of=("self",)).filter(pk__in=ids))
                .select_related("person"))
    invitations = {h.candidate_id: h for h in Handover.objects.select_for_update().filter(candidate_id__in=ids)}
    problems = []
    for c in rows:
        if c.kabupaten_id != day.kabupaten_id or c.programme_year_id != day.programme_year_id:
            problems.append(_("%(name)s bukan penerima %(area)s tahun %(year)s.")
                            % {"name": c.name, "area": day.kabupaten.name, "year": day.programme_year_id})
        elif c.status not in HANDOVER_READY:
            problems.append(_("%(name)s belum dapat menerima paket (status %(status)s).")
                            % {"name": c.name, "status": c.get_status_display()})
        elif c.package_id is None:
            problems.append(_("%(name)s belum mendapat paket: tetapkan paketnya dulu.") % {"name": c.name})
        elif c.pk in invitations and invitations[c.pk].outcome not in (O.ABSENT, O.INVITED):
            problems.append(_("%(name)s sudah tercatat %(outcome)s.")
                            % {"name": c.name, "outcome": invitations[c.pk].get_outcome_display().lower()})
    if len(rows) != len(ids):
        problems.append(_("%(n)s penerima tidak ditemukan.") % {"n": len(ids) - len(rows)})
    if problems:
        raise ValidationError(problems)
    again = [invitations[c.pk] for c in rows if c.pk in invitations]
    for h in again:
        h.day, h.outcome = day, O.INVITED
    Handover.objects.bulk_update(again, ["day", "outcome"])
    new = [c for c in rows if c.pk not in invitations]
    numbers = bast_numbers_take(programme_year_id=day.programme_year_id, kabupaten=day.kabupaten, count=len(new))
    created = Handover.objects.bulk_create(
        Handover(candidate=c, day=day, package_type_id=c.package_id, bast_number=number, outcome=O.INVITED,
                 recorded_by=user) for c, number in zip(new, numbers))
    packages = {c.pk: c.package_id for c in new}
    HandoverLine.objects.bulk_create(line for h in created for line in _lines_for(h, packages[h.candidate_id]))
    return again + created


def _handover_locked(handover: Handover) -> Handover:
    return (Handover.objects.select_for_update(of=("self",))
            .select_related("candidate__programme_year", "candidate__person", "package_type", "day")
            .get(pk=handover.pk))


def _bimtek_gate(candidate: Candidate) -> None:
    if candidate.status not in HANDOVER_READY:
        raise ValidationError(_("Paket hanya dapat diserahkan kepada penerima yang sudah ditetapkan (status sekarang: "
                                "%(status)s).") % {"status": candidate.get_status_display()})
    if candidate.programme_year.training_required and candidate.status != CandidateStatus.TRAINED:
        raise ValidationError(_("Penerima belum mengikuti bimtek, yang wajib sebelum penyaluran tahun %(year)s.")
                              % {"year": candidate.programme_year_id})


@dataclass
class Received:
    date: dt.date | None = None
    serial_numbers: dict = field(default_factory=dict)  # HandoverLine id -> text
    bast_scan: object = None
    photos: tuple = ()
    notes: str = ""


@transaction.atomic
def handover_receive(*, handover: Handover, user, received: Received | None = None) -> Handover:
    """The recipient received the package: the goods leave the area's stock and the case is 'disalurkan'."""
    received = received or Received()
    require_area(user, handover.candidate.kabupaten_id)
    handover = _handover_locked(handover)
    candidate = Candidate.objects.select_for_update().select_related("programme_year").get(pk=handover.candidate_id)
    if handover.outcome == O.RECEIVED:
        raise ValidationError(_("Penyerahan BAST %(number)s sudah tercatat diterima.")
                              % {"number": handover.bast_number})
    if handover.outcome not in (O.INVITED, O.ABSENT):
        raise ValidationError(_("Penyerahan BAST %(number)s tercatat %(outcome)s.")
                              % {"number": handover.bast_number, "outcome": handover.get_outcome_display().lower()})
    _bimtek_gate(candidate)
    date = received.date or (handover.day.date if handover.day else timezone.localdate())
    not_in_future(date, _("Tanggal serah terima"))
    lines = list(handover.lines.select_related("item"))
    for line in lines:
        serial = (received.serial_numbers.get(line.id) or "").strip()
        if serial:
            line.serial_numbers = serial
    HandoverLine.objects.bulk_update(lines, ["serial_numbers"])
    stock_moves(moves=[{"kabupaten_id": candidate.kabupaten_id, "item_id": line.item_id,
                        "kind": StockMove.Kind.HANDED_OVER, "quantity": line.quantity, "handover_line": line,
                        "value": line.quantity * line.unit_price, "note": handover.bast_number} for line in lines],
                user=user)
    handover.outcome, handover.date = O.RECEIVED, date
    if received.bast_scan:
        handover.bast_scan = received.bast_scan
    if received.notes:
        handover.notes = received.notes
    handover.save()
    HandoverPhoto.objects.bulk_create(HandoverPhoto(handover=handover, photo=p) for p in received.photos if p)
    candidates_move(candidates=[candidate], to=CandidateStatus.HANDED_OVER, user=user,
                    message=_("Paket %(package)s diserahkan, BAST %(number)s tanggal %(date)s.")
                    % {"package": handover.package_type.name, "number": handover.bast_number,
                       "date": date.strftime("%d/%m/%Y")},
                    data={"handover": handover.id})
    return handover


@transaction.atomic
def handover_absent(*, handover: Handover, user, notes: str = "") -> Handover:
    """Not at the day: the invitation stays (same BAST number) for a later day."""
    require_area(user, handover.candidate.kabupaten_id)
    handover = _handover_locked(handover)
    if handover.outcome != O.INVITED:
        raise ValidationError(_("Hanya undangan yang belum dicatat yang dapat ditandai tidak hadir."))
    handover.outcome, handover.notes = O.ABSENT, notes or handover.notes
    handover.save(update_fields=["outcome", "notes"])
    return handover


@transaction.atomic
def handover_refuse(*, handover: Handover, user, reason: str) -> Handover:
    """The recipient refused the package; provincial staff may then replace them from the reserve."""
    require_area(user, handover.candidate.kabupaten_id)
    if not (reason or "").strip():
        raise ValidationError(_("Alasan penolakan wajib diisi."))
    handover = _handover_locked(handover)
    if handover.outcome not in (O.INVITED, O.ABSENT):
        raise ValidationError(_("Penyerahan ini sudah tercatat %(outcome)s.")
                              % {"outcome": handover.get_outcome_display().lower()})
    handover.outcome, handover.notes = O.REFUSED, reason.strip()
    handover.save(update_fields=["outcome", "notes"])
    return handover


def handover_replace(*, handover: Handover, user, reason: str) -> Candidate | None:
    """Withdraw the recipient who refused or cannot come; the quota service fills the place from the reserve."""
    from quotas.services.decision import candidate_withdraw

    with transaction.atomic():
        handover = _handover_locked(handover)
        if handover.outcome == O.RECEIVED:
            raise ValidationError(_("Paket sudah diterima; penerima tidak dapat diganti."))
        replacement = candidate_withdraw(candidate=handover.candidate, user=user, reason=reason)
        handover.outcome, handover.replaced_by = O.REPLACED, replacement
        handover.notes = reason.strip()
        handover.save(update_fields=["outcome", "replaced_by", "notes"])
    return replacement


@transaction.atomic
def handover_record(*, candidate: Candidate, package_type: PackageType, date: dt.date, bast_number: str,
                    user, bast_scan=None, photo=None, notes: str = "") -> Handover:
    """A handover outside a handover day, against a signed BAST already at hand (its number typed in)."""
    require_area(user, candidate.kabupaten_id)
    candidate = Candidate.objects.select_for_update().select_related("programme_year").get(pk=candidate.pk)
    not_in_future(date, _("Tanggal serah terima"))
    _bimtek_gate(candidate)
    if not package_type.is_active or package_type.programme_year_id != candidate.programme_year_id:
        raise ValidationError(_("Jenis paket %(code)s tidak aktif di tahun %(year)s.")
                              % {"code": package_type.code, "year": candidate.programme_year_id})
    if not bast_scan:
        raise ValidationError(_("Unggah pindaian BAST yang sudah ditandatangani."))
    if Handover.objects.filter(candidate=candidate).exists():
        raise ValidationError(_("Penerima ini sudah diundang ke acara penyaluran; catat hasilnya di sana."))
    try:
        with transaction.atomic():
            handover = Handover.objects.create(candidate=candidate, package_type=package_type,
                                               bast_number=bast_number.strip(), recorded_by=user)
    except IntegrityError:
        raise ValidationError(_("Nomor BAST %(number)s sudah dipakai untuk serah terima lain.")
                              % {"number": bast_number}) from None
    HandoverLine.objects.bulk_create(_lines_for(handover, package_type.id))
    return handover_receive(handover=handover, user=user,
                            received=Received(date=date, bast_scan=bast_scan, photos=(photo,), notes=notes))


@dataclass
class ScanReport:
    matched: list = field(default_factory=list)  # (file name, BAST number)
    refused: list = field(default_factory=list)  # (file name, reason)


def bast_scans_attach(*, files, user) -> ScanReport:
    """Signed BAST scans uploaded in bulk, each matched to its handover by the BAST number in its file name.

    Each file is checked by content (PDF, JPEG, PNG, WebP, size-limited); a file that matches no
    handover of the user's area, or is refused, is listed with the reason and nothing of it is kept.
    """
    from django import forms as django_forms

    from uep.uploads import evidence_clean, file_delete_on_commit

    report = ScanReport()
    wanted = {}
    for upload in files:
        stem = upload.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        wanted.setdefault(bast_key(stem), []).append(upload)
    # The same key in SQL: letters and digits of the number, upper-cased (see ``bast_key``).
    key = Upper(Func(F("bast_number"), Value("[^0-9A-Za-z]"), Value(""), Value("g"), function="regexp_replace"))
    handovers = Handover.objects.writable_by(user).annotate(key=key).filter(key__in=list(wanted))
    by_key = {bast_key(h.bast_number): h for h in handovers}
    for key, uploads in wanted.items():
        for upload in uploads:
            handover = by_key.get(key)
            if handover is None:
                report.refused.append((upload.name, _("Tidak ada BAST bernomor ini di wilayah Anda.")))
                continue
            if len(uploads) > 1:
                report.refused.append((upload.name, _("Lebih dari satu berkas untuk BAST yang sama.")))
                continue
            try:
                clean = evidence_clean(upload, allow_pdf=True)
            except django_forms.ValidationError as error:
                report.refused.append((upload.name, " ".join(error.messages)))
                continue
            file_delete_on_commit(handover.bast_scan)  # the scan it replaces
            handover.bast_scan.save(clean.name, clean, save=False)
            Handover.objects.filter(pk=handover.pk).update(bast_scan=handover.bast_scan.name)
            report.matched.append((upload.name, handover.bast_number))
    return report

