"""Complaints (pengaduan) raised at a visit about a recipient's goods or selection.

Each is a complaint in the one list (``grievances``: status, deadlines, escalation, the tracking code), written
through ``grievances.services.intake``, which sits below the stages so that a stage may raise a complaint without
importing the complaints' pages. The goods side (which item, which vendor, the replacement that leaves the
area's stock) stays here, in ``Complaint``, linked one to one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from disbursements.models import Complaint, HandoverLine, StockMove
from disbursements.services.stock import stock_move
from grievances.models import Category, Channel, Status
from grievances.services.intake import grievance_create, grievance_move


@transaction.atomic
def complaint_open(*, candidate, kind: str, description: str, user, handover_line: HandoverLine | None = None,
                   check_entry=None, now=None) -> Complaint:
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

        vendor = (DeliveryLine.objects.filter(delivery__kabupaten_id=candidate.kabupaten_id,
                                              contract_line__item_id=handover_line.item_id)
                  .order_by("-delivery__received_on").values_list("contract_line__contract__vendor_id", flat=True)
                  .first())
    grievance = grievance_create(
        category=Category.SELECTION if kind == Complaint.Kind.SELECTION else Category.GOODS, channel=Channel.VISIT,
        kabupaten_id=candidate.kabupaten_id, description=description, user=user, candidate=candidate, now=now)
    return Complaint.objects.create(
        kabupaten_id=candidate.kabupaten_id, candidate=candidate, handover_line=handover_line, vendor_id=vendor,
        check_entry=check_entry, kind=kind, recorded_by=user, grievance=grievance)


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, resolution: str, user, replacement_quantity: int = 0,
                      rejected: bool = False, now=None) -> Complaint:
    """Close a complaint; replacement goods leave the area's stock like a handover."""
    require_area(user, complaint.kabupaten_id)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not (resolution or "").strip():
        raise ValidationError(_("Tuliskan penyelesaiannya."))
    if replacement_quantity and complaint.handover_line_id is None:
        raise ValidationError(_("Barang pengganti hanya untuk pengaduan tentang satu barang."))
    # Refuses a complaint already closed (from either page) before any stock moves.
    grievance_move(grievance_id=complaint.grievance_id, status=Status.REJECTED if rejected else Status.RESOLVED,
                   resolution=resolution, now=now)
    if replacement_quantity:
        stock_move(kabupaten_id=complaint.kabupaten_id, item_id=complaint.handover_line.item_id,
                   kind=StockMove.Kind.REPLACEMENT, quantity=replacement_quantity, user=user, complaint=complaint,
                   note=_("Pengganti pengaduan #%(n)s") % {"n": complaint.id})
        complaint.replacement_quantity = replacement_quantity
        complaint.save(update_fields=["replacement_quantity"])
    return complaint
