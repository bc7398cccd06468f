import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.models import PackageType


@pytest.fixture
def gorengan(db):
    return PackageType.objects.create(code="PG-GORENGAN", name="Paket usaha gorengan", sector="food",
                                      items="Tepung\nMinyak goreng\nKompor\nTabung gas\nWajan\nSpatula")


@pytest.fixture
def bast_scan():
    return SimpleUploadedFile("bast.pdf", b"%PDF-1.4 BAST bertanda tangan", content_type="application/pdf")


@pytest.fixture
def handed_over(users, samarinda, make_candidate, gorengan, bast_scan):
    """A Samarinda recipient, trained and handed a package on 2 June 2025."""
    from disbursements.services import handover_record, training_record

    candidate = make_candidate(samarinda, name="Budi Penerima Samarinda", status="decided",
                               created_by=users["officer"])
    training_record(programme_year=candidate.programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                    venue="Aula Dinsos", topic="Bimtek gorengan", candidates=[candidate], user=users["officer"])
    handover_record(candidate=candidate, package_type=gorengan, date=dt.date(2025, 6, 2), bast_number="BAST/001",
                    bast_scan=bast_scan, user=users["officer"])
    candidate.refresh_from_db()
    return candidate
