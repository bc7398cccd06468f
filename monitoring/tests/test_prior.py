"""Earlier programmes' recipients followed with visits: their own cohort, scoped, never in UEP's figures."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monitoring import selectors
from monitoring.models import PriorFollowUp, PriorVisit
from monitoring.services.prior import prior_follow_up_start, prior_visit_record
from monitoring.services.rounds import rounds_schedule
from verification.models import PriorRecipient

RECEIVED = dt.date(2023, 3, 1)


@pytest.fixture
def wrse_2023(db):
    """Five imported WRSE 2023 recipients (the import's own rows: NIK, year, scheme)."""
    return [PriorRecipient.objects.create(nik=f"64720141038{i:05d}", year=2023, scheme="WRSE", source="uji")
            for i in range(1, 6)]


def follow(user, area, prior, name):
    return prior_follow_up_start(user=user, kabupaten=area, nik=prior.nik, scheme="WRSE", year=2023, name=name,
                                 received_on=RECEIVED)


def record(user, follow_up, months, outcome, revenue=None):
    return prior_visit_record(follow_up=follow_up, user=user, months=months,
                              visited_on=follow_up.received_on + dt.timedelta(days=31 * months), outcome=outcome,
                              monthly_revenue=revenue, reason="Modal habis" if outcome == "tutup" else "")


@pytest.fixture
def followed(users, samarinda, balikpapan, wrse_2023):
    """Four followed in Samarinda, one in Balikpapan, visited as the comments say."""
    officer = users["officer"]
    a, b, c, d = (follow(officer, samarinda, p, n) for p, n in zip(wrse_2023, "ABCD"))
    e = follow(users["other_officer"], balikpapan, wrse_2023[4], "E")
    record(officer, a, 6, "berjalan", 1_000_000)
    record(officer, a, 12, "berkembang", 3_000_000)
    record(officer, b, 6, "tersendat", 2_000_000)
    record(officer, b, 12, "tutup")  # closed at 12
    record(officer, c, 6, "tidak_ditemukan")  # not reached at 6, running at 12: was running at 6
    record(officer, c, 12, "berjalan", 2_500_000)
    record(officer, d, 6, "meninggal")  # died: a competing event at 6, not a closure
    record(users["other_officer"], e, 6, "tutup")
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


def test_a_followed_earlier_cohort_by_hand(users, followed):
    (wrse,) = selectors.prior_cohorts(users["officer"])

    assert (wrse.scheme, wrse.year, wrse.followed) == ("WRSE", 2023, 4)
    six, twelve, twenty_four, _thirty_six = wrse.cells
    # At 6: A and B met (C not found, D died); all four followed (C's time is 12), nobody closed.
    assert (six.reached, six.survival, six.omzet_median) == (2, 1.0, 1_500_000)
    # At 12: A, B, C followed (D died at 6); B closed: S = 1 x (1 - 1/3).
    assert (twelve.reached, twelve.omzet_median) == (3, 2_750_000)
    assert twelve.survival == pytest.approx(2 / 3)
    assert (twenty_four.reached, twenty_four.survival) == (0, None)  # nobody followed that far yet


def test_each_area_sees_its_own_followed_recipients_only(users, followed):
    (balikpapan,) = selectors.prior_cohorts(users["other_officer"])
    assert balikpapan.followed == 1 and balikpapan.cells[0].survival == 0.0
    (province,) = selectors.prior_cohorts(users["provincial"])
    assert province.followed == 5 and province.cells[0].reached == 3

    with pytest.raises(PermissionDenied):
        record(users["other_officer"], followed["A"], 24, "berjalan", 1)
    assert not PriorVisit.objects.filter(months=24).exists()


def test_they_are_not_mixed_into_the_uep_figures(users, followed, programme_year, samarinda, hand_over, visit):
    family = hand_over(samarinda)
    rounds_schedule()
    visit(family, 3, "berjalan", revenue=1_000_000)
    today = dt.date(2026, 12, 1)

    (cohort,) = selectors.cohorts(users["provincial"], today=today)
    total, _groups = selectors.survival(users["provincial"], programme_year=programme_year, today=today)
    assert cohort.handed_over == 1 and cohort.cells[0].reached == 0
    assert total.rounds[0].cohort == 1 and total.rounds[0].running == 1
    graduation_total, _g, _reasons = selectors.graduation(users["provincial"], programme_year=programme_year)
    assert graduation_total.handed_over == 1


def test_only_an_imported_recipient_is_followed_once_in_the_users_area(users, samarinda, balikpapan, wrse_2023):
    with pytest.raises(ValidationError, match="tidak ada di daftar penerima WRSE tahun 2023"):
        prior_follow_up_start(user=users["officer"], kabupaten=samarinda, nik="6472014103990001", scheme="WRSE",
                              year=2023, name="X", received_on=RECEIVED)
    with pytest.raises(ValidationError, match="tidak ada di daftar penerima KUBE"):
        prior_follow_up_start(user=users["officer"], kabupaten=samarinda, nik=wrse_2023[0].nik, scheme="KUBE",
                              year=2023, name="X", received_on=RECEIVED)
    with pytest.raises(PermissionDenied):
        follow(users["officer"], balikpapan, wrse_2023[0], "X")
    follow(users["officer"], samarinda, wrse_2023[0], "Siti")
    with pytest.raises(ValidationError, match="sudah diikuti di Kota Samarinda"):
        follow(users["provincial"], balikpapan, wrse_2023[0], "Siti")


def test_a_visit_follows_the_uep_visit_rules(users, samarinda, wrse_2023):
    siti = follow(users["officer"], samarinda, wrse_2023[0], "Siti")
    with pytest.raises(ValidationError, match="alasan usaha tutup"):
        prior_visit_record(follow_up=siti, user=users["officer"], months=6, visited_on=dt.date(2023, 9, 1),
                           outcome="tutup")
    with pytest.raises(ValidationError, match="Isi omzet"):
        prior_visit_record(follow_up=siti, user=users["officer"], months=6, visited_on=dt.date(2023, 9, 1),
                           outcome="berjalan")
    with pytest.raises(ValidationError, match="sebelum tanggal menerima bantuan"):
        prior_visit_record(follow_up=siti, user=users["officer"], months=6, visited_on=dt.date(2023, 1, 1),
                           outcome="pindah")
    first = prior_visit_record(follow_up=siti, user=users["officer"], months=6, visited_on=dt.date(2023, 9, 1),
                               outcome="pindah", monthly_revenue=5)
    assert first.monthly_revenue is None  # nobody met: nothing measured
    again = record(users["officer"], siti, 6, "berjalan", 900_000)  # the same round again corrects it
    assert again.pk == first.pk and PriorVisit.objects.count() == 1


def test_staff_follow_and_visit_through_the_pages(client, users, wrse_2023, balikpapan):
    client.force_login(users["officer"])
    response = client.post("/monitoring/terdahulu/", {
        "nik": wrse_2023[0].nik, "scheme": "WRSE", "year": "2023", "name": "Siti Aminah",
        "received_on": "2023-03-01"})
    follow_up = PriorFollowUp.objects.get()
    assert response.status_code == 302 and follow_up.kabupaten == users["officer"].kabupaten
    response = client.post(f"/monitoring/terdahulu/{follow_up.id}/", {
        "months": "6", "visited_on": "2023-09-04", "outcome": "berjalan", "monthly_revenue": "1.500.000"})
    assert response.status_code == 302
    assert PriorVisit.objects.get().monthly_revenue == 1_500_000
    page = client.get(f"/monitoring/terdahulu/{follow_up.id}/").content.decode()
    assert "Rp 1.500.000" in page and "4 Sep 2023" in page
    cohorts = client.get("/monitoring/kohort/").content.decode()
    assert 'data-testid="prior-WRSE-2023"' in cohorts and "100,0%" in cohorts

    # A NIK not imported is refused in Indonesian, nothing written.
    response = client.post("/monitoring/terdahulu/", {
        "nik": "6472014103990001", "scheme": "KUBE", "year": "2024", "name": "X", "received_on": "2024-03-01"})
    assert response.status_code == 200 and "tidak ada di daftar penerima KUBE tahun 2024" in response.content.decode()
    assert PriorFollowUp.objects.count() == 1

    client.force_login(users["other_officer"])
    assert client.get(f"/monitoring/terdahulu/{follow_up.id}/").status_code == 404
    assert "Siti Aminah" not in client.get("/monitoring/terdahulu/").content.decode()
    assert 'prior-WRSE-2023' not in client.get("/monitoring/kohort/").content.decode()
    client.force_login(users["viewer"])
    assert client.post(f"/monitoring/terdahulu/{follow_up.id}/", {"months": "12"}).status_code == 403
    assert client.post("/monitoring/terdahulu/", {"nik": wrse_2023[1].nik}).status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_follows_an_earlier_recipient_and_sees_its_cohort(page, live_server, login_page, users, wrse_2023):
    login_page(users["officer"])
    page.goto(f"{live_server.url}/monitoring/terdahulu/")
    page.fill("#id_nik", wrse_2023[0].nik)
    page.select_option("#id_scheme", "WRSE")
    page.fill("#id_year", "2023")
    page.fill("#id_name", "Siti Aminah")
    page.fill("#id_received_on", "2023-03-01")
    page.get_by_role("button", name="Ikuti").click()

    page.get_by_text("Siti Aminah kini diikuti.").wait_for()
    page.fill("#id_months", "6")
    page.fill("#id_visited_on", "2023-09-04")
    page.get_by_label("Berjalan").check()
    page.fill("#id_monthly_revenue", "1.500.000")
    page.get_by_role("button", name="Simpan kunjungan").click()
    page.get_by_text("Kunjungan untuk Siti Aminah tersimpan.").wait_for()
    assert "Rp 1.500.000" in page.locator("[data-testid=prior-visits]").inner_text()

    page.goto(f"{live_server.url}/monitoring/kohort/")
    row = page.locator("[data-testid=prior-WRSE-2023]")
    assert row.locator("th").inner_text() == "WRSE 2023"
    assert "100,0%" in row.inner_text() and "Rp 1.500.000" in row.inner_text()
