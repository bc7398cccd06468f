"""Data requests in the admin: shown to whom the app shows them, NIK masked in the list, never edited there."""

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Role
from privacy import services
from privacy.models import DataRequest, Kind

BASE = "/admin/privacy/datarequest/"


@pytest.fixture
def requests_(make_candidate, samarinda, balikpapan, users):
    made = {}
    for area, officer, name in ((samarinda, users["officer"], "Siti Samarinda"),
                                (balikpapan, users["other_officer"], "Wati Balikpapan")):
        family = make_candidate(area, name=name, created_by=officer)
        made[area.code] = services.data_request_record(user=officer, kind=Kind.SEE, nik=family.person.nik,
                                                       kabupaten=area, requester_name=name, channel="in_person")
    return made


def staff(make_user, name, role, kabupaten=None):
    user = make_user(name, role, kabupaten, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_datarequest", "change_datarequest",
                                                                       "add_datarequest", "delete_datarequest"]))
    return user


def test_an_admin_bound_to_samarinda_sees_only_its_requests_and_its_area_in_the_filter(client, make_user, samarinda,
                                                                                       balikpapan, requests_):
    client.force_login(staff(make_user, "operator_smd", Role.OFFICER, samarinda))

    response = client.get(BASE, {"_facets": "True"})

    page = response.content.decode()
    assert "Siti Samarinda" in page and "Wati Balikpapan" not in page and balikpapan.name not in page
    assert client.get(f"{BASE}{requests_['64.71'].pk}/change/").status_code == 302
    assert client.get(BASE, {"q": "Wati"}).context["cl"].result_count == 0


def test_a_viewer_given_staff_rights_sees_no_request(client, make_user, requests_):
    client.force_login(staff(make_user, "pemantau_staf", Role.VIEWER))

    assert client.get(BASE).context["cl"].result_count == 0


def test_the_list_masks_the_nik_and_the_page_shows_it_to_the_areas_officer(client, make_user, samarinda, requests_):
    nik = requests_["64.72"].nik
    client.force_login(staff(make_user, "operator_smd", Role.OFFICER, samarinda))

    assert nik not in client.get(BASE).content.decode()
    assert nik in client.get(f"{BASE}{requests_['64.72'].pk}/change/").content.decode()


def test_requests_are_never_added_changed_or_deleted_in_the_admin(client, users, requests_):
    data_request = requests_["64.72"]
    client.force_login(users["admin"])

    assert client.get(f"{BASE}add/").status_code == 403
    assert client.post(f"{BASE}{data_request.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{BASE}{data_request.pk}/change/", {"requester_name": "Diubah", "outcome": "x"})
    data_request.refresh_from_db()
    assert data_request.requester_name == "Siti Samarinda" and DataRequest.objects.count() == 2
