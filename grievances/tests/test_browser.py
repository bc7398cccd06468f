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
