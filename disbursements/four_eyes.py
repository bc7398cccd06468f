"""The goods' acts that need a second person (approvals.registry), wrapping the services that own them.

A handover marked received without its evidence (no signed BAST scan, no photo) moves goods out of
stock and makes the case "disalurkan" on one person's word: it waits for a second person of the area
(another officer of the same kabupaten/kota, or provincial staff). With a scan or a photo it is
recorded at once, as before (``disbursements.handover.handover_receive``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy as _lazy

from accounts.permissions import require_area
from approvals.models import Approval, ApprovalStatus
from approvals.registry import Act, register
from approvals.services import approval_propose
from disbursements.handover import Received, handover_receive, handover_serials_check
from disbursements.models import Handover

ACT_RECEIVE_UNPROVEN = "disbursements.receive_unproven"


def has_evidence(*, handover: Handover, received: Received) -> bool:
    """A signed BAST scan (uploaded now, or earlier in bulk) or a photo of the handover."""
    return bool(received.bast_scan or handover.bast_scan or any(received.photos))


def handover_receive_propose(*, handover: Handover, user, received: Received) -> Approval:
    """Propose "received" for a BAST with no scan or photo; the goods move when a second person approves."""
    require_area(user, handover.candidate.kabupaten_id)
    if has_evidence(handover=handover, received=received):
        raise ValidationError(_("Dengan pindaian atau foto, serah terima dicatat langsung tanpa persetujuan."))
    handover_serials_check(handover=handover, received=received)  # asked now, not when the approval applies
    with transaction.atomic():
        handover = (Handover.objects.select_for_update(of=("self",))
                    .select_related("candidate__kabupaten").get(pk=handover.pk))
        if handover.outcome not in (Handover.Outcome.INVITED, Handover.Outcome.ABSENT):
            raise ValidationError(_("Penyerahan BAST %(number)s tercatat %(outcome)s.")
                                  % {"number": handover.bast_number,
                                     "outcome": handover.get_outcome_display().lower()})
        if Approval.objects.filter(kind=ACT_RECEIVE_UNPROVEN, target_id=handover.pk,
                                   status=ApprovalStatus.PENDING).exists():
            raise ValidationError(_("Penerimaan BAST %(number)s sudah diusulkan dan menunggu persetujuan.")
                                  % {"number": handover.bast_number})
        candidate = handover.candidate
        return approval_propose(
            kind=ACT_RECEIVE_UNPROVEN, user=user, year=candidate.programme_year_id, kabupaten=candidate.kabupaten,
            target_id=handover.pk,
            payload={"date": received.date.isoformat() if received.date else None,
                     "serial_numbers": {str(k): v for k, v in received.serial_numbers.items() if v},
                     "notes": received.notes},
            summary=_("Paket BAST %(number)s diterima %(name)s (%(area)s), tanpa pindaian BAST maupun foto.%(notes)s")
            % {"number": handover.bast_number, "name": candidate.name, "area": candidate.kabupaten.name,
               "notes": f" {received.notes}" if received.notes else ""})


def _receive_apply(*, approval: Approval) -> None:
    data = approval.payload
    handover_receive(handover=Handover.objects.get(pk=approval.target_id), user=approval.maker, received=Received(
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        serial_numbers={int(k): v for k, v in data.get("serial_numbers", {}).items()}, notes=data.get("notes", "")))


def _area_checks(user, approval: Approval) -> bool:
    return user.can_write and user.can_work_in(approval.kabupaten_id)


def _candidate_link(approval: Approval) -> str:
    candidate_id = Handover.objects.filter(pk=approval.target_id).values_list("candidate_id", flat=True).first()
    return reverse("recipients:candidate_detail", args=[candidate_id]) if candidate_id else None


register(Act(kind=ACT_RECEIVE_UNPROVEN, label=_lazy("Serah terima tanpa bukti"), apply=_receive_apply,
             may_check=_area_checks, link=_candidate_link))
