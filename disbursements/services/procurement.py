"""Vendors, contracts and the deliveries they bring into a kabupaten/kota's stock."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.permissions import acting_province, require_area, require_province, require_provincial
from disbursements.models import (Contract, ContractAllocation, ContractLine, Delivery, DeliveryLine, DeliveryPhoto,
                                  Inspection, Item, StockMove, Vendor)
from disbursements.services.stock import stock_moves
from regions.models import Kabupaten
from regions.selectors import province_kabupaten_ids
from uep.dates import not_in_future
from uep.locks import lock_allocation


@dataclass(frozen=True)
class ContractLineInput:
    item: Item
    quantity: int
    unit_price: int
    allocations: dict  # kabupaten id -> quantity


def contract_line_check(*, line: ContractLineInput, number: int = 1) -> None:
    """The rule every path shares (form, admin import): the areas' allocations add up to the quantity."""
    if line.quantity < 1 or line.unit_price < 1:
        raise ValidationError(_("Baris %(n)s: jumlah dan harga satuan %(item)s harus lebih dari 0.")
                              % {"n": number, "item": line.item.name})
    allocated = sum(line.allocations.values())
    if allocated != line.quantity:
        raise ValidationError(_("Baris %(n)s: alokasi %(item)s ke kabupaten/kota berjumlah %(allocated)s, "
                                "sedangkan jumlah kontrak %(quantity)s.")
                              % {"n": number, "item": line.item.name, "allocated": allocated,
                                 "quantity": line.quantity})


def _lines_check(lines: list[ContractLineInput], *, province_id: int) -> None:
    if not lines:
        raise ValidationError(_("Kontrak harus berisi minimal satu barang."))
    # A contract delivers to the kabupaten/kota of its own province only.
    if {k for line in lines for k, q in line.allocations.items() if q} - set(province_kabupaten_ids(province_id)):
        raise ValidationError(_("Alokasi kontrak hanya ke kabupaten/kota provinsi kontrak itu."))
    items = [line.item.pk for line in lines]
    if len(items) != len(set(items)):
        raise ValidationError(_("Satu barang hanya boleh satu baris dalam kontrak."))
    for n, line in enumerate(lines, start=1):
        contract_line_check(line=line, number=n)


def _number_free(number: str, province_id: int, contract: Contract | None = None) -> str:
    number = number.strip()
    taken = Contract.objects.filter(province_id=province_id, number=number)
    if contract is not None:
        taken = taken.exclude(pk=contract.pk)
    if taken.exists():
        raise ValidationError(_("Nomor kontrak %(number)s sudah ada.") % {"number": number})
    return number


def _delivered_under_allocation(**filters):
    """Delivery lines that count against an allocation: the vendor's replacements of damaged goods do not."""
    return DeliveryLine.objects.filter(delivery__replaces__isnull=True, **filters)


def _below_delivered(*, item: str, area: str, delivered: int, allocated: int) -> ValidationError:
    return ValidationError(_("%(item)s: %(area)s sudah menerima %(delivered)s, alokasinya tidak bisa menjadi "
                             "%(allocated)s.") % {"item": item, "area": area, "delivered": delivered,
                                                  "allocated": allocated})


def _allocations_write(row: ContractLine, allocations: dict) -> None:
    ContractAllocation.objects.bulk_create(ContractAllocation(line=row, kabupaten_id=k, quantity=q)
                                           for k, q in allocations.items() if q)


@transaction.atomic
def contract_create(*, programme_year, vendor, number: str, signed_on: dt.date, lines: list[ContractLineInput],
                    user, notes: str = "") -> Contract:
    """A procurement contract of the year in the user's province: its vendor, items at their prices, and each
    item's areas."""
    require_provincial(user)
    province = acting_province(user)
    require_province(user, vendor.province_id)
    _lines_check(lines, province_id=province.pk)
    try:
        with transaction.atomic():
            contract = Contract.objects.create(programme_year=programme_year, province=province, vendor=vendor,
                                               number=_number_free(number, province.pk), signed_on=signed_on,
                                               notes=notes)
    except IntegrityError:
        raise ValidationError(_("Nomor kontrak %(number)s sudah ada.") % {"number": number}) from None
    for line in lines:
        row = ContractLine.objects.create(contract=contract, item=line.item, quantity=line.quantity,
                                          unit_price=line.unit_price)
        _allocations_write(row, line.allocations)
    return contract


@transaction.atomic
def contract_update(*, contract: Contract, vendor, number: str, signed_on: dt.date, lines: list[ContractLineInput],
                    user, notes: str = "") -> Contract:
    """Change a contract (an addendum): its lines and allocations are replaced by ``lines``.

    An area's allocation never goes below what was already delivered there, and a delivered item stays
    in the contract; each area touched is held under the same lock as its deliveries.
    """
    require_provincial(user)
    require_province(user, contract.province_id)
    require_province(user, vendor.province_id)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    _lines_check(lines, province_id=contract.province_id)
    number = _number_free(number, contract.province_id, contract)
    areas = set(ContractAllocation.objects.filter(line__contract=contract).values_list("kabupaten_id", flat=True))
    areas |= {k for line in lines for k, q in line.allocations.items() if q}
    for kabupaten_id in sorted(areas):
        lock_allocation(contract_id=contract.id, kabupaten_id=kabupaten_id)
    delivered = {}
    for item_id, kabupaten_id, n in (_delivered_under_allocation(contract_line__contract=contract)
                                     .values_list("contract_line__item_id", "delivery__kabupaten_id")
                                     .annotate(n=Sum("quantity_received"))):
        delivered[(item_id, kabupaten_id)] = n
    wanted = {line.item.pk: line for line in lines}
    names = dict(Kabupaten.objects.values_list("id", "name"))
    for (item_id, kabupaten_id), n in sorted(delivered.items()):
        line = wanted.get(item_id)
        allocated = line.allocations.get(kabupaten_id, 0) if line else 0
        if allocated < n:
            raise _below_delivered(item=Item.objects.get(pk=item_id).name, area=names[kabupaten_id], delivered=n,
                                   allocated=allocated)
    contract.vendor, contract.number, contract.signed_on, contract.notes = vendor, number, signed_on, notes
    contract.save(update_fields=["vendor", "number", "signed_on", "notes"])
    existing = {row.item_id: row for row in contract.lines.all()}
    ContractLine.objects.filter(pk__in=[row.pk for item_id, row in existing.items() if item_id not in wanted]).delete()
    for item_id, line in wanted.items():
        row = existing.get(item_id)
        if row is None:
            row = ContractLine.objects.create(contract=contract, item=line.item, quantity=line.quantity,
                                              unit_price=line.unit_price)
        else:
            row.quantity, row.unit_price = line.quantity, line.unit_price
            row.save(update_fields=["quantity", "unit_price"])
            row.allocations.all().delete()
        _allocations_write(row, line.allocations)
    return contract


def contract_allocation_check(*, line: ContractLine, kabupaten, quantity: int) -> None:
    """One area's allocation of a line, set alone (the admin's import): within the line, and not below what
    that area already received. The caller's transaction holds the area's delivery lock."""
    if kabupaten.province_id != line.contract.province_id:
        raise ValidationError(_("Alokasi kontrak hanya ke kabupaten/kota provinsi kontrak itu."))
    lock_allocation(contract_id=line.contract_id, kabupaten_id=kabupaten.id)
    if quantity < 1:
        raise ValidationError(_("Jumlah alokasi harus lebih dari 0."))
    others = sum(line.allocations.exclude(kabupaten=kabupaten).values_list("quantity", flat=True))
    if others + quantity > line.quantity:
        raise ValidationError(_("Alokasi %(item)s ke kabupaten/kota berjumlah %(allocated)s, lebih dari jumlah "
                                "kontrak %(quantity)s.") % {"item": line.item.name, "allocated": others + quantity,
                                                            "quantity": line.quantity})
    delivered = _delivered_under_allocation(contract_line=line, delivery__kabupaten=kabupaten).aggregate(
        n=Sum("quantity_received"))["n"] or 0
    if quantity < delivered:
        raise _below_delivered(item=line.item.name, area=kabupaten.name, delivered=delivered, allocated=quantity)


@transaction.atomic
def vendor_save(*, vendor: Vendor | None, name: str, user, npwp: str = "", address: str = "", phone: str = "",
                contact_person: str = "") -> Vendor:
    """Add a vendor (penyedia) of the user's province or change its details; the name is unique in the province."""
    require_provincial(user)
    if vendor is not None:
        require_province(user, vendor.province_id)
    province = vendor.province if vendor is not None else acting_province(user)
    name = " ".join(name.split())
    taken = Vendor.objects.filter(province=province, name__iexact=name)
    if vendor is not None:
        taken = taken.exclude(pk=vendor.pk)
    if not name or taken.exists():
        raise ValidationError(_("Penyedia %(name)s sudah ada.") % {"name": name} if name
                              else _("Nama penyedia wajib diisi."))
    vendor = vendor or Vendor(province=province)
    vendor.name, vendor.npwp, vendor.address = name, npwp.strip(), address.strip()
    vendor.phone, vendor.contact_person = phone.strip(), contact_person.strip()
    vendor.save()
    return vendor


@dataclass(frozen=True)
class DeliveryLineInput:
    contract_line: ContractLine
    quantity_stated: int
    quantity_received: int
    quantity_damaged: int = 0


def inspection_of(line: DeliveryLineInput) -> str:
    if line.quantity_damaged:
        return Inspection.DAMAGED
    if line.quantity_received < line.quantity_stated:
        return Inspection.SHORT
    return Inspection.OK


@transaction.atomic
def delivery_record(*, contract: Contract, kabupaten, received_on: dt.date, vendor_bast_number: str,
                    lines: list[DeliveryLineInput], user, photos=(), notes: str = "") -> Delivery:
    """Receive goods into a kabupaten/kota's stock: the accepted quantity (received less damaged) is stocked."""
    require_area(user, kabupaten.id)
    not_in_future(received_on, label=_("Tanggal diterima"))
    lines = [line for line in lines if line.quantity_stated or line.quantity_received]
    if not lines:
        raise ValidationError(_("Isi jumlah minimal satu barang."))
    # Two deliveries recorded at the same moment once both fitted the room left (7 delivered against 5).
    lock_allocation(contract_id=contract.id, kabupaten_id=kabupaten.id)
    allocated = dict(ContractAllocation.objects.filter(line__contract=contract, kabupaten=kabupaten)
                     .values_list("line_id", "quantity"))
    # Replacements of damaged goods fill what was refused, not the allocation (``delivery_replace``).
    delivered = dict(_delivered_under_allocation(delivery__contract=contract, delivery__kabupaten=kabupaten)
                     .values("contract_line_id").annotate(n=Sum("quantity_received"))
                     .values_list("contract_line_id", "n"))
    for line in lines:
        _line_check(line=line, contract=contract)
        room = allocated.get(line.contract_line.id, 0) - delivered.get(line.contract_line.id, 0)
        if line.quantity_received > room:
            raise ValidationError(_("%(item)s: diterima %(received)s, padahal sisa alokasi kontrak untuk %(area)s "
                                    "%(room)s.") % {"item": line.contract_line.item.name,
                                                    "received": line.quantity_received, "area": kabupaten.name,
                                                    "room": max(room, 0)})
    return _delivery_write(contract=contract, kabupaten=kabupaten, received_on=received_on,
                           vendor_bast_number=vendor_bast_number, lines=lines, user=user, photos=photos, notes=notes)


def _line_check(*, line: DeliveryLineInput, contract: Contract) -> None:
    name = line.contract_line.item.name
    if line.contract_line.contract_id != contract.id:
        raise ValidationError(_("%(item)s bukan barang kontrak ini.") % {"item": name})
    if line.quantity_damaged > line.quantity_received:
        raise ValidationError(_("%(item)s: jumlah rusak (%(damaged)s) lebih dari jumlah diterima (%(received)s).")
                              % {"item": name, "damaged": line.quantity_damaged, "received": line.quantity_received})


def _delivery_write(*, contract, kabupaten, received_on, vendor_bast_number, lines, user, photos, notes,
                    replaces: Delivery | None = None) -> Delivery:
    """The delivery, its lines and the stock moves of the accepted goods (received less damaged)."""
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(contract=contract, kabupaten=kabupaten, received_on=received_on,
                                               vendor_bast_number=vendor_bast_number.strip(), notes=notes,
                                               recorded_by=user, replaces=replaces)
    except IntegrityError:
        raise ValidationError(_("BAST penyedia %(number)s sudah dicatat untuk kontrak ini.")
                              % {"number": vendor_bast_number}) from None
    rows = DeliveryLine.objects.bulk_create(
        DeliveryLine(delivery=delivery, contract_line=line.contract_line, quantity_stated=line.quantity_stated,
                     quantity_received=line.quantity_received, quantity_damaged=line.quantity_damaged,
                     inspection=inspection_of(line)) for line in lines)
    note = (_("Penggantian barang rusak, BAST penyedia %(number)s") if replaces else _("BAST penyedia %(number)s")) \
        % {"number": delivery.vendor_bast_number}
    moves = [{"kabupaten_id": kabupaten.id, "item_id": row.contract_line.item_id, "kind": StockMove.Kind.RECEIVED,
              "quantity": row.quantity_received - row.quantity_damaged, "delivery_line": row, "note": note}
             for row in rows if row.quantity_received > row.quantity_damaged]
    stock_moves(moves=moves, user=user)
    DeliveryPhoto.objects.bulk_create(DeliveryPhoto(delivery=delivery, photo=p) for p in photos)
    return delivery


def replacement_outstanding(*, delivery: Delivery) -> dict[int, int]:
    """Per contract line: goods refused as damaged in this delivery that the vendor has not yet replaced
    (a replacement that itself arrives damaged leaves its damaged part outstanding)."""
    damaged = dict(delivery.lines.filter(quantity_damaged__gt=0).values_list("contract_line_id", "quantity_damaged"))
    replaced = dict(DeliveryLine.objects.filter(delivery__replaces=delivery).values("contract_line_id")
                    .annotate(n=Sum(F("quantity_received") - F("quantity_damaged")))
                    .values_list("contract_line_id", "n"))
    return {line: n - replaced.get(line, 0) for line, n in damaged.items() if n > replaced.get(line, 0)}


@transaction.atomic
def delivery_replace(*, delivery: Delivery, received_on: dt.date, vendor_bast_number: str,
                     lines: list[DeliveryLineInput], user, photos=(), notes: str = "") -> Delivery:
    """The vendor replaces goods found damaged on arrival in ``delivery``: recorded as a delivery of its own
    (the vendor's BAST, inspected again) that brings the accepted goods into stock; never more than is
    still outstanding, so the accepted total never passes the allocation."""
    require_area(user, delivery.kabupaten_id)
    if delivery.replaces_id:
        delivery = delivery.replaces  # a replacement of a replacement settles the original
    not_in_future(received_on, label=_("Tanggal diterima"))
    if received_on < delivery.received_on:
        raise ValidationError(_("Penggantian tidak mungkin diterima sebelum penerimaan %(date)s.")
                              % {"date": date_format(delivery.received_on)})
    lines = [line for line in lines if line.quantity_stated or line.quantity_received]
    if not lines:
        raise ValidationError(_("Isi jumlah minimal satu barang."))
    lock_allocation(contract_id=delivery.contract_id, kabupaten_id=delivery.kabupaten_id)
    outstanding = replacement_outstanding(delivery=delivery)
    for line in lines:
        _line_check(line=line, contract=delivery.contract)
        room = outstanding.get(line.contract_line.id, 0)
        if line.quantity_received > room:
            raise ValidationError(_("%(item)s: diterima %(received)s sebagai pengganti, padahal barang rusak dari "
                                    "BAST %(bast)s yang belum diganti %(room)s.")
                                  % {"item": line.contract_line.item.name, "received": line.quantity_received,
                                     "bast": delivery.vendor_bast_number, "room": room})
    return _delivery_write(contract=delivery.contract, kabupaten=delivery.kabupaten, received_on=received_on,
                           vendor_bast_number=vendor_bast_number, lines=lines, user=user, photos=photos, notes=notes,
                           replaces=delivery)
