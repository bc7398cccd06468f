"""The warehouse's acts the ledger names: a return, damage found, a write-off, and the vendor's replacement of goods
damaged on arrival; each a service, a page and a move of the ledger."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disbursements.models import Delivery, StockBalance, StockMove, Vendor
from disbursements.services.handover import Received, handover_day_create, handover_invite, handover_receive
from disbursements.services.procurement import (ContractLineInput, DeliveryLineInput, contract_create, delivery_record,
                                       delivery_replace)
from disbursements.services.stock import stock_damage, stock_return, stock_write_off
from regions.models import Province


@pytest.fixture
def received(users, samarinda, make_candidate, programme_year, stocked_package, items, stock_in):
    """Sri received the package (2 tepung, 1 kompor); 3 tepung and 2 kompor stay on hand."""
    programme_year.training_required = False
    programme_year.save()
    recipient = make_candidate(samarinda, name="Sri Penerima", status="decided", requested_package="PG-GORENGAN",
                               created_by=users["officer"])
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Dinsos", user=users["officer"])
    stock_in(samarinda, items["tepung"], 5)
    stock_in(samarinda, items["kompor"], 3)
    handover, = handover_invite(day=day, candidates=[recipient], user=users["officer"])
    return handover_receive(handover=handover, user=users["officer"], received=Received(serial_numbers={
        handover.lines.get(item=items["kompor"]).id: "KG-0001"}))


def _balance(area, item):
    return StockBalance.objects.get(kabupaten=area, item=item)


def test_goods_returned_from_a_recipient_come_back_on_hand_never_more_than_the_bast_gave(users, samarinda, items,
                                                                                         received):
    line = received.lines.get(item=items["tepung"])

    move = stock_return(kabupaten=samarinda, item=items["tepung"], quantity=2, handover_line=line,
                        reason="Penerima pindah ke luar daerah", user=users["officer"])

    assert (move.kind, move.quantity, move.handover_line_id) == (StockMove.Kind.RETURNED, 2, line.id)
    balance = _balance(samarinda, items["tepung"])
    assert (balance.on_hand, balance.returned) == (5, 2)
    with pytest.raises(ValidationError, match="menyerahkan 2 karung Tepung terigu dan 2 sudah kembali"):
        stock_return(kabupaten=samarinda, item=items["tepung"], quantity=1, handover_line=line, reason="lagi",
                     user=users["officer"])


def test_a_return_of_more_than_went_out_or_without_a_reason_is_refused(users, samarinda, items, received):
    with pytest.raises(ValidationError, match="baru 1 unit Kompor gas keluar ke penerima"):
        stock_return(kabupaten=samarinda, item=items["kompor"], quantity=2, reason="salah hitung",
                     user=users["officer"])
    with pytest.raises(ValidationError, match="Tuliskan alasannya"):
        stock_return(kabupaten=samarinda, item=items["kompor"], quantity=1, reason="  ", user=users["officer"])
    with pytest.raises(PermissionDenied):
        stock_return(kabupaten=samarinda, item=items["kompor"], quantity=1, reason="x", user=users["other_officer"])
    assert not StockMove.objects.filter(kind=StockMove.Kind.RETURNED).exists()


def test_damage_found_in_the_warehouse_leaves_the_stock_never_below_zero(users, samarinda, items, received):
    stock_damage(kabupaten=samarinda, item=items["kompor"], quantity=1, reason="Selang bocor", user=users["officer"])

    balance = _balance(samarinda, items["kompor"])
    assert (balance.on_hand, balance.damaged) == (1, 1)
    with pytest.raises(ValidationError, match="tinggal 1 unit, diperlukan 2"):
        stock_damage(kabupaten=samarinda, item=items["kompor"], quantity=2, reason="banjir", user=users["officer"])


def test_a_write_off_needs_provincial_staff_and_a_reason(users, samarinda, items, received):
    with pytest.raises(PermissionDenied):
        stock_write_off(kabupaten=samarinda, item=items["tepung"], quantity=1, reason="Kedaluwarsa",
                        user=users["officer"])

    move = stock_write_off(kabupaten=samarinda, item=items["tepung"], quantity=1, reason="Kedaluwarsa",
                           user=users["provincial"])

    assert (move.kind, move.note) == (StockMove.Kind.WRITTEN_OFF, "Kedaluwarsa")
    balance = _balance(samarinda, items["tepung"])
    assert (balance.on_hand, balance.written_off) == (2, 1)


@pytest.fixture
def damaged_delivery(users, samarinda, programme_year, items):
    """5 kompor ordered for Samarinda; the vendor's BAST brought 5, 2 of them broken."""
    contract = contract_create(programme_year=programme_year, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Kompor"),
                               number="K/GANTI/1", signed_on=dt.date(2025, 3, 1), user=users["provincial"],
                               lines=[ContractLineInput(items["kompor"], 5, 500_000, {samarinda.id: 5})])
    return delivery_record(contract=contract, kabupaten=samarinda, received_on=dt.date(2025, 4, 1),
                           vendor_bast_number="BAST/CVK/1", user=users["officer"],
                           lines=[DeliveryLineInput(contract.lines.get(), 5, 5, 2)])


def test_the_vendors_replacement_of_damaged_goods_fills_the_order(users, samarinda, items, damaged_delivery):
    # Before, a replacement was refused "sisa alokasi 0", so ordered never equalled delivered.
    line = damaged_delivery.contract.lines.get()
    with pytest.raises(ValidationError, match="sisa alokasi kontrak untuk Kota Samarinda 0"):
        delivery_record(contract=damaged_delivery.contract, kabupaten=samarinda, received_on=dt.date(2025, 4, 8),
                        vendor_bast_number="BAST/CVK/2", user=users["officer"],
                        lines=[DeliveryLineInput(line, 2, 2)])

    first = delivery_replace(delivery=damaged_delivery, received_on=dt.date(2025, 4, 8),
                             vendor_bast_number="BAST/CVK/2", user=users["officer"],
                             lines=[DeliveryLineInput(line, 2, 2, 1)])
    with pytest.raises(ValidationError, match="barang rusak dari BAST BAST/CVK/1 yang belum diganti 1"):
        delivery_replace(delivery=first, received_on=dt.date(2025, 4, 9), vendor_bast_number="BAST/CVK/3",
                         user=users["officer"], lines=[DeliveryLineInput(line, 2, 2)])
    delivery_replace(delivery=first, received_on=dt.date(2025, 4, 9), vendor_bast_number="BAST/CVK/3",
                     user=users["officer"], lines=[DeliveryLineInput(line, 1, 1)])

    assert Delivery.objects.filter(replaces=damaged_delivery).count() == 2
    balance = _balance(samarinda, items["kompor"])
    assert (balance.on_hand, balance.received) == (5, 5)


def test_an_officer_records_damage_and_a_replacement_through_the_pages(client, users, samarinda, items, received,
                                                                       damaged_delivery):
    client.force_login(users["officer"])
    response = client.post("/penyaluran/stok/catat/rusak/", {"item": items["kompor"].id, "quantity": "1",
                                                             "reason": "Tabung penyok"})
    assert response.status_code == 302
    moves = client.get("/penyaluran/stok/mutasi/").content.decode()
    assert "Rusak di gudang" in moves and "Tabung penyok" in moves
    refused = client.post("/penyaluran/stok/catat/rusak/", {"item": items["kompor"].id, "quantity": "1.000",
                                                            "reason": "banjir"}).content.decode()
    assert "tinggal" in refused
    assert client.get("/penyaluran/stok/catat/hapus/").status_code == 403
    assert client.get("/penyaluran/stok/catat/pindah/").status_code == 404

    page = client.get(f"/penyaluran/penerimaan/{damaged_delivery.id}/ganti/").content.decode()
    assert "Belum diganti" in page and "Kompor gas 2 unit" in page
    line = damaged_delivery.contract.lines.get()
    response = client.post(f"/penyaluran/penerimaan/{damaged_delivery.id}/ganti/", {
        "received_on": "2025-04-08", "vendor_bast_number": "BAST/CVK/2", f"stated_{line.id}": "2",
        f"received_{line.id}": "2"})
    assert response.status_code == 302
    assert "Pengganti barang rusak dari BAST BAST/CVK/1" in client.get("/penyaluran/penerimaan/").content.decode()

    client.force_login(users["provincial"])
    response = client.post("/penyaluran/stok/catat/hapus/", {"kabupaten": samarinda.id, "item": items["tepung"].id,
                                                             "quantity": "1", "reason": "Hilang saat banjir"})
    assert response.status_code == 302
    assert _balance(samarinda, items["tepung"]).written_off == 1
