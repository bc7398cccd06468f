import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from recipients.models import CandidateStatus
from verification.models import FieldVisit


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_records_a_field_visit_with_a_photo_on_a_phone(page, live_server, login_page, users, samarinda,
                                                                  make_candidate):
    candidate = make_candidate(samarinda, name="Ani Lapangan Samarinda", status="desk_passed",
                               created_by=users["officer"])
    page.set_viewport_size({"width": 390, "height": 844})
    login_page(users["officer"])

    page.goto(f"{live_server.url}/verifikasi/lapangan/")
    card = page.locator(".field-cards li", has_text="Ani Lapangan Samarinda")
    card.get_by_role("link", name="Catat kunjungan").click()
    page.get_by_label("usaha ada").check()
    page.get_by_label("sesuai usulan").check()
    page.get_by_label("Miskin", exact=True).check()
    page.get_by_label("Layak", exact=True).check()
    page.set_input_files("input[type=file]", files=[{"name": "usaha.jpg", "mimeType": "image/jpeg",
                                                      "buffer": jpeg_bytes()}])
    with page.expect_navigation():  # read the page the save answers with, not the form mid-navigation
        page.get_by_role("button", name="Simpan kunjungan").click()

    expect(page.locator("body")).to_contain_text("Verifikasi lapangan Ani Lapangan Samarinda tersimpan.")
    visit = FieldVisit.objects.get(candidate=candidate)
    assert (visit.verdict, visit.officer, visit.photos.count()) == ("layak", users["officer"], 1)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.FIELD_ELIGIBLE


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_pages_and_searches_the_people_waiting_for_a_visit_on_a_phone(page, live_server, login_page,
                                                                                users, samarinda, make_candidate):
    for i in range(30):
        make_candidate(samarinda, name=f"Warga Antre {i:02d}", status="desk_passed", created_by=users["officer"])
    page.set_viewport_size({"width": 390, "height": 844})
    login_page(users["officer"])

    page.goto(f"{live_server.url}/verifikasi/lapangan/")
    assert page.get_by_test_id("field-total").inner_text() == "30 calon menunggu kunjungan"
    assert page.locator(".field-cards li").count() == 24
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    page.get_by_role("link", name="Berikutnya").click()
    assert page.locator(".field-cards li").count() == 6
    assert "Halaman 2 · baris 25–30 dari 30" in page.locator("main").inner_text()

    page.get_by_label("Cari nama atau NIK").fill("antre 29")
    page.get_by_role("button", name="Cari").click()
    assert page.get_by_test_id("field-total").inner_text() == "1 calon menunggu kunjungan"
    assert page.locator(".field-cards li").inner_text().startswith("Warga Antre 29")
