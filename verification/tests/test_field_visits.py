import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from recipients.models import CandidateEvent, CandidateStatus
from verification.models import FieldVisit
from verification.services import field_visits


def visit(candidate, user, verdict="layak", **extra):
    return field_visits.field_visit_record(candidate=candidate, user=user, visited_on=dt.date(2025, 7, 2),
                                           business_exists=True, matches_proposal=True, household_condition="miskin",
                                           verdict=verdict, notes="Usaha gorengan berjalan", **extra)


@pytest.mark.django_db
def test_a_layak_visit_moves_the_candidate_to_field_eligible(new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_PASSED)

    visit(candidate, users["officer"])

    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.FIELD_ELIGIBLE
    assert CandidateEvent.objects.get(candidate=candidate).user == users["officer"]


@pytest.mark.django_db
def test_a_tidak_layak_visit_moves_the_candidate_to_field_ineligible(new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_PASSED)

    visit(candidate, users["provincial"], verdict="tidak_layak")

    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.FIELD_INELIGIBLE


@pytest.mark.django_db
def test_a_candidate_that_did_not_pass_the_desk_check_cannot_be_visited(new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_FAILED)

    with pytest.raises(ValidationError):
        visit(candidate, users["officer"])
    assert not FieldVisit.objects.exists()


@pytest.mark.django_db
def test_an_officer_of_another_area_may_not_record_a_visit(new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_PASSED)

    with pytest.raises(PermissionDenied):
        visit(candidate, users["other_officer"])


@pytest.mark.django_db
def test_the_officer_records_a_visit_with_a_photo_through_the_form(client, new_candidate, samarinda, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from verification.tests.authz import _png

    candidate = new_candidate(samarinda, created_by=users["officer"], status=CandidateStatus.DESK_PASSED)
    client.force_login(users["officer"])
    url = reverse("verification:field_visit", kwargs={"pk": candidate.pk})

    page = client.get(url)
    response = client.post(url, {
        "visited_on": "2025-07-02", "business_exists": "on", "matches_proposal": "on",
        "household_condition": "miskin", "verdict": "layak", "notes": "Baik",
        "photos": [SimpleUploadedFile("a.png", _png(), "image/png")],
    })

    assert b'capture="environment"' in page.content and b'accept="image/*"' in page.content
    assert response.status_code == 302
    saved = FieldVisit.objects.get(candidate=candidate)
    assert saved.photos.count() == 1 and saved.officer == users["officer"]
    client.force_login(users["other_officer"])
    assert client.get(reverse("verification:visit_photo", kwargs={"pk": saved.photos.get().pk})).status_code == 404


@pytest.fixture
def waiting(make_candidate, users, samarinda):
    """30 people of Samarinda waiting for a visit, proposed in this order."""
    return [make_candidate(samarinda, name=f"Warga Menunggu {i:02d}", status="desk_passed",
                           created_by=users["officer"]) for i in range(30)]


@pytest.mark.django_db
def test_the_field_list_is_paged_with_a_total_and_the_longest_waiting_first(client, users, waiting):
    client.force_login(users["officer"])

    response = client.get(reverse("verification:field_list"))
    first = response.content.decode()
    second = client.get(reverse("verification:field_list"),
                        {"page": response.context["page"].next_cursor}).content.decode()

    assert "30 calon menunggu kunjungan" in first and "Halaman 1 · baris 1–24 dari 30" in first
    assert "Warga Menunggu 00" in first and "Warga Menunggu 23" in first and "Warga Menunggu 24" not in first
    assert "Warga Menunggu 29" in second and "Warga Menunggu 00" not in second


@pytest.mark.django_db
def test_the_field_list_searches_by_name_and_filters_by_kecamatan(client, users, waiting, make_candidate, samarinda):
    from regions.models import Kecamatan

    other = Kecamatan.objects.filter(kabupaten=samarinda).exclude(id=waiting[0].kecamatan_id).first()
    make_candidate(samarinda, name="Ibu Kecamatan Lain", status="desk_passed", created_by=users["officer"],
                   kecamatan=other, kelurahan=other.kelurahan_set.first())
    client.force_login(users["officer"])

    found = client.get(reverse("verification:field_list"), {"q": "menunggu 07"}).content.decode()
    area = client.get(reverse("verification:field_list"), {"kecamatan": other.id}).content.decode()

    assert "1 calon menunggu kunjungan" in found and "Warga Menunggu 07" in found
    assert "1 calon menunggu kunjungan" in area and "Ibu Kecamatan Lain" in area


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"kecamatan": "abc"}, {"q": "x" * 5000}, {"page": "abc"}])
def test_a_malformed_field_list_filter_is_a_form_error_not_a_crash(client, users, waiting, params):
    client.force_login(users["provincial"])

    assert client.get(reverse("verification:field_list"), params).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"page": "\x00"}, {"page": str(2**63)}, {"kabupaten": "99999999999999999999"}])
def test_a_nul_or_a_number_no_field_holds_is_refused_before_the_field_list(client, users, waiting, params):
    client.force_login(users["provincial"])

    # uep.middleware.refuse_unreadable_input answers every page so.
    assert client.get(reverse("verification:field_list"), params).status_code == 400
