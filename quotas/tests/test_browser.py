import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_one_staff_member_proposes_three_a_second_approves_and_the_counters_move(
        login_page, live_server, programme_year, samarinda, set_quota, eligible, users, make_user):
    from accounts.models import Role

    checker = make_user("staf_prov_pemeriksa", Role.PROVINCIAL, first_name="Pemeriksa", last_name="Kedua")
    set_quota(samarinda, 5)
    candidates = eligible(samarinda, 6)
    page = login_page(users["provincial"])

    page.goto(f"{live_server.url}/kuota/tahun/2025/penetapan/64.72/")
    counters = {name: page.get_by_test_id(f"count-{name}") for name in ("quota", "decided", "free", "waiting")}
    assert [counters[n].inner_text() for n in ("quota", "decided", "free", "waiting")] == ["5", "0", "5", "6"]

    for candidate in candidates[:3]:
        page.get_by_label(candidate.name, exact=True).check()
    assert page.locator('[data-selected-count="candidate"]').inner_text() == "3"
    page.get_by_test_id("decide-selected").click()

    assert page.get_by_role("status").first.inner_text().startswith(
        "Usulan dicatat dan menunggu persetujuan staf lain: Tetapkan 3 calon Kota Samarinda 2025")
    # Nobody is decided yet, but the three places are held for the proposal.
    assert [counters[n].inner_text() for n in ("quota", "decided", "free", "waiting")] == ["5", "0", "2", "6"]

    page.context.clear_cookies()
    page = login_page(checker)
    waiting = page.get_by_test_id("approvals-waiting")
    assert "1 usulan menunggu persetujuan Anda" in waiting.inner_text()
    waiting.get_by_role("link", name="Tetapkan 3 calon").click()
    page.get_by_test_id("approval-approve").click()
    assert page.get_by_role("status").first.inner_text() == "Usulan disetujui dan dijalankan."
    assert page.get_by_test_id("approval-checker").inner_text().startswith("Pemeriksa Kedua")

    page.goto(f"{live_server.url}/kuota/tahun/2025/penetapan/64.72/")
    assert [counters[n].inner_text() for n in ("quota", "decided", "free", "waiting")] == ["5", "3", "2", "3"]
    assert page.get_by_test_id("count-committed").inner_text() == "Rp 15.000.000"
    page.get_by_test_id("tab-ditetapkan").click()
    decided = page.get_by_test_id("decided").inner_text()
    assert all(c.name in decided for c in candidates[:3])

    page.goto(f"{live_server.url}/kuota/?tahun=2025")
    assert page.get_by_test_id("decided-64.72").inner_text() == "3"
    assert page.get_by_test_id("total-free").inner_text() == "2"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tetapkan_teratas_offers_the_places_left_and_decides_only_after_the_confirmation(
        login_page, live_server, programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 4)
    candidates = eligible(samarinda, 7)
    page = login_page(users["provincial"])
    page.goto(f"{live_server.url}/kuota/tahun/2025/penetapan/64.72/")

    count = page.get_by_label("Jumlah teratas")
    assert count.input_value() == "4"  # the places left, not every eligible candidate
    count.fill("3")
    page.get_by_test_id("decide-top").click()

    confirm = page.get_by_test_id("confirm")
    assert "3 calon teratas Kota Samarinda, peringkat 1 sampai 3" in confirm.inner_text()
    assert candidates[2].name in confirm.inner_text()
    assert page.get_by_test_id("money").inner_text() == "3 × Rp 5.000.000 = Rp 15.000.000"
    assert page.get_by_test_id("count-decided").count() == 0  # nothing decided yet: still the confirmation

    page.get_by_role("link", name="Batal").click()
    assert page.get_by_test_id("count-decided").inner_text() == "0"

    page.get_by_test_id("decide-top").click()  # 4 now, the places left
    page.get_by_test_id("confirm-decide").click()
    assert "Tetapkan 4 calon teratas" in page.get_by_role("status").first.inner_text()
    assert page.get_by_test_id("count-decided").inner_text() == "0"  # four eyes: waits for a second person
    assert page.get_by_test_id("count-free").inner_text() == "0"  # the places are held meanwhile
