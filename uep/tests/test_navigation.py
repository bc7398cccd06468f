"""The header: the case's stages as menus on one line of a laptop, by keyboard, and on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from uep.navigation import STAGES


@pytest.mark.django_db
def test_the_provinces_menus_are_the_stages_of_a_case_in_order(client, users, programme_year):
    client.force_login(users["provincial"])
    menus = client.get(reverse("home")).context["nav_menus"]

    assert [m.label for m in menus] == [str(label) for label in STAGES.values()]
    assert all(m.entries for m in menus)


@pytest.mark.django_db
def test_an_officer_sees_no_provincial_page_in_the_menus(client, users, programme_year):
    client.force_login(users["officer"])
    urls = [url for menu in client.get(reverse("home")).context["nav_menus"] for _label, url in menu.entries]

    assert reverse("verification:snapshot_list") not in urls
    assert reverse("quotas:years") not in urls
    assert reverse("recipients:upload_create") in urls


@pytest.mark.django_db
def test_verifikasi_names_only_the_candidates_verification(client, users, programme_year):
    """The sample check of the deliveries is an uji petik, so "Verifikasi" means one thing."""
    client.force_login(users["provincial"])
    menus = client.get(reverse("home")).context["nav_menus"]

    verification_urls = [url for m in menus if m.key == "verifikasi" for _label, url in m.entries]
    assert all(url.startswith("/verifikasi/") for url in verification_urls)
    labels = [label for m in menus if m.key != "verifikasi" for label, _url in m.entries]
    assert not [label for label in labels if "Verifikasi" in label]
    main = client.get(reverse("disbursements:checks")).content.decode().split("<main")[1]
    assert "erifikasi" not in main


@pytest.mark.django_db
def test_the_header_names_a_user_called_after_the_role_once(client, make_user):
    from accounts.models import Role

    user = make_user("provinsi", Role.PROVINCIAL, first_name="Staf Dinsos", last_name="Provinsi")
    client.force_login(user)
    header = client.get(reverse("home")).content.decode().split("</header>")[0]

    assert header.count("Staf Dinsos Provinsi") == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["admin", "provincial", "officer", "viewer"])
def test_the_header_is_one_line_on_a_1366_laptop(page, login_page, users, programme_year, role):
    page.set_viewport_size({"width": 1366, "height": 768})
    login_page(users[role])

    height = page.locator("header.topbar").bounding_box()["height"]
    assert height <= 56, f"header {height} px high for {role}: it wraps"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_menu_opens_and_leads_to_its_page_by_keyboard(page, live_server, login_page, users, programme_year):
    page.set_viewport_size({"width": 1366, "height": 768})
    login_page(users["provincial"])
    menu = page.get_by_test_id("nav-penyaluran")
    entry = menu.get_by_role("link", name="Serah terima")
    assert not entry.is_visible()

    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(entry).to_be_visible()
    page.keyboard.press("Escape")
    expect(entry).to_be_hidden()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url(f"{live_server.url}/penyaluran/acara/")
    assert "current" in page.get_by_test_id("nav-penyaluran").locator("summary").get_attribute("class")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_one_menu_is_open_at_a_time(page, login_page, users, programme_year):
    page.set_viewport_size({"width": 1366, "height": 768})
    login_page(users["provincial"])
    page.get_by_test_id("nav-calon").locator("summary").click()
    page.get_by_test_id("nav-penyaluran").locator("summary").click()

    assert not page.get_by_test_id("nav-calon").get_by_role("link", name="Calon penerima").is_visible()
    assert page.get_by_test_id("nav-penyaluran").get_by_role("link", name="Serah terima").is_visible()
    page.locator("main").click()
    assert not page.get_by_test_id("nav-penyaluran").get_by_role("link", name="Serah terima").is_visible()
