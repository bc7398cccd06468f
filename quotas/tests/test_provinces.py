"""Several provinces: the programme year's rules are national (once the server serves several provinces, only the
superuser without a province changes them), and each province's papers name its own place of signing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from monitoring.report import report_pdf
from programmes.models import ProgrammeYear
from quotas import exports
from quotas.services import ledger
from regions.models import Province
from uep import pdf
from uep.tests.pdf import read_pdf

pytestmark = pytest.mark.django_db

RULES = {"value_per_recipient": "5.500.000", "desil_max": "4", "age_min": "18", "age_max": "60",
         "recipients_per_facilitator": "10", "is_open": "on"}


@pytest.fixture
def root(make_user):
    return make_user("root", Role.ADMIN, province=None)


def test_with_several_provinces_provincial_staff_cannot_change_the_programme_year(
        client, programme_year, users, kalsel_users):
    for user in (users["provincial"], users["admin"], kalsel_users["kalsel_provincial"]):
        with pytest.raises(PermissionDenied, match="hanya pengelola server"):
            ledger.programme_year_update(programme_year=programme_year, user=user, value_per_recipient=1)
        with pytest.raises(PermissionDenied, match="hanya pengelola server"):
            ledger.programme_year_create(year=2030, user=user)

    client.force_login(kalsel_users["kalsel_provincial"])
    edit = client.post(reverse("quotas:year_edit", args=[programme_year.year]), RULES)
    assert edit.status_code == 403 and "hanya pengelola server" in edit.content.decode()
    assert client.get(reverse("quotas:year_create")).status_code == 403
    detail = client.get(reverse("quotas:year_detail", args=[programme_year.year])).content.decode()
    assert "hanya pengelola server" in detail and reverse("quotas:year_edit", args=[programme_year.year]) not in detail
    assert reverse("quotas:year_create") not in client.get(reverse("quotas:years")).content.decode()
    # The admin shows the year, read-only.
    client.force_login(users["admin"])
    assert client.get(f"/admin/programmes/programmeyear/{programme_year.pk}/change/").status_code == 200
    assert client.post(f"/admin/programmes/programmeyear/{programme_year.pk}/change/",
                       {"year": "2025", "value_per_recipient": "1", "desil_max": "4", "age_min": "18",
                        "age_max": "60", "recipients_per_facilitator": "10"}).status_code == 403
    programme_year.refresh_from_db()
    assert programme_year.value_per_recipient == 5_000_000 and not ProgrammeYear.objects.filter(year=2030).exists()


def test_with_several_provinces_the_superuser_without_a_province_changes_the_programme_year(
        client, programme_year, kalsel, root):
    client.force_login(root)
    assert client.post(reverse("quotas:year_edit", args=[programme_year.year]), RULES).status_code == 302
    programme_year.refresh_from_db()
    assert programme_year.value_per_recipient == 5_500_000
    assert client.post(reverse("quotas:year_create"), {"year": "2030", **RULES}).status_code == 302
    assert ProgrammeYear.objects.filter(year=2030).exists()


def test_with_one_province_its_staff_still_change_the_programme_year(client, programme_year, users):
    client.force_login(users["provincial"])
    assert reverse("quotas:year_edit", args=[programme_year.year]) in client.get(
        reverse("quotas:year_detail", args=[programme_year.year])).content.decode()
    assert client.post(reverse("quotas:year_edit", args=[programme_year.year]), RULES).status_code == 302
    programme_year.refresh_from_db()
    assert programme_year.value_per_recipient == 5_500_000


def test_each_provinces_papers_name_its_own_place_of_signing(programme_year, kaltim, kalsel, samarinda, banjarmasin):
    kalsel_annex = read_pdf(exports.annex_pdf(programme_year=programme_year, kabupaten=banjarmasin, candidates=[]))
    kaltim_annex = read_pdf(exports.annex_pdf(programme_year=programme_year, kabupaten=samarinda, candidates=[]))
    assert "Ditetapkan di Banjarbaru" in kalsel_annex.words and "Samarinda" not in kalsel_annex.words
    assert "Ditetapkan di Samarinda" in kaltim_annex.words
    assert kalsel_annex.info["Author"] == "Dinas Sosial Provinsi Kalimantan Selatan"
    assert kaltim_annex.info["Author"] == "Dinas Sosial Provinsi Kalimantan Timur"

    report = read_pdf(report_pdf(programme_year=programme_year, tables=[], province=kalsel))
    assert report.info["Author"] == "Dinas Sosial Provinsi Kalimantan Selatan"
    cover = " ".join(report.pages[0].split())
    assert "Banjarbaru," in cover and "Samarinda" not in cover
    # Blank: the server's place for its own province, else the province's name (a capital is not guessed).
    other = Province.objects.create(code="62", name="Kalimantan Tengah")
    assert (pdf.paper_place(kaltim), pdf.paper_place(other), pdf.paper_place(None)) == (
        "Samarinda", "Kalimantan Tengah", "Samarinda")
