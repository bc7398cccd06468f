"""The acts on a complaint that every app may call, whatever its layer: receive one, acknowledge it, close it.

The delivery check (disbursements) raises complaints through ``grievance_create``; the complaints' own pages
(grievances/services/handling.py) call the same three. The clock (due moments, level) is set here and nowhere else.
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grievances.deadlines import due_moments
from grievances.models import CLOSED_STATUSES, Grievance, Status, start_level
from grievances.services.notices import grievance_notice

# No 0/O, 1/I/L: a code read out over the phone is typed back right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31^10: a code cannot be guessed, so the tracking page needs no NIK


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def grievance_create(*, category: str, channel: str, kabupaten_id: int, description: str,
                     complainant_name: str = "", complainant_phone: str = "", user=None, candidate=None,
                     now: dt.datetime | None = None) -> Grievance:
    """Write a complaint with its tracking code and its deadlines. The caller checked who may record it."""
    now = now or timezone.now()
    if not (description or "").strip():
        raise ValidationError(_("Ceritakan apa yang terjadi."))
    acknowledge_due, resolve_due = due_moments(category=category, received=now, kabupaten_id=kabupaten_id)
    # Staff who record a complaint (a call, a message, a visit) answered it then and there, code in hand: it is
    # acknowledged at once and held to its resolve deadline. The public form's wait for an answer.
    acknowledged = now if user is not None else None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                grievance = Grievance.objects.create(
                    code=_new_code(), category=category, channel=channel, kabupaten_id=kabupaten_id,
                    description=description.strip(), complainant_name=(complainant_name or "").strip(),
                    complainant_phone=(complainant_phone or "").strip(), recorded_by=user, candidate=candidate,
                    received_at=now, acknowledge_due_at=acknowledge_due, resolve_due_at=resolve_due,
                    acknowledged_at=acknowledged, level=start_level(category),
                    level_due_at=resolve_due if acknowledged else acknowledge_due)
                grievance_notice(grievance=grievance, event="received")
                return grievance
        except IntegrityError:  # the one-in-billions clash of two codes: draw again
            continue
    raise RuntimeError("no free tracking code after five draws")


def grievance_acknowledge(*, grievance: Grievance, now: dt.datetime) -> None:
    """The first answer of staff; from then the holder is held to the resolve deadline. The caller holds the
    row locked and saves it."""
    if grievance.acknowledged_at is not None:
        return
    grievance.acknowledged_at = now
    if grievance.resolve_due_at and (grievance.level_due_at is None
                                     or grievance.level_due_at < grievance.resolve_due_at):
        grievance.level_due_at = grievance.resolve_due_at
    grievance_notice(grievance=grievance, event="acknowledged")


@transaction.atomic
def grievance_move(*, grievance_id: int, status: str, resolution: str = "",
                   now: dt.datetime | None = None) -> Grievance:
    """Set a complaint's status (any answer acknowledges it; resolved or rejected closes it, with the words of
    the resolution). The caller checked that the user may change this complaint."""
    now = now or timezone.now()
    grievance = Grievance.objects.select_for_update().get(pk=grievance_id)
    if status not in Status.values:
        raise ValidationError(_("Pilih status."))
    if grievance.status in CLOSED_STATUSES:
        raise ValidationError(_("Pengaduan ini sudah ditutup."))
    closing = status in CLOSED_STATUSES
    if closing and not (resolution or "").strip():
        raise ValidationError(_("Tuliskan penyelesaiannya (atau alasan penolakan)."))
    if status != Status.RECEIVED or closing:
        grievance_acknowledge(grievance=grievance, now=now)
    grievance.status, grievance.resolution = status, (resolution or "").strip()
    if closing:
        grievance.closed_at = now
        grievance_notice(grievance=grievance, event=status)
    grievance.save()
    return grievance
