"""The one pager: page 2 of a filtered list is page 2 of the filtered list."""

import pytest
from django.urls import reverse


@pytest.fixture
def complaints(make_candidate, samarinda, users):
    """55 open complaints and 5 resolved ones in Samarinda: two pages of open ones."""
    from grievances.models import Grievance

    for n in range(60):
        Grievance.objects.create(
            code=f"PAGE{n:06d}", kabupaten=samarinda, category="goods", channel="visit", recorded_by=users["officer"],
            description=f"Keluhan {n}", status="received" if n < 55 else "resolved")


@pytest.mark.django_db
def test_page_two_of_a_filtered_complaint_list_stays_filtered(client, users, complaints):
    client.force_login(users["provincial"])
    first = client.get(reverse("grievances:list"), {"status": "received"})

    next_link = first.context["page"].next_page_number()
    assert next_link == 2
    html = first.content.decode()
    assert 'href="?status=received&amp;page=2"' in html

    second = client.get(reverse("grievances:list"), {"status": "received", "page": 2})
    rows = list(second.context["page"])
    assert len(rows) == 5 and {c.status for c in rows} == {"received"}
    assert 'href="?status=received&amp;page=1"' in second.content.decode()


def test_the_pager_replaces_only_its_own_parameter(rf):
    from django.template import Context, Template

    request = rf.get("/x/", {"q": "Sari", "halaman": "3", "page": "9", "tahun": ["2025", "2026"]})
    html = Template('{% page_url 4 %}').render(Context({"request": request, "page_param": "halaman"}))

    assert html == "?q=Sari&amp;halaman=4&amp;page=9&amp;tahun=2025&amp;tahun=2026"
