from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.models import Handover
from uep.tests.pdf import scan_pdf


def test_an_officer_records_a_handover_through_the_form(client, users, samarinda, make_candidate, gorengan):
    trained = make_candidate(samarinda, name="Rina Samarinda", status="trained", created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.post(f"/penyaluran/{trained.id}/serah-terima/", {
        "package_type": gorengan.id, "date": "2025-06-02", "bast_number": "BAST/SMD/7",
        "bast_scan": SimpleUploadedFile("bast.pdf", scan_pdf(), content_type="application/pdf"),
    })

    assert response.status_code == 302
    assert Handover.objects.get(candidate=trained).bast_number == "BAST/SMD/7"
    listing = client.get("/penyaluran/").content.decode()
    assert "Rina Samarinda" in listing and "BAST/SMD/7" in listing


def test_a_refused_handover_shows_why_and_writes_nothing(client, users, samarinda, make_candidate, gorengan):
    decided = make_candidate(samarinda, status="decided", created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.post(f"/penyaluran/{decided.id}/serah-terima/", {
        "package_type": gorengan.id, "date": "2025-06-02", "bast_number": "BAST/SMD/8",
        "bast_scan": SimpleUploadedFile("bast.pdf", scan_pdf(), content_type="application/pdf"),
    })

    assert response.status_code == 200
    assert "belum mengikuti bimtek" in response.content.decode()
    assert not Handover.objects.exists()


def test_a_bimtek_is_recorded_for_the_ticked_candidates(client, users, samarinda, make_candidate):
    a = make_candidate(samarinda, name="Peserta Satu", status="decided", created_by=users["officer"])
    b = make_candidate(samarinda, name="Peserta Dua", status="decided", created_by=users["officer"])
    client.force_login(users["officer"])
    page = client.get("/penyaluran/bimtek/").content.decode()
    assert "Peserta Satu" in page and "Peserta Dua" in page

    response = client.post("/penyaluran/bimtek/", {"date": "2025-05-20", "venue": "Aula", "topic": "Gorengan",
                                                   "participants": [a.id]})

    assert response.status_code == 302
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.status, b.status) == ("trained", "decided")
