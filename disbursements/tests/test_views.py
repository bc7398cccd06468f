import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.models import Handover, MonitoringVisit


def test_an_officer_records_a_handover_through_the_form(client, users, samarinda, make_candidate, gorengan):
    trained = make_candidate(samarinda, name="Rina Samarinda", status="trained", created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.post(f"/penyaluran/{trained.id}/serah-terima/", {
        "package_type": gorengan.id, "date": "2025-06-02", "bast_number": "BAST/SMD/7",
        "bast_scan": SimpleUploadedFile("bast.pdf", b"%PDF-1.4", content_type="application/pdf"),
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
        "bast_scan": SimpleUploadedFile("bast.pdf", b"%PDF-1.4", content_type="application/pdf"),
    })

    assert response.status_code == 200
    assert "belum mengikuti bimtek" in response.content.decode()
    assert not Handover.objects.exists()


def test_another_areas_officer_cannot_record_a_visit(client, users, handed_over):
    client.force_login(users["other_officer"])

    response = client.post(f"/penyaluran/{handed_over.id}/monitoring/",
                           {"visited_on": "2025-09-01", "state": "closed"})

    assert response.status_code == 404
    assert not MonitoringVisit.objects.exists()


def test_a_viewer_reads_the_survival_page_but_records_nothing(client, users, handed_over):
    client.force_login(users["viewer"])

    assert client.get("/penyaluran/monitoring/").status_code == 200
    response = client.post(f"/penyaluran/{handed_over.id}/monitoring/", {"visited_on": "2025-09-01", "state": "running"})
    assert response.status_code == 403
    assert not MonitoringVisit.objects.exists()


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_records_a_monitoring_visit_on_a_phone(page, live_server, login_page, users, handed_over):
    page.set_viewport_size({"width": 390, "height": 844})
    login_page(users["officer"])
    page.goto(f"{live_server.url}/penyaluran/")
    page.get_by_role("link", name="Catat monitoring").click()

    page.fill("#id_visited_on", dt.date(2025, 9, 1).isoformat())
    page.get_by_label("Berkembang").check()
    page.fill("#id_monthly_revenue", "3000000")
    page.get_by_role("button", name="Simpan").click()

    assert "Kunjungan monitoring untuk Budi Penerima Samarinda dicatat." in page.content()
    visit = MonitoringVisit.objects.get()
    assert (visit.state, visit.monthly_revenue, visit.recorded_by) == ("growing", 3_000_000, users["officer"])


def test_an_omzet_typed_the_indonesian_way_is_saved_as_that_amount(client, users, handed_over):
    client.force_login(users["officer"])
    response = client.post(f"/penyaluran/{handed_over.id}/monitoring/", {
        "visited_on": "2025-09-01", "state": "running", "monthly_revenue": "2.000.000"})
    assert response.status_code == 302
    assert MonitoringVisit.objects.get().monthly_revenue == 2_000_000


def test_an_ambiguous_omzet_is_refused_in_indonesian(client, users, handed_over):
    client.force_login(users["officer"])
    response = client.post(f"/penyaluran/{handed_over.id}/monitoring/", {
        "visited_on": "2025-09-01", "state": "running", "monthly_revenue": "1,5"})
    assert response.status_code == 200
    assert "Rupiah ditulis tanpa sen" in response.content.decode()
    assert not MonitoringVisit.objects.exists()
