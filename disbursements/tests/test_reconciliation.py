"""The reconciliation recomputes every figure from the documents, the ledger's moves and the balances, and lists
every disagreement: a ledger row or a balance written by hand no longer leaves the page saying it balances."""

import datetime as dt

import pytest
from django.db.models import F

from disbursements.models import StockBalance, StockMove, Vendor
from disbursements.reports import reconciliation_by_area
from disbursements.services.handover import Received, handover_day_create, handover_invite, handover_receive
from disbursements.services.procurement import ContractLineInput, DeliveryLineInput, contract_create, delivery_record
from regions.models import Province

BALANCED = "Tidak ada selisih"


@pytest.fixture
def books(users, samarinda, make_candidate, programme_year, stocked_package, items):
    """Contract and delivery of 2 tepung and 1 kompor for Samarinda, handed over to Sri: every book agrees."""
    programme_year.training_required = False
    programme_year.save()
    contract = contract_create(programme_year=programme_year, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Gorengan"),
                               number="K/REKON/1", signed_on=dt.date(2025, 3, 1), user=users["provincial"],
                               lines=[ContractLineInput(items["tepung"], 2, 250_000, {samarinda.id: 2}),
                                      ContractLineInput(items["kompor"], 1, 500_000, {samarinda.id: 1})])
    delivery_record(contract=contract, kabupaten=samarinda, received_on=dt.date(2025, 4, 1),
                    vendor_bast_number="BAST/CVG/1", user=users["officer"],
                    lines=[DeliveryLineInput(line, line.quantity, line.quantity) for line in contract.lines.all()])
    recipient = make_candidate(samarinda, name="Sri Penerima", status="decided", requested_package="PG-GORENGAN",
                               created_by=users["officer"])
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Dinsos", user=users["officer"])
    handover, = handover_invite(day=day, candidates=[recipient], user=users["officer"])
    return handover_receive(handover=handover, user=users["officer"], received=Received(serial_numbers={
        handover.lines.get(item=items["kompor"]).id: "KG-0001"}))


def _page(client, user) -> str:
    client.force_login(user)
    return client.get("/penyaluran/rekonsiliasi/").content.decode()


def test_books_written_only_by_the_acts_balance(client, users, programme_year, books):
    report = reconciliation_by_area(user=users["provincial"], programme_year=programme_year)

    assert report["differences"] == []
    kompor = next(r for r in report["rows"] if r["item"] == "Kompor gas")
    assert (kompor["ordered"], kompor["delivered"], kompor["handed_over"], kompor["on_hand"]) == (1, 1, 1, 0)
    assert BALANCED in _page(client, users["provincial"])


def test_a_ledger_row_written_by_hand_is_listed(client, users, samarinda, items, books):
    # Written the way an admin's SQL would: the move and its running total, no delivery behind it.
    StockMove.objects.create(kabupaten=samarinda, item=items["kompor"], kind=StockMove.Kind.RECEIVED, quantity=3,
                             user=users["admin"], note="koreksi manual")
    StockBalance.objects.filter(kabupaten=samarinda, item=items["kompor"]).update(
        on_hand=F("on_hand") + 3, received=F("received") + 3)

    page = _page(client, users["provincial"])

    assert BALANCED not in page
    assert "Kota Samarinda · Kompor gas: buku stok mencatat 4 diterima, dokumen penerimaan (BAST penyedia) 1" in page
    assert "Kota Samarinda · Kompor gas: 1 mutasi di buku stok tanpa dokumen" in page


def test_a_balance_written_by_hand_is_listed(client, users, samarinda, items, books):
    StockBalance.objects.filter(kabupaten=samarinda, item=items["tepung"]).update(on_hand=F("on_hand") + 2,
                                                                                  damaged=5)

    page = _page(client, users["officer"])

    assert "Tepung terigu: stok tercatat 2, menurut mutasi seharusnya 0" in page
    assert "Tepung terigu: saldo mencatat 5 rusak, mutasi di buku stok 0" in page
    assert "Tepung terigu" not in _page(client, users["other_officer"])


def test_a_handover_line_changed_by_hand_disagrees_with_the_ledger(users, programme_year, items, books):
    books.lines.filter(item=items["tepung"]).update(quantity=3)

    report = reconciliation_by_area(user=users["provincial"], programme_year=programme_year)

    assert [d.what for d in report["differences"] if d.item == "Tepung terigu"] == [
        "buku stok mencatat 2 diserahkan, BAST serah terima yang diterima 3",
        "saldo mencatat nilai diserahkan Rp 500.000, BAST serah terima Rp 750.000"]


def test_the_warehouses_own_acts_keep_the_books_balanced(users, samarinda, programme_year, items, books):
    from disbursements.services.stock import stock_damage, stock_return

    stock_return(kabupaten=samarinda, item=items["kompor"], quantity=1, reason="Penerima pindah",
                 handover_line=books.lines.get(item=items["kompor"]), user=users["officer"])
    stock_damage(kabupaten=samarinda, item=items["kompor"], quantity=1, reason="Retak", user=users["officer"])

    report = reconciliation_by_area(user=users["provincial"], programme_year=programme_year)

    assert report["differences"] == []
    kompor = next(r for r in report["rows"] if r["item"] == "Kompor gas")
    assert (kompor["moves_returned"], kompor["moves_damaged"], kompor["on_hand"]) == (1, 1, 0)
