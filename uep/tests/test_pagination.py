"""The one pager: page 2 of a filtered list is page 2 of the filtered list."""

import datetime as dt

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


@pytest.mark.django_db
def test_the_quota_ledger_and_the_yearly_reports_are_paged_not_cut(client, users, programme_year, samarinda):
    """Every entry of the quota ledger was on one page, and the reports list stopped at 20 without saying so."""
    from exports.models import Job
    from monitoring.jobs import REPORT
    from quotas.models import BudgetDocument, QuotaEntry

    plan = BudgetDocument.objects.create(programme_year=programme_year, province=samarinda.province, kind="murni",
                                         number="DPA/UJI/1", date=dt.date(2025, 1, 2), amount=10**10)
    QuotaEntry.objects.bulk_create(QuotaEntry(programme_year=programme_year, kabupaten=samarinda, document=plan,
                                              places=1, reason=f"Entri {n}", created_by=users["provincial"])
                                   for n in range(51))
    Job.objects.bulk_create(Job(kind=REPORT, user=users["provincial"], subject=f"Laporan {n}") for n in range(21))
    client.force_login(users["provincial"])

    for url, last in ((reverse("quotas:ledger", args=[2025]), "Entri 0"), (reverse("monitoring:reports"), "Laporan 0")):
        first = client.get(url).content.decode()
        assert "Halaman 1 dari 2" in first and "Berikutnya" in first and last not in first, url
        assert last in client.get(url, {"page": 2}).content.decode(), url

