"""The one answer to "may this user see full NIK/KK numbers", for every role and every kind of area."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from accounts.permissions import may_see_full_numbers, require_full_numbers

# Whose people: Samarinda's, Balikpapan's, or every area's (a province-wide list or export).
AREAS = ("samarinda", "balikpapan", "province")

# Who reads them in full, per area; everyone else reads them masked.
FULL = {
    "provincial": {"samarinda", "balikpapan", "province"},
    "admin": {"samarinda", "balikpapan", "province"},
    "officer_samarinda": {"samarinda"},
    "officer_balikpapan": {"balikpapan"},
    "viewer_province": set(),
    "viewer_samarinda": set(),
    "officer_samarinda_inactive": set(),
    "anonymous": set(),
}


@pytest.fixture
def people(make_user, samarinda, balikpapan):
    return {
        "provincial": make_user("staf_prov", Role.PROVINCIAL),
        "admin": make_user("admin", Role.ADMIN),
        "officer_samarinda": make_user("petugas_smd", Role.OFFICER, samarinda),
        "officer_balikpapan": make_user("petugas_bpp", Role.OFFICER, balikpapan),
        "viewer_province": make_user("pemantau", Role.VIEWER),
        "viewer_samarinda": make_user("pemantau_smd", Role.VIEWER, samarinda),
        "officer_samarinda_inactive": make_user("petugas_lama", Role.OFFICER, samarinda, is_active=False),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("who", sorted(FULL))
def test_full_numbers_go_only_to_the_officer_of_the_area_and_provincial_staff(people, samarinda, balikpapan, who):
    area_ids = {"samarinda": samarinda.id, "balikpapan": balikpapan.id, "province": None}
    user = people[who]

    seen_in_full = {area for area in AREAS if may_see_full_numbers(user, kabupaten_id=area_ids[area])}

    assert seen_in_full == FULL[who]


def test_a_refusal_says_why_in_indonesian(people, balikpapan):
    with pytest.raises(PermissionDenied, match="NIK dan No. KK lengkap hanya untuk staf provinsi"):
        require_full_numbers(people["officer_samarinda"], balikpapan.id)
