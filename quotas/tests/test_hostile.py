"""Malformed URL and form values on the quota and decision pages: a 404 or a form error, never a 500.

A NUL byte or a number past bigint never reaches these views: the middleware answers 400 first.
"""

from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from quotas import selectors
from quotas.models import QuotaEntry
from recipients.models import CandidateStatus as S
from uep.middleware import unreadable

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.fixture
def provincial_client(users):
    client = Client(raise_request_exception=False)
    client.force_login(users["provincial"])
    return client


@pytest.mark.parametrize("path", [
    "/kuota/tahun/2025/penetapan/%00/",
    "/kuota/tahun/2025/penetapan/%00/lampiran.xlsx",
    "/kuota/tahun/2025/penetapan/" + "9" * 300 + "/",
    f"/kuota/tahun/{HUGE}/",
    f"/kuota/tahun/{HUGE}/kuota/",
    f"/kuota/tahun/{HUGE}/penetapan/64.72/",
    f"/kuota/dokumen/{HUGE}/ubah/",
])
def test_a_malformed_address_is_not_found(provincial_client, programme_year, samarinda, path):
    refused = any(unreadable(part) for part in unquote(path).split("/"))
    assert provincial_client.get(path).status_code == (400 if refused else 404)


def test_a_huge_count_on_tetapkan_is_refused_and_nobody_is_decided(provincial_client, programme_year, samarinda,
                                                                   set_quota, eligible):
    set_quota(samarinda, 2)
    eligible(samarinda, 2)
    url = reverse("quotas:decide", kwargs={"year": 2025, "code": samarinda.code})
    for count in (HUGE, "9" * 5000, "\x00", "-1", "1,5"):
        response = provincial_client.post(url, {"top": "1", "count": count}, follow=True)
        if unreadable(count):
            assert response.status_code == 400
            continue
        assert response.status_code == 200
        assert "teratas" in response.content.decode()
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 0


def test_forged_candidate_ids_are_refused_and_nobody_is_decided(provincial_client, programme_year, samarinda,
                                                                set_quota, eligible):
    set_quota(samarinda, 2)
    (candidate,) = eligible(samarinda, 1)
    url = reverse("quotas:decide", kwargs={"year": 2025, "code": samarinda.code})
    for forged in ("²", HUGE, "9" * 40, "\x00", "-3", "1e3"):
        response = provincial_client.post(url, {"candidate": [candidate.pk, forged]}, follow=True)
        if unreadable(forged):
            assert response.status_code == 400
            continue
        assert response.status_code == 200
        assert "Pilihan tidak sah" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == S.FIELD_ELIGIBLE


def test_huge_places_on_kuota_tambah_are_a_form_error(provincial_client, programme_year, plan, samarinda):
    url = reverse("quotas:entry_add", kwargs={"year": 2025})
    for places in (HUGE, "-" + HUGE, "\x00", "9" * 5000, "9" * 18, "1,5"):
        response = provincial_client.post(url, {"kabupaten": samarinda.pk, "document": plan.pk, "places": places,
                                                "reason": "Uji"})
        assert response.status_code == (400 if unreadable(places) else 200)
    for value in ("\x00", HUGE, "abc"):
        response = provincial_client.post(url, {"kabupaten": value, "document": value, "places": "1",
                                                "reason": "Uji"})
        assert response.status_code == (400 if unreadable(value) else 200)
    assert not QuotaEntry.objects.exists()


def test_a_huge_or_malformed_spread_is_a_form_error(provincial_client, programme_year, plan):
    url = reverse("quotas:spread", kwargs={"year": 2025})
    for total in (HUGE, "\x00", "abc", "9" * 18):
        assert provincial_client.get(url, {"document": plan.pk, "total": total, "rule": "even",
                                           "reason": "x"}).status_code == (400 if unreadable(total) else 200)
    assert provincial_client.get(url, {"document": "abc", "rule": "abc", "total": "1"}).status_code == 200


def test_a_withdrawal_of_a_huge_id_is_not_found(provincial_client):
    assert provincial_client.post(f"/kuota/penetapan/calon/{HUGE}/batalkan/", {"kind": "pindah"}).status_code == 400
    assert provincial_client.post(f"/kuota/penetapan/calon/{2**63 - 1}/batalkan/", {"kind": "pindah"}).status_code == 404


def test_hostile_rules_of_a_year_are_a_form_error(provincial_client, programme_year):
    response = provincial_client.post(reverse("quotas:year_edit", kwargs={"year": 2025}), {
        "value_per_recipient": "9" * 18, "desil_max": "abc", "age_min": "9" * 15, "age_max": "-1",
        "recipients_per_facilitator": str(2**62)})
    assert response.status_code == 200
    response = provincial_client.post(reverse("quotas:year_create"), {"year": str(2**62), "value_per_recipient": "1"})
    assert response.status_code == 200
    response = provincial_client.post(reverse("quotas:year_edit", kwargs={"year": 2025}), {
        "value_per_recipient": HUGE, "desil_max": "\x00", "age_min": "9" * 50})
    assert response.status_code == 400
