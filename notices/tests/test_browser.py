"""The staff page of notices on a phone: counts per area and kind, the officer's own area only."""

import pytest

from notices import texts
from notices.models import Kind, Notice, Status
from notices.services import outbox

pytestmark = pytest.mark.browser


def test_an_officer_reads_the_notices_of_their_area_on_a_phone(login_page, live_server, users, samarinda,
                                                               balikpapan, make_candidate):
    ours = [make_candidate(samarinda, created_by=users["officer"], phone="081234567890") for _ in range(3)]
    theirs = make_candidate(balikpapan, created_by=users["other_officer"], phone="081299990000")
    outbox.notices_for_candidates(kind=Kind.HANDOVER_INVITED, event="day1", candidates=[*ours, theirs],
                                    text=texts.render(Kind.HANDOVER_INVITED, day="Senin 7 Des 2026", place="Aula"))
    Notice.objects.filter(candidate=ours[0]).update(status=Status.SENT)
    Notice.objects.filter(candidate=ours[1]).update(status=Status.OPTED_OUT)
    page = login_page(users["officer"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pemberitahuan/")
    table = page.get_by_test_id("notice-summary")
    row = table.locator("tbody tr").first
    assert row.locator("td").all_inner_texts() == ["Kota Samarinda", "Undangan penyerahan paket", "1", "0", "0",
                                                  "1", "1", "0", "0"]
    assert "Kota Balikpapan" not in table.inner_text()
    page.select_option("#id_jenis", "decided")
    page.get_by_role("button", name="Tampilkan").click()
    assert "Belum ada pemberitahuan" in page.get_by_test_id("notice-summary").inner_text()
    # The page does not scroll sideways; the wide table scrolls in its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
