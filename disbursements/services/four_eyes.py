"""The goods' acts that need a second person (approvals.registry), wrapping the services that own them.

A price in the year's price list and a procurement contract (new, or an addendum) commit money: provincial
staff propose them, other provincial staff approve them (``catalogue.item_price_set``,
``procurement.contract_create`` / ``contract_update`` run on approval). The proposal is checked at once by
running the service and rolling it back, so the maker sees a refusal before a checker ever does.

Replacing a recipient from the handover page withdraws the decision and gives the place to the
reserve list (``disbursements.services.handover.handover_replace``): like a withdrawal on the decision page,
provincial staff propose it and other provincial staff approve it.

A handover marked received without its evidence (no signed BAST scan, no photo) moves goods out of
stock and makes the case "disalurkan" on one person's word: it waits for a second person of the area
(another officer of the same kabupaten/kota, or provincial staff). With a scan or a photo it is
recorded at once, as before (``disbursements.services.handover.handover_receive``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy as _lazy

from accounts.permissions import acting_province, require_area, require_province, require_provincial
from approvals.models import Approval, ApprovalStatus
from approvals.registry import Act, register
from approvals.selectors import is_pending
from approvals.services import approval_propose
from disbursements.models import Contract, Handover, Item, ItemPrice, Vendor
from disbursements.services import catalogue, procurement
from disbursements.services.handover import Received, handover_receive, handover_replace, handover_serials_check
from programmes.models import ProgrammeYear
from uep.formatting import rupiah

ACT_RECEIVE_UNPROVEN = "disbursements.receive_unproven"
ACT_REPLACE = "disbursements.replace"
ACT_PRICE = "disbursements.price"
ACT_CONTRACT = "disbursements.contract"


class _DryRun(Exception):
    pass


def _check_by_running(apply, approval: Approval) -> None:
    """Run the act on a pending proposal and roll it back: the same rules refuse it now, not at the checker."""
    if approval.status != ApprovalStatus.PENDING:
        return
    try:
        with transaction.atomic():
            apply(approval=approval)
            raise _DryRun
    except _DryRun:
        pass


def item_price_propose(*, programme_year, item: Item, unit_price: int, user, source: str = "") -> Approval:
    """Propose a unit price for the year's price list."""
    require_provincial(user)
    source = (source or "").strip()
    before = ItemPrice.objects.filter(programme_year=programme_year, province=acting_province(user),
                                      item=item).values_list("unit_price", flat=True).first()
    with transaction.atomic():
        approval = approval_propose(
            kind=ACT_PRICE, user=user, year=programme_year.pk, target_id=item.pk,
            payload={"unit_price": unit_price, "source": source},
            summary=_("Harga %(item)s tahun %(year)s: %(price)s per %(unit)s%(before)s%(source)s.")
            % {"item": item.name, "year": programme_year.pk, "price": rupiah(unit_price), "unit": item.unit,
               "before": _(" (sebelumnya %(price)s)") % {"price": rupiah(before)} if before else "",
               "source": _(", sumber %(source)s") % {"source": source} if source else ""})
        _check_by_running(_price_apply, approval)
    return approval


def _price_apply(*, approval: Approval) -> None:
    catalogue.item_price_set(programme_year=ProgrammeYear.objects.get(pk=approval.year),
                             item=Item.objects.get(pk=approval.target_id), unit_price=approval.payload["unit_price"],
                             source=approval.payload["source"], user=approval.maker)


def contract_propose(*, programme_year, contract: Contract | None, vendor: Vendor, number: str, signed_on: dt.date,
                     lines: list, user, notes: str = "") -> Approval:
    """Propose a new contract, or an addendum of ``contract``: its lines and allocations as entered."""
    require_provincial(user)
    require_province(user, vendor.province_id)
    if contract is not None:
        require_province(user, contract.province_id)
    total = sum(line.quantity * line.unit_price for line in lines)
    with transaction.atomic():
        approval = approval_propose(
            kind=ACT_CONTRACT, user=user, year=programme_year.pk, target_id=contract.pk if contract else None,
            payload={"vendor": vendor.pk, "number": number, "signed_on": signed_on.isoformat(), "notes": notes,
                     "lines": [{"item": line.item.pk, "quantity": line.quantity, "unit_price": line.unit_price,
                                "allocations": {str(k): q for k, q in line.allocations.items() if q}}
                               for line in lines]},
            summary=_("%(what)s %(number)s dengan %(vendor)s: %(lines)s; nilai %(total)s.")
            % {"what": _("Addendum kontrak") if contract else _("Kontrak baru"), "number": number.strip(),
               "vendor": vendor.name, "total": rupiah(total),
               "lines": "; ".join(f"{line.item.name} {line.quantity} × {rupiah(line.unit_price)}" for line in lines)})
        _check_by_running(_contract_apply, approval)
    return approval


def _contract_apply(*, approval: Approval) -> None:
    data = approval.payload
    items = Item.objects.in_bulk([line["item"] for line in data["lines"]])
    fields = dict(vendor=Vendor.objects.get(pk=data["vendor"]), number=data["number"],
                  signed_on=dt.date.fromisoformat(data["signed_on"]), notes=data["notes"], user=approval.maker,
                  lines=[procurement.ContractLineInput(items[line["item"]], line["quantity"], line["unit_price"],
                                                       {int(k): q for k, q in line["allocations"].items()})
                         for line in data["lines"]])
    if approval.target_id:
        procurement.contract_update(contract=Contract.objects.get(pk=approval.target_id), **fields)
    else:
        procurement.contract_create(programme_year=ProgrammeYear.objects.get(pk=approval.year), **fields)


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
        handover = _handover_locked(handover)
        if handover.outcome not in (Handover.Outcome.INVITED, Handover.Outcome.ABSENT):
            raise ValidationError(_("Penyerahan BAST %(number)s tercatat %(outcome)s.")
                                  % {"number": handover.bast_number,
                                     "outcome": handover.get_outcome_display().lower()})
        _refuse_second_proposal(handover, ACT_RECEIVE_UNPROVEN,
                                _("Penerimaan BAST %(number)s sudah diusulkan dan menunggu persetujuan."))
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


def _handover_locked(handover: Handover) -> Handover:
    """The handover, locked while a proposal about it is written."""
    return (Handover.objects.select_for_update(of=("self",))
            .select_related("candidate__kabupaten").get(pk=handover.pk))


def _refuse_second_proposal(handover: Handover, kind: str, message: str) -> None:
    """One proposal of an act on a handover waits for its checker at a time."""
    if is_pending(kind=kind, target_id=handover.pk):
        raise ValidationError(message % {"number": handover.bast_number})


def _receive_apply(*, approval: Approval) -> None:
    data = approval.payload
    handover_receive(handover=Handover.objects.get(pk=approval.target_id), user=approval.maker, received=Received(
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        serial_numbers={int(k): v for k, v in data.get("serial_numbers", {}).items()}, notes=data.get("notes", "")))


def handover_replace_propose(*, handover: Handover, user, reason: str) -> Approval:
    """Propose replacing the invited recipient (refused, moved, died) with the first on the reserve list."""
    require_provincial(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan penggantian wajib diisi (misalnya menolak, pindah domisili, meninggal "
                                "dunia)."))
    with transaction.atomic():
        handover = _handover_locked(handover)
        if handover.outcome == Handover.Outcome.RECEIVED:
            raise ValidationError(_("Paket sudah diterima; penerima tidak dapat diganti."))
        _refuse_second_proposal(handover, ACT_REPLACE,
                                _("Penggantian penerima BAST %(number)s sudah diusulkan dan menunggu persetujuan."))
        candidate = handover.candidate
        return approval_propose(
            kind=ACT_REPLACE, user=user, year=candidate.programme_year_id, kabupaten=candidate.kabupaten,
            target_id=handover.pk, payload={"reason": reason},
            summary=_("Ganti %(name)s (BAST %(number)s, %(area)s) dengan calon pertama daftar cadangan: %(reason)s")
            % {"name": candidate.name, "number": handover.bast_number, "area": candidate.kabupaten.name,
               "reason": reason})


def _replace_apply(*, approval: Approval) -> None:
    replacement = handover_replace(handover=Handover.objects.get(pk=approval.target_id), user=approval.maker,
                                   reason=approval.payload["reason"])
    approval.payload = {**approval.payload, "replacement": replacement.pk if replacement else None}
    Approval.objects.filter(pk=approval.pk).update(payload=approval.payload)


def _area_checks(user, approval: Approval) -> bool:
    return user.can_write and user.can_work_in(approval.kabupaten_id)


def _candidate_link(approval: Approval) -> str:
    candidate_id = Handover.objects.filter(pk=approval.target_id).values_list("candidate_id", flat=True).first()
    return reverse("recipients:candidate_detail", args=[candidate_id]) if candidate_id else None


register(Act(kind=ACT_RECEIVE_UNPROVEN, label=_lazy("Serah terima tanpa bukti"), apply=_receive_apply,
             may_check=_area_checks, link=_candidate_link))
register(Act(kind=ACT_REPLACE, label=_lazy("Penggantian penerima dari daftar cadangan"), apply=_replace_apply,
             link=_candidate_link))
register(Act(kind=ACT_PRICE, label=_lazy("Perubahan harga satuan"), apply=_price_apply,
             link=lambda approval: reverse("disbursements:prices") + f"?tahun={approval.year}"))
register(Act(kind=ACT_CONTRACT, label=_lazy("Kontrak pengadaan"), apply=_contract_apply,
             link=lambda approval: reverse("disbursements:contracts") + f"?tahun={approval.year}"))
