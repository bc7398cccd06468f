"""Complaints: received from the public form or recorded by an officer, followed to a resolution."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from grievances.models import Channel, Grievance, Status
from notices.models import Kind as NoticeKind
from notices.services import complaint_notice

# No 0/O, 1/I/L: a code read out over the phone is typed back right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31^10: a code cannot be guessed, so the tracking page needs no NIK


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def grievance_submit(*, category: str, kabupaten, description: str, complainant_name: str = "",
                     complainant_phone: str = "", channel: str = Channel.WEB, user=None) -> Grievance:
    """A complaint from the public form (``user`` None) or recorded by staff from a call, message or visit."""
    if channel == Channel.WEB:
        if user is not None:
            raise ValueError("a complaint recorded by staff names its channel")
    else:
        if user is None:
            raise PermissionDenied(_("Hanya petugas yang dapat mencatat pengaduan dari telepon, WhatsApp atau "
                                     "kunjungan."))
        require_area(user, kabupaten.id)
    if not (description or "").strip():
        raise ValidationError(_("Ceritakan apa yang terjadi."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                grievance = Grievance.objects.create(
                    code=_new_code(), category=category, channel=channel, kabupaten=kabupaten,
                    description=description.strip(), complainant_name=(complainant_name or "").strip(),
                    complainant_phone=(complainant_phone or "").strip(), recorded_by=user)
                _notify(grievance, NoticeKind.COMPLAINT_RECEIVED)
                return grievance
        except IntegrityError:  # the one-in-billions clash of two codes: draw again
            continue
    raise RuntimeError("no free tracking code after five draws")


def grievance_by_code(*, code: str) -> Grievance | None:
    """The public tracking page's one read: the complaint of that code, typed in any case and spacing."""
    normalised = "".join((code or "").split()).upper().replace("-", "")
    if len(normalised) != CODE_LENGTH:
        return None
    return Grievance.objects.filter(code=normalised).only("code", "status", "received_at", "updated_at").first()


@transaction.atomic
def grievance_update(*, grievance: Grievance, status: str, resolution: str = "", user) -> Grievance:
    """Move a complaint on; the caller got it through ``writable_by`` (sensitive ones: the designated officer)."""
    require_area(user, grievance.kabupaten_id)
    grievance = Grievance.objects.writable_by(user).select_for_update().get(pk=grievance.pk)
    if status not in Status.values:
        raise ValidationError(_("Pilih status."))
    if grievance.status in (Status.RESOLVED, Status.REJECTED):
        raise ValidationError(_("Pengaduan ini sudah ditutup."))
    if status in (Status.RESOLVED, Status.REJECTED) and not (resolution or "").strip():
        raise ValidationError(_("Tuliskan penyelesaiannya (atau alasan penolakan)."))
    grievance.status, grievance.resolution = status, (resolution or "").strip()
    grievance.save(update_fields=["status", "resolution", "updated_at"])
    if status in (Status.RESOLVED, Status.REJECTED):
        _notify(grievance, NoticeKind.COMPLAINT_RESOLVED)
    return grievance


def _notify(grievance: Grievance, kind: str) -> None:
    """The complainant's SMS (received, closed), in the transaction of the act; nothing for an anonymous one."""
    complaint_notice(kind=kind, code=grievance.code, kabupaten_id=grievance.kabupaten_id,
                     phone=grievance.complainant_phone, grievance_id=grievance.pk)
