"""Complaints (pengaduan) about a recipient's goods or selection, followed to a resolution by a due date."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from disbursements.models import Complaint, HandoverLine, StockMove
from disbursements.stock import stock_move

DUE_DAYS = 14


def complaint_open(*, candidate, kind: str, description: str, user, handover_line: HandoverLine | None = None,
                   check_entry=None, due_on: dt.date | None = None) -> Complaint:
    require_area(user, candidate.kabupaten_id)
    if kind not in Complaint.Kind.values:
        raise ValidationError(_("Pilih jenis pengaduan."))
    if not (description or "").strip():
        raise ValidationError(_("Uraian pengaduan wajib diisi."))
    if handover_line is not None and handover_line.handover.candidate_id != candidate.id:
        raise ValidationError(_("Barang itu bukan milik penerima ini."))
    vendor = None
    if handover_line is not None:
        # The vendor whose contract brought this item into the area most recently.
        from disbursements.models import DeliveryLine

        vendor_id = (DeliveryLine.objects.filter(delivery__kabupaten_id=candidate.kabupaten_id,
                                                 contract_line__item_id=handover_line.item_id)
                     .order_by("-delivery__received_on").values_list("contract_line__contract__vendor_id", flat=True)
                     .first())
        vendor = vendor_id
    return Complaint.objects.create(
        kabupaten_id=candidate.kabupaten_id, candidate=candidate, handover_line=handover_line, vendor_id=vendor,
        check_entry=check_entry, kind=kind, description=description.strip(), recorded_by=user,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=DUE_DAYS))


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, resolution: str, user, replacement_quantity: int = 0,
                      rejected: bool = False) -> Complaint:
    """Close a complaint; replacement goods leave the area's stock like a handover."""
    require_area(user, complaint.kabupaten_id)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.status not in Complaint.OPEN_STATUSES:
        raise ValidationError(_("Pengaduan ini sudah ditutup."))
    if not (resolution or "").strip():
        raise ValidationError(_("Tuliskan penyelesaiannya."))
    if replacement_quantity:
        if complaint.handover_line_id is None:
            raise ValidationError(_("Barang pengganti hanya untuk pengaduan tentang satu barang."))
        stock_move(kabupaten_id=complaint.kabupaten_id, item_id=complaint.handover_line.item_id,
                   kind=StockMove.Kind.REPLACEMENT, quantity=replacement_quantity, user=user, complaint=complaint,
                   note=_("Pengganti pengaduan #%(n)s") % {"n": complaint.id})
    complaint.status = Complaint.Status.REJECTED if rejected else Complaint.Status.RESOLVED
    complaint.resolution, complaint.replacement_quantity = resolution.strip(), replacement_quantity
    complaint.resolved_at, complaint.resolved_by = timezone.now(), user
    complaint.save()
    return complaint


def complaints_overdue(queryset):
    return queryset.filter(status__in=Complaint.OPEN_STATUSES, due_on__lt=timezone.localdate())
