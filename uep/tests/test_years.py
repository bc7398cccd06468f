"""The year is chosen once in the header and kept for every page."""

import pytest

from programmes.models import ProgrammeYear


@pytest.fixture
def two_years(programme_year):
    """2025 (the fixture's) and a newer, open 2026 that holds nobody yet."""
    return programme_year, ProgrammeYear.objects.create(year=2026)


def test_without_a_choice_the_pages_open_on_the_current_year(client, users, two_years):
    client.force_login(users["officer"])

    response = client.get("/penyaluran/")

    assert response.context["programme_year"].year == 2026
    assert response.context["header_year"].year == 2026


def test_the_header_choice_is_remembered_for_the_user_on_every_page(client, users, two_years, samarinda,
                                                                     make_candidate):
    make_candidate(samarinda, name="Rina Penerima 2025", status="decided", created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.post("/akun/tahun/", {"tahun": "2025", "next": "/penyaluran/"})

    assert response.status_code == 302 and response["Location"] == "/penyaluran/"
    users["officer"].refresh_from_db()
    assert users["officer"].chosen_year == 2025
    assert "Rina Penerima 2025" in client.get("/penyaluran/").content.decode()
    assert client.get("/monitoring/keberlanjutan/").context["programme_year"].year == 2025
    assert client.get("/calon/").context["header_year"].year == 2025


def test_a_page_whose_address_holds_the_year_opens_in_the_chosen_year(client, users, two_years):
    client.force_login(users["provincial"])

    response = client.post("/akun/tahun/", {"tahun": "2025", "next": "/kuota/tahun/2026/kuota/?tahun=2026&x=1"})

    assert response["Location"] == "/kuota/tahun/2025/kuota/?x=1"


def test_a_bad_year_or_a_foreign_address_changes_nothing_and_stays_on_the_site(client, users, two_years):
    client.force_login(users["officer"])

    assert client.post("/akun/tahun/", {"tahun": "1999", "next": "https://evil.example/"})["Location"] == "/"
    assert client.post("/akun/tahun/", {"tahun": "20\x0025", "next": "//evil.example/"}).status_code == 400
    users["officer"].refresh_from_db()
    assert users["officer"].chosen_year is None
    for bad in ("abc", "9999999999999999", "1999"):
        assert client.get("/penyaluran/", {"tahun": bad}).context["programme_year"].year == 2026
    for refused in ("99999999999999999999", "\x00"):  # the middleware's 400, before any page
        assert client.get("/penyaluran/", {"tahun": refused}).status_code == 400


def test_after_saving_a_bimtek_the_officer_lands_on_the_list_of_that_year(client, users, two_years, samarinda,
                                                                          make_candidate):
    trainee = make_candidate(samarinda, name="Peserta Bimtek 2025", status="decided", created_by=users["officer"])
    client.force_login(users["officer"])

    client.post("/penyaluran/bimtek/?tahun=2025", {"date": "2025-05-20", "venue": "Aula", "topic": "Gorengan",
                                                   "participants": [trainee.id]})
    listing = client.get("/penyaluran/", follow=True)

    assert listing.context["programme_year"].year == 2025
    assert "Peserta Bimtek 2025" in listing.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_year_picked_in_the_header_stays_while_the_officer_moves_between_pages(live_server, login_page, users,
                                                                                  two_years, samarinda,
                                                                                  make_candidate):
    make_candidate(samarinda, name="Rina Penerima 2025", status="decided", created_by=users["officer"])
    page = login_page(users["officer"])
    page.goto(f"{live_server.url}/penyaluran/")
    assert page.get_by_role("heading", level=1).inner_text() == "Penyaluran paket 2026"

    with page.expect_navigation():  # back to the same address: waiting for the URL alone returns at once
        page.get_by_label("Tahun program").select_option("2025")
    page.wait_for_url(f"{live_server.url}/penyaluran/")

    assert page.get_by_role("heading", level=1).inner_text() == "Penyaluran paket 2025"
    assert "Rina Penerima 2025" in page.content()
    page.goto(f"{live_server.url}/monitoring/keberlanjutan/")
    assert page.get_by_label("Tahun program").input_value() == "2025"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_navigation_folds_behind_a_menu_button(page, live_server, login_page, users, programme_year):
    page.set_viewport_size({"width": 390, "height": 844})
    login_page(users["officer"])
    nav = page.get_by_role("navigation", name="Navigasi utama")
    assert not nav.is_visible()

    page.get_by_test_id("menu-toggle").click()

    assert nav.is_visible()
    nav.get_by_test_id("nav-penyaluran").locator("summary").click()
    nav.get_by_role("link", name="Penyaluran paket").click()
    page.wait_for_url(f"{live_server.url}/penyaluran/")
    assert not page.get_by_role("navigation", name="Navigasi utama").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
