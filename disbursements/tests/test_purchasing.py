"""Purchasing in the app: items, the price list, vendors, contracts with their lines and areas' allocations,
entered by provincial staff and read by each officer for their own area; imports that name things by code."""

import datetime as dt

import pytest
import tablib
from django.core.exceptions import ValidationError

from disbursements.models import Contract, ContractAllocation, Item, ItemPrice, PackageItem, Vendor
from disbursements.services.procurement import ContractLineInput, DeliveryLineInput, contract_create, contract_update, \
    delivery_record
from disbursements.resources import ContractAllocationResource, PackageItemResource
from regions.models import Province


def _approve_pending(checker) -> None:
    """Four eyes: prices and contracts are written when a second provincial staff member approves."""
    from approvals.models import Approval, ApprovalStatus
    from approvals.services import approval_approve

    for approval in Approval.objects.filter(status=ApprovalStatus.PENDING).order_by("id"):
        approval_approve(approval=approval, user=checker)


def _contract_form(vendor, item, areas: dict, quantity="5", price="Rp 500.000", number="027/KONTRAK/2025"):
    data = {"vendor": vendor.id, "number": number, "signed_on": "2025-03-14", "notes": "",
            "baris-TOTAL_FORMS": "2", "baris-INITIAL_FORMS": "0", "baris-MIN_NUM_FORMS": "0",
            "baris-MAX_NUM_FORMS": "200", "baris-0-item": item.id, "baris-0-quantity": quantity,
            "baris-0-unit_price": price, "baris-1-item": "", "baris-1-quantity": "", "baris-1-unit_price": ""}
    data.update({f"baris-0-alloc_{area.id}": n for area, n in areas.items()})
    return data


def test_provincial_staff_keep_items_prices_vendors_and_contracts_in_the_app(client, users, programme_year,
                                                                            samarinda, balikpapan):
    client.force_login(users["provincial"])
    assert client.post("/penyaluran/barang/baru/", {"code": "kompor-2t", "name": "Kompor gas", "unit": "unit",
                                                    "specification": "2 tungku", "kind": "equipment",
                                                    "has_serial_number": "on"}).status_code == 302
    kompor = Item.objects.get(code="KOMPOR-2T")
    assert kompor.has_serial_number
    assert client.post("/penyaluran/harga/", {"item": kompor.id, "unit_price": "Rp 450.000,-",
                                              "source": "SSH 2025"}).status_code == 302
    assert not ItemPrice.objects.exists()  # waits for a second person
    _approve_pending(users["admin"])
    assert ItemPrice.objects.get(item=kompor, programme_year=programme_year).unit_price == 450_000
    assert "Rp 450.000" in client.get("/penyaluran/barang/").content.decode()
    assert client.post("/penyaluran/penyedia/baru/", {"name": "CV Mitra Usaha", "npwp": "01.234.567.8-722.000",
                                                      "address": "", "phone": "", "contact_person": ""}
                       ).status_code == 302
    vendor = Vendor.objects.get(name="CV Mitra Usaha")

    refused = client.post("/penyaluran/kontrak/baru/", _contract_form(vendor, kompor, {samarinda: "3",
                                                                                       balikpapan: "1"}))
    assert "Baris 1: alokasi Kompor gas ke kabupaten/kota berjumlah 4, sedangkan jumlah kontrak 5." in \
        refused.content.decode()
    assert not Contract.objects.exists()

    saved = client.post("/penyaluran/kontrak/baru/", _contract_form(vendor, kompor, {samarinda: "3",
                                                                                     balikpapan: "2"}))
    assert saved.status_code == 302
    assert not Contract.objects.exists()
    _approve_pending(users["admin"])
    line = Contract.objects.get(number="027/KONTRAK/2025").lines.get()
    assert (line.quantity, line.unit_price) == (5, 500_000)
    assert dict(line.allocations.values_list("kabupaten__code", "quantity")) == {"64.72": 3, "64.71": 2}

    typo = client.post("/penyaluran/kontrak/baru/", _contract_form(vendor, kompor, {samarinda: "5"},
                                                                   price="5,5", number="K/2"))
    assert "tidak jelas" in typo.content.decode()


@pytest.fixture
def contract(users, programme_year, samarinda, balikpapan, items):
    return contract_create(programme_year=programme_year, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Mitra"),
                           number="K/ALOKASI/1", signed_on=dt.date(2025, 3, 1), user=users["provincial"],
                           lines=[ContractLineInput(items["kompor"], 5, 500_000, {samarinda.id: 3, balikpapan.id: 2})])


def test_an_officer_reads_only_their_own_areas_allocation_and_a_viewer_reads_all(client, users, contract):
    client.force_login(users["officer"])
    page = client.get("/penyaluran/kontrak/").content.decode()
    assert "Kota Samarinda 3" in page and "Kota Balikpapan" not in page and "Rp 2.500.000" not in page
    assert client.get("/penyaluran/kontrak/baru/").status_code == 403
    client.force_login(users["viewer"])
    page = client.get("/penyaluran/kontrak/").content.decode()
    assert "Kota Samarinda 3" in page and "Kota Balikpapan 2" in page
    assert client.post("/penyaluran/harga/", {"item": contract.lines.get().item_id,
                                              "unit_price": "1"}).status_code == 403


def test_an_addendum_never_takes_an_allocation_below_what_was_delivered(users, samarinda, balikpapan, items,
                                                                       contract):
    line = contract.lines.get()
    delivery_record(contract=contract, kabupaten=samarinda, received_on=dt.date(2025, 4, 1),
                    vendor_bast_number="BAST/1", user=users["officer"], lines=[DeliveryLineInput(line, 3, 3)])
    arguments = {"contract": contract, "vendor": contract.vendor, "number": contract.number,
                 "signed_on": contract.signed_on, "user": users["provincial"]}

    with pytest.raises(ValidationError, match="Kota Samarinda sudah menerima 3, alokasinya tidak bisa menjadi 2"):
        contract_update(lines=[ContractLineInput(items["kompor"], 4, 500_000, {samarinda.id: 2, balikpapan.id: 2})],
                        **arguments)
    with pytest.raises(ValidationError, match="alokasinya tidak bisa menjadi 0"):
        contract_update(lines=[ContractLineInput(items["tepung"], 1, 250_000, {samarinda.id: 1})], **arguments)

    contract_update(lines=[ContractLineInput(items["kompor"], 6, 480_000, {samarinda.id: 3, balikpapan.id: 3}),
                           ContractLineInput(items["tepung"], 2, 250_000, {balikpapan.id: 2})], **arguments)
    assert sorted(contract.lines.values_list("item__code", "quantity", "unit_price")) == [
        ("KOMPOR-2T", 6, 480_000), ("TEPUNG-25", 2, 250_000)]
    assert line.delivery_lines.count() == 1  # the delivered line was changed, not replaced


def _import(resource, headers, rows):
    return resource.import_data(tablib.Dataset(*rows, headers=headers), dry_run=False, raise_errors=False)


def _errors(result) -> list[str]:
    messages = [str(e.error) for row in result.rows for e in row.errors]
    messages += [m for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    return messages


def test_allocations_are_imported_by_contract_number_item_code_and_area_code_or_name(contract, samarinda):
    ContractAllocation.objects.filter(kabupaten=samarinda).delete()

    result = _import(ContractAllocationResource(), ["contract", "item", "kabupaten", "quantity"],
                     [["K/ALOKASI/1", "kompor-2t", "Samarinda", 2], ["K/ALOKASI/1", "KOMPOR-2T", "6472", 3],
                      ["K/ALOKASI/1", "KOMPOR-2T", "Nunukan", 1], ["K/ALOKASI/1", "MESIN-JAHIT", "64.72", 1]])

    errors = _errors(result)
    assert any("\u201cNunukan\u201d bukan kabupaten/kota di Kalimantan Timur" in e for e in errors), errors
    assert any("Kontrak K/ALOKASI/1 tidak berisi barang dengan kode MESIN-JAHIT" in e for e in errors), errors
    assert not ContractAllocation.objects.filter(kabupaten=samarinda).exists()  # a file with errors writes nothing

    result = _import(ContractAllocationResource(), ["contract", "item", "kabupaten", "quantity"],
                     [["K/ALOKASI/1", "kompor-2t", "Samarinda", 2], ["K/ALOKASI/1", "KOMPOR-2T", "6472", 3]])

    assert not _errors(result)
    assert ContractAllocation.objects.get(kabupaten=samarinda).quantity == 3


def test_an_allocation_import_over_the_contract_is_refused_with_the_figures(contract, samarinda):
    result = _import(ContractAllocationResource(), ["contract", "item", "kabupaten", "quantity"],
                     [["K/ALOKASI/1", "KOMPOR-2T", "Kota Samarinda", 4]])

    assert any("berjumlah 6, lebih dari jumlah kontrak 5" in e for e in _errors(result)), _errors(result)
    assert ContractAllocation.objects.get(kabupaten=samarinda).quantity == 3


def test_package_items_are_imported_by_year_and_package_code(stocked_package, items):
    result = _import(PackageItemResource(), ["year", "package", "item", "quantity", "unit_price"],
                     [[2025, "pg-gorengan", "KOMPOR-2T", 2, 500_000], [2031, "PG-GORENGAN", "KOMPOR-2T", 2, 1]])

    assert any("Paket PG-GORENGAN tidak ada di tahun 2031" in e for e in _errors(result)), _errors(result)
    assert PackageItem.objects.get(package=stocked_package, item=items["kompor"]).quantity == 1
    _import(PackageItemResource(), ["year", "package", "item", "quantity", "unit_price"],
            [[2025, "pg-gorengan", "KOMPOR-2T", 2, 500_000]])
    assert PackageItem.objects.get(package=stocked_package, item=items["kompor"]).quantity == 2
    stocked_package.refresh_from_db()
    assert stocked_package.value == 1_500_000


def test_a_price_list_import_goes_through_the_price_service(users, programme_year, items):
    from disbursements.resources import ItemPriceResource

    headers = ["programme_year", "item", "unit_price", "source"]
    result = ItemPriceResource().import_data(tablib.Dataset([2025, "tepung-25", 260_000, "SSH 2025"],
                                                            [2025, "GULA-1", 15_000, ""], headers=headers),
                                             dry_run=False, raise_errors=False, user=users["provincial"])
    assert any("Barang dengan kode GULA-1 tidak ada" in e for e in _errors(result)), _errors(result)
    assert not ItemPrice.objects.exists()

    result = ItemPriceResource().import_data(tablib.Dataset([2025, "tepung-25", 260_000, "SSH 2025"],
                                                            headers=headers),
                                             dry_run=False, raise_errors=False, user=users["officer"])
    assert result.has_errors() and not ItemPrice.objects.exists()  # an officer does not set prices

    ItemPriceResource().import_data(tablib.Dataset([2025, "tepung-25", 260_000, "SSH 2025"], headers=headers),
                                    dry_run=False, raise_errors=False, user=users["provincial"])
    assert ItemPrice.objects.get(item=items["tepung"]).unit_price == 260_000
