import pytest

pytestmark = pytest.mark.browser


def test_a_family_complains_without_a_name_and_follows_it_on_a_phone(page, live_server, samarinda):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pengaduan/")
    page.select_option("#id_category", "pungli")
    page.select_option("#id_kabupaten", str(samarinda.pk))
    page.fill("#id_description", "Diminta uang Rp 500.000 supaya diusulkan")
    page.click("button[type=submit]")
    code = page.get_by_test_id("grievance-code").inner_text()
    assert len(code) == 10
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Lihat status pengaduan").click()
    page.fill("#id_code", code.lower())
    page.click("button[type=submit]")
    assert page.get_by_test_id("track-status").inner_text() == "Diterima"
    assert "Diminta uang" not in page.content()


@pytest.mark.parametrize("width", [390, 1366])
def test_provincial_staff_set_a_deadline_add_a_holiday_and_read_the_month(page, live_server, login_page, users,
                                                                         samarinda, width):
    from grievances.models import CategoryDeadline, Holiday
    from grievances.services.handling import grievance_submit

    from uep.formatting import tanggal, tanggal_angka

    complaint = grievance_submit(category="goods", kabupaten=samarinda, description="Kompor tidak menyala")
    page.set_viewport_size({"width": width, "height": 900})
    login_page(users["provincial"])

    page.goto(f"{live_server.url}/pengaduan/batas-waktu/")
    page.get_by_label("Barang bantuan").fill("7")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan batas waktu").click()
    assert "Batas waktu disimpan" in page.content()
    assert CategoryDeadline.objects.get(category="goods").resolve_working_days == 7
    # 0 days: the phone's own check holds the form (the server's Indonesian refusal: test_deadlines.py).
    page.get_by_label("Barang bantuan").fill("0")
    page.get_by_role("button", name="Simpan batas waktu").click()
    assert page.get_by_label("Barang bantuan").evaluate("field => field.validity.valid") is False
    assert CategoryDeadline.objects.get(category="goods").resolve_working_days == 7
    page.fill("#id_date", "2026-12-31")
    page.fill("#id_name", "Cuti bersama akhir tahun")
    page.get_by_role("button", name="Tambah").click()
    assert page.get_by_test_id("holidays").get_by_text("Cuti bersama akhir tahun").is_visible()
    assert Holiday.objects.filter(name="Cuti bersama akhir tahun").exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The list's dates: numeric in the table, in words on the phone's cards.
    page.goto(f"{live_server.url}/pengaduan/daftar/")
    received = complaint.received_at
    words, digits = tanggal(received), tanggal_angka(received)
    shown = page.locator("table.cards-sm tbody tr").first.inner_text()
    assert (words in shown, digits in shown) == ((True, False) if width == 390 else (False, True)), shown

    page.goto(f"{live_server.url}/pengaduan/bulanan/")
    table = page.get_by_test_id("monthly-table")
    assert table.is_visible()
    row = table.locator("tr", has_text="Kota Samarinda")
    assert row.locator("td").nth(1).inner_text() == "1"
    assert page.get_by_test_id("monthly-total").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    with page.expect_download() as download:
        page.get_by_test_id("monthly-xlsx").click()
    assert download.value.suggested_filename.startswith("pengaduan-")
