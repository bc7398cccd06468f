"""Handing packages to recipients: handover days, invitations with numbered BASTs, and each recipient's outcome.

A recipient invited to a handover day gets a Handover row (outcome ``invited``) with a BAST number
from the numbering rule and the lines of their package, whose goods are reserved from the area's
stock (``disbursements.reservation``). After the day the outcome is recorded: received (stock moves
out, the case becomes 'disalurkan'), absent (invited again later), refused, or replaced by the
reserve (the quota service withdraws the recipient and fills the place); an invitation taken back
before the day is cancelled.
"""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Func, QuerySet, Value
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from disbursements.selectors import with_package
from disbursements.models import (BastSequence, Handover, HandoverDay, HandoverLine, HandoverPhoto, PackageItem,
                                  PackageType, StockMove)
from disbursements.reservation import OPEN, stock_reserve
from disbursements.services.stock import stock_moves
from notices import texts as notice_texts
from notices.models import Kind as NoticeKind
from notices.services.outbox import notices_for_candidates
from recipients.lifecycle import HANDOVER_READY, candidates_move
from recipients.models import Candidate, CandidateStatus
from uep.dates import not_in_future
from uep.formatting import tanggal

O = Handover.Outcome


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


def _problem(row, day) -> str | None:
    """Why one selected recipient cannot be invited to the day, or None."""
    if row["kabupaten_id"] != day.kabupaten_id or row["programme_year_id"] != day.programme_year_id:
        return (_("%(name)s bukan penerima %(area)s tahun %(year)s.")
                % {"name": row["name"], "area": day.kabupaten.name, "year": day.programme_year_id})
    if row["status"] not in HANDOVER_READY:
        return (_("%(name)s belum dapat menerima paket (status %(status)s).")
                % {"name": row["name"], "status": CandidateStatus(row["status"]).label})
    if row["package_id"] is None:
        return _("%(name)s belum mendapat paket: tetapkan paketnya dulu.") % {"name": row["name"]}
    if row["handover__outcome"] not in (None, *INVITABLE_AGAIN, O.INVITED):
        return (_("%(name)s sudah tercatat %(outcome)s.")
                % {"name": row["name"], "outcome": O(row["handover__outcome"]).label.lower()})
    return None


# An earlier invitation that may be sent again, under the same BAST number.
INVITABLE_AGAIN = (O.ABSENT, O.CANCELLED)


@transaction.atomic
def handover_invite(*, day: HandoverDay, candidates, user) -> list[Handover]:
    """Invite decided recipients of the day's area to it: a numbered BAST, their package's lines, the goods reserved.

    ``candidates`` is a queryset (every ready recipient of a filter, in one action), or candidates or ids.
    Set-based whatever the number: the rows are locked and read in one query, the BAST numbers taken in
    one upsert, the invitations and their lines written with one INSERT ... SELECT each. A recipient
    absent from an earlier day, or whose invitation was cancelled, is invited again under the same BAST
    number. Nothing is written when the area's available stock does not cover the goods (``StockShort``
    names each item and how many are missing).
    """
    require_area(user, day.kabupaten_id)
    if isinstance(candidates, QuerySet):
        selected = Candidate.objects.filter(pk__in=candidates.order_by().values("pk"))
    else:
        selected = Candidate.objects.filter(pk__in={c if isinstance(c, int) else c.pk for c in candidates})
    # The BAST numbers follow the villages, so that a day's papers come out in the order families sit.
    rows = list(with_package(selected.select_for_update(of=("self",)))
                .order_by("kelurahan__name", "name", "pk")
                .values("pk", "name", "kabupaten_id", "programme_year_id", "status", "package_id",
                        "handover__id", "handover__outcome", "handover__package_type_id"))
    if not rows:
        raise ValidationError(_("Pilih minimal satu penerima."))
    if not isinstance(candidates, QuerySet):
        asked = len({c if isinstance(c, int) else c.pk for c in candidates})
        if asked != len(rows):
            raise ValidationError(_("%(n)s penerima tidak ditemukan.") % {"n": asked - len(rows)})
    problems = [p for p in (_problem(row, day) for row in rows) if p]
    if problems:
        raise ValidationError(problems)
    # An invitation still open (invited, absent) already holds its goods; a new or cancelled one takes them now.
    taking = [r for r in rows
              if r["handover__outcome"] not in OPEN or r["handover__package_type_id"] != r["package_id"]]
    per_package = Counter(r["package_id"] for r in taking)
    needs = Counter()
    for line in PackageItem.objects.filter(package_id__in=list(per_package)).values("package_id", "item_id",
                                                                                     "quantity"):
        needs[line["item_id"]] += line["quantity"] * per_package[line["package_id"]]
    # The lines an open invitation gives back when its package changed.
    changed = [r["handover__id"] for r in taking if r["handover__outcome"] in OPEN]
    for line in HandoverLine.objects.filter(handover_id__in=changed).values("item_id", "quantity"):
        needs[line["item_id"]] -= line["quantity"]
    stock_reserve(kabupaten=day.kabupaten, needs=needs)

    again = [r for r in rows if r["handover__id"] is not None]
    Handover.objects.filter(pk__in=[r["handover__id"] for r in again]).update(day=day, outcome=O.INVITED)
    stale = [r for r in again if r["handover__package_type_id"] != r["package_id"]]
    new = [r for r in rows if r["handover__id"] is None]
    numbers = bast_numbers_take(programme_year_id=day.programme_year_id, kabupaten=day.kabupaten,
                                count=len(new)) if new else []
    with connection.cursor() as cursor:
        if stale:  # invited again after their package was changed
            cursor.execute(f"""
                UPDATE {Handover._meta.db_table} h SET package_type_id = t.package_id
                FROM unnest(%s::bigint[], %s::bigint[]) AS t(id, package_id) WHERE h.id = t.id""",
                           [[r["handover__id"] for r in stale], [r["package_id"] for r in stale]])
        cursor.execute(f"""
            INSERT INTO {Handover._meta.db_table} (candidate_id, day_id, package_type_id, outcome, date, bast_number,
                                                   bast_scan, notes, replaced_by_id, recorded_by_id, recorded_at)
            SELECT t.candidate_id, %(day)s, t.package_id, %(outcome)s, NULL, t.number, '', '', NULL, %(user)s, now()
            FROM unnest(%(candidates)s::bigint[], %(packages)s::bigint[], %(numbers)s::text[])
                 AS t(candidate_id, package_id, number)
            RETURNING id""", {"day": day.id, "outcome": str(O.INVITED), "user": user.pk,
                              "candidates": [r["pk"] for r in new], "packages": [r["package_id"] for r in new],
                              "numbers": numbers})
        created = [h for (h,) in cursor.fetchall()]
    _lines_copy(handover_ids=created + [r["handover__id"] for r in stale])
    notices_for_candidates(kind=NoticeKind.HANDOVER_INVITED, event=f"day{day.id}", candidates=[r["pk"] for r in rows],
                           text=handover_notice_text(NoticeKind.HANDOVER_INVITED, day))
    ids = created + [r["handover__id"] for r in again]
    return list(Handover.objects.filter(pk__in=ids).order_by("bast_number"))


def handover_notice_text(kind: str, day: HandoverDay) -> str:
    return notice_texts.render(kind, day=notice_texts.day_text(day.date), place=day.place)


@transaction.atomic
def handover_reminders_write(*, today: dt.date) -> int:
    """The reminder to everyone invited to a handover day within the next 3 days (the beat job runs it
    daily; a day it missed is caught the next, and a reminder already written is not written again)."""
    written = 0
    for day in HandoverDay.objects.filter(date__gt=today, date__lte=today + dt.timedelta(days=3)):
        invited = Candidate.objects.filter(handover__day=day, handover__outcome=O.INVITED)
        written += notices_for_candidates(kind=NoticeKind.HANDOVER_REMINDER, event=f"day{day.id}", candidates=invited,
                                          text=handover_notice_text(NoticeKind.HANDOVER_REMINDER, day))
    return written


def _lines_copy(*, handover_ids: list[int]) -> None:
    """The lines of each handover's package, copied in one statement (its old lines dropped)."""
    if not handover_ids:
        return
    HandoverLine.objects.filter(handover_id__in=handover_ids).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO {HandoverLine._meta.db_table} (handover_id, item_id, quantity, unit_price, serial_numbers)
            SELECT h.id, pi.item_id, pi.quantity, pi.unit_price, ''
            FROM {Handover._meta.db_table} h JOIN {PackageItem._meta.db_table} pi ON pi.package_id = h.package_type_id
            WHERE h.id = ANY(%s)""", [handover_ids])


@transaction.atomic
def handover_cancel(*, handover: Handover, user, reason: str) -> Handover:
    """Take an invitation back before the day: its goods are no longer reserved; it may be sent again later."""
    require_area(user, handover.candidate.kabupaten_id)
    if not (reason or "").strip():
        raise ValidationError(_("Alasan pembatalan undangan wajib diisi."))
    handover = _handover_locked(handover)
    if handover.outcome not in OPEN:
        raise ValidationError(_("Hanya undangan yang belum dicatat hasilnya yang dapat dibatalkan (BAST %(number)s "
                                "tercatat %(outcome)s).")
                              % {"number": handover.bast_number, "outcome": handover.get_outcome_display().lower()})
    handover.outcome, handover.notes = O.CANCELLED, reason.strip()
    handover.save(update_fields=["outcome", "notes"])
    return handover


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


def serials_split(text: str) -> list[str]:
    """The serial numbers written in one field: separated by commas, semicolons or new lines."""
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


def handover_serials_check(*, handover: Handover, received) -> list[HandoverLine]:
    """The BAST's lines with the serial numbers given; refused unless every serial-numbered item has one per piece.

    Called by "diterima" and before a receipt is proposed for a second person's approval.
    """
    lines = list(handover.lines.select_related("item"))
    missing = []
    for line in lines:
        serial = (received.serial_numbers.get(line.id) or "").strip()
        if serial:
            line.serial_numbers = serial
        if line.item.has_serial_number and len(serials_split(line.serial_numbers)) != line.quantity:
            missing.append(_("%(item)s: isi %(n)s nomor seri (dipisah koma) sesuai barang yang diserahkan.")
                           % {"item": line.item.name, "n": line.quantity})
    if missing:
        raise ValidationError(missing, code="serial_missing")
    return lines


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
    not_in_future(date, label=_("Tanggal serah terima"))
    lines = handover_serials_check(handover=handover, received=received)
    HandoverLine.objects.bulk_update(lines, ["serial_numbers"])
    stock_moves(moves=[{"kabupaten_id": candidate.kabupaten_id, "item_id": line.item_id,
                        "kind": StockMove.Kind.HANDED_OVER, "quantity": line.quantity, "handover_line": line,
                        "value": line.quantity * line.unit_price} for line in lines],  # the line names its BAST
                user=user)
    handover.outcome, handover.date = O.RECEIVED, date
    if received.bast_scan:
        handover.bast_scan = received.bast_scan
    if received.notes:
        handover.notes = received.notes
    handover.save()
    HandoverPhoto.objects.bulk_create(HandoverPhoto(handover=handover, photo=p) for p in received.photos if p)
    candidates_move(candidates=[candidate], to=CandidateStatus.HANDED_OVER, user=user,
                    message=_("Paket %(code)s (%(name)s) diserahkan, BAST %(number)s tanggal %(date)s.")
                    % {"code": handover.package_type.code, "name": handover.package_type.name,
                       "number": handover.bast_number, "date": tanggal(date)},
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
                    user, bast_scan=None, photo=None, notes: str = "", serial_numbers: dict | None = None) -> Handover:
    """A handover outside a handover day, against a signed BAST already at hand (its number typed in).

    ``serial_numbers`` maps an item id to the serial numbers of its equipment. The goods come from the
    available stock: what open invitations reserve is not taken.
    """
    require_area(user, candidate.kabupaten_id)
    candidate = Candidate.objects.select_for_update().select_related("programme_year").get(pk=candidate.pk)
    not_in_future(date, label=_("Tanggal serah terima"))
    _bimtek_gate(candidate)
    if (not package_type.is_active or package_type.programme_year_id != candidate.programme_year_id
            or package_type.province_id != candidate.kabupaten.province_id):
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
    lines = HandoverLine.objects.bulk_create(_lines_for(handover, package_type.id))
    stock_reserve(kabupaten=candidate.kabupaten, needs={line.item_id: line.quantity for line in lines},
                  exclude_handover_id=handover.id)
    serials = {line.id: (serial_numbers or {}).get(line.item_id, "") for line in lines}
    return handover_receive(handover=handover, user=user, received=Received(
        date=date, bast_scan=bast_scan, photos=(photo,), notes=notes, serial_numbers=serials))


def handover_scan_attach(*, handover: Handover, scan, user) -> Handover:
    """Keep a signed BAST scan (already checked by content, ``uep.uploads``) with its handover, whatever its outcome.

    A scan chosen when "diterima" was refused is kept this way, so the officer never chooses it again.
    """
    from uep.uploads import file_delete_on_commit

    require_area(user, handover.candidate.kabupaten_id)
    file_delete_on_commit(handover.bast_scan)  # the scan it replaces, once this one is committed
    handover.bast_scan.save(scan.name, scan, save=False)
    Handover.objects.filter(pk=handover.pk).update(bast_scan=handover.bast_scan.name)
    return handover


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

    from uep.uploads import evidence_clean

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
            handover_scan_attach(handover=handover, scan=clean, user=user)
            report.matched.append((upload.name, handover.bast_number))
    return report

