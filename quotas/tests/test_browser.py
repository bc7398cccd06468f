import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_provincial_staff_decide_three_candidates_and_see_the_counters_move(
        login_page, live_server, programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 5)
    candidates = eligible(samarinda, 6)
    page = login_page(users["provincial"])

    page.goto(f"{live_server.url}/kuota/tahun/2025/penetapan/64.72/")
    counters = {name: page.get_by_test_id(f"count-{name}") for name in ("quota", "decided", "free", "waiting")}
    assert [counters[n].inner_text() for n in ("quota", "decided", "free", "waiting")] == ["5", "0", "5", "6"]

    for candidate in candidates[:3]:
        page.get_by_label(candidate.person.name, exact=True).check()
    assert page.locator('[data-selected-count="candidate"]').inner_text() == "3"
    page.get_by_test_id("decide-selected").click()

    assert page.get_by_role("status").first.inner_text() == "3 calon ditetapkan sebagai penerima."
    assert [counters[n].inner_text() for n in ("quota", "decided", "free", "waiting")] == ["5", "3", "2", "3"]
    assert page.get_by_test_id("count-committed").inner_text() == "Rp 15.000.000"
    decided = page.get_by_test_id("decided").inner_text()
    assert all(c.person.name in decided for c in candidates[:3])

    page.goto(f"{live_server.url}/kuota/?tahun=2025")
    assert page.get_by_test_id("decided-64.72").inner_text() == "3"
    assert page.get_by_test_id("total-free").inner_text() == "2"
