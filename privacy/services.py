"""Recording and closing a family's request about its data (UU 27/2022), with the 3 x 24 hour clock."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_data_protection
from notices.services.outbox import person_restrict
from privacy.models import ANSWER_WITHIN, DataRequest, Kind
from recipients.models import Person
from recipients.nik import InvalidNumber, check_number
from uep.dates import not_in_future


def data_request_record(*, user, kind: str, nik: str, kabupaten, requester_name: str, channel: str,
                        details: str = "", received_at: dt.datetime | None = None) -> DataRequest:
    """An officer of the area (or provincial staff, the data-protection officer among them) records a request
    the family made; the answer is due 3 x 24 hours after the family asked."""
    require_area(user, kabupaten.id)
    try:
        nik = check_number(nik, "NIK")
    except InvalidNumber as error:
        raise ValidationError(str(error)) from None
    now = timezone.now()
    received_at = received_at or now
    not_in_future(received_at, label=_("Waktu permintaan diterima"))
    if not (requester_name or "").strip():
        raise ValidationError(_("Nama pemohon wajib diisi."))
    if kind == Kind.CORRECT and not (details or "").strip():
        raise ValidationError(_("Tuliskan data mana yang harus dibetulkan dan menjadi apa."))
    return DataRequest.objects.create(
        kind=kind, nik=nik, person=Person.objects.filter(nik=nik).first(), kabupaten=kabupaten,
        requester_name=requester_name.strip(), channel=channel, details=(details or "").strip(),
        received_at=received_at, due_at=received_at + ANSWER_WITHIN, recorded_by=user)


@transaction.atomic
def data_request_close(*, request: DataRequest, user, outcome: str, restrict: bool = False) -> DataRequest:
    """The data-protection officer closes a request with what was done. A restriction granted takes effect
    here: every notice to the person stops (waiting ones too), now and for later events."""
    require_data_protection(user)
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("Permintaan ini sudah ditutup."))
    if not (outcome or "").strip():
        raise ValidationError(_("Tuliskan apa yang dilakukan (data yang diberikan, dibetulkan, atau dibatasi)."))
    if restrict:
        if request.kind != Kind.RESTRICT:
            raise ValidationError(_("Pembatasan hanya untuk permintaan pembatasan pemrosesan."))
        if request.person_id is None:
            raise ValidationError(_("Sistem tidak menyimpan data NIK ini; tidak ada yang dapat dibatasi."))
        person_restrict(person_id=request.person_id, reason=_("Permintaan hak atas data #%(id)s") % {"id": request.pk})
    request.closed_at, request.closed_by, request.outcome = timezone.now(), user, outcome.strip()
    request.save(update_fields=["closed_at", "closed_by", "outcome"])
    return request
