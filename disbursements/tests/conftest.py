import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.models import PackageType
from regions.models import Province


@pytest.fixture
def gorengan(programme_year):
    """An active package with no items (so no stock is needed); see ``stocked`` for one with items."""
    return PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-GORENGAN", name="Paket usaha gorengan",
                                      sector="food", is_active=True, value=5_000_000)


@pytest.fixture
def bast_scan():
    return SimpleUploadedFile("bast.pdf", b"%PDF-1.4 BAST bertanda tangan", content_type="application/pdf")


@pytest.fixture
def handed_over(users, samarinda, make_candidate, gorengan, bast_scan):
    """A Samarinda recipient, trained and handed a package on 2 June 2025."""
    from disbursements.services.handover import handover_record
    from disbursements.services.training import training_record

    candidate = make_candidate(samarinda, name="Budi Penerima Samarinda", status="decided",
                               created_by=users["officer"])
    training_record(programme_year=candidate.programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                    venue="Aula Dinsos", topic="Bimtek gorengan", candidates=[candidate], user=users["officer"])
    handover_record(candidate=candidate, package_type=gorengan, date=dt.date(2025, 6, 2), bast_number="BAST/001",
                    bast_scan=bast_scan, user=users["officer"])
    candidate.refresh_from_db()
    return candidate


@pytest.fixture
def items(db):
    from disbursements.models import Item

    return {
        "tepung": Item.objects.create(code="TEPUNG-25", name="Tepung terigu", specification="25 kg", unit="karung"),
        "kompor": Item.objects.create(code="KOMPOR-2T", name="Kompor gas", specification="2 tungku", unit="unit",
                                      kind="equipment", has_serial_number=True),
    }


@pytest.fixture
def stocked_package(programme_year, items, users):
    """An active package of 2 karung tepung and 1 kompor (Rp 1.000.000)."""
    from disbursements.services.catalogue import LineInput, package_activate, package_lines_set

    package = PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-GORENGAN", name="Paket gorengan",
                                         sector="food")
    package_lines_set(package=package, lines=[LineInput(items["tepung"], 2, 250_000),
                                              LineInput(items["kompor"], 1, 500_000)], user=users["provincial"])
    return package_activate(package=package, user=users["provincial"])


@pytest.fixture
def stock_in(users):
    """Put ``quantity`` of an item into an area's stock, as a delivery would."""
    from django.db import transaction

    from disbursements.models import StockMove
    from disbursements.services.stock import stock_move

    def put(kabupaten, item, quantity):
        with transaction.atomic():
            stock_move(kabupaten_id=kabupaten.id, item_id=item.id, kind=StockMove.Kind.RECEIVED, quantity=quantity,
                       user=users["provincial"], note="uji")

    return put
