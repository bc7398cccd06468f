"""Every working page leads back: a link back to the page it belongs to (``← ...``), or the section's
own tabs. The pages of the header's menus, the Beranda and the account pages are where one starts."""

import pytest
from django.urls import reverse

from uep.navigation import menus_for
from uep.tests.test_authorization import MATRIX, world, world_once  # noqa: F401 - the fixtures of the matrix's objects

STARTING_POINTS = {"home", "health", "login", "logout", "year_choose",
                   # reached from the QR code or the number printed on a BAST
                   "disbursements:bast_check", "disbursements:bast_check_form",
                   # a family's own complaint form and its tracking, for the public
                   "grievances:submit", "grievances:track"}


def leads_back(html: str) -> bool:
    main = html.split("<main", 1)[1]
    return 'class="back"' in main or 'class="subnav"' in main


@pytest.mark.slow  # every working page
@pytest.mark.django_db
def test_every_working_page_has_a_back_link(client, world):
    provincial = world["users"]["provincial"]
    client.force_login(provincial)
    menu_pages = {url for menu in menus_for(provincial) for _label, url in menu.entries}
    lacking = []
    for name, access in sorted(MATRIX.items()):
        if access.method != "get" or name in STARTING_POINTS or name.startswith("public:"):  # the public's own pages
            continue
        url = reverse(name, kwargs=access.kwargs(world))
        if url in menu_pages:
            continue
        response = client.get(url, access.data(world))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        if "<main" in (html := response.content.decode()) and not leads_back(html):
            lacking.append(name)
    assert lacking == [], "\n".join(lacking)
