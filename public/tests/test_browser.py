import pytest

pytestmark = pytest.mark.browser


def test_a_family_checks_its_status_on_a_390_px_phone(page, live_server, users, samarinda, make_candidate):
    candidate = make_candidate(samarinda, name="Siti Nurhaliza", created_by=users["officer"], status="reserve")
    page.set_viewport_size({"width": 390, "height": 844})
    loaded = []
    page.on("response", lambda response: loaded.append(response))
    page.goto(f"{live_server.url}/cek-status/")
    assert sum(len(r.body()) for r in loaded if r.ok) < 10_000  # the page and its one stylesheet
    page.fill("#id_nik", candidate.person.nik)
    page.fill("#id_tanggal_lahir", "1985-03-07")
    page.click("button[type=submit]")
    assert page.get_by_test_id("status-stage").inner_text() == "Cadangan"
    assert page.get_by_test_id("status-name").inner_text() == "S**i N*******a"
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert candidate.person.nik not in page.content()
