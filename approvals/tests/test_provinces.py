"""Several provinces and four eyes: each province switches its own acts off, and "a small office" counts the
province's own active staff."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from approvals import selectors
from approvals.models import FourEyesSwitch
from approvals.services import approval_propose, four_eyes_switch, office_size

pytestmark = pytest.mark.django_db


@pytest.fixture
def kalsel_admin(make_user, kalsel):
    return make_user("admin_kalsel", Role.ADMIN, province=kalsel)


def test_a_switch_in_kalsel_does_not_switch_kaltims(users, kalsel_users, kalsel_admin, kaltim, kalsel, samarinda,
                                                    banjarmasin):
    four_eyes_switch(year=2025, kind="quotas.decide", enabled=False, reason="Satu staf di Banjarmasin",
                     user=kalsel_admin)

    assert not selectors.four_eyes_on(year=2025, kind="quotas.decide", province_id=kalsel.pk)
    assert selectors.four_eyes_on(year=2025, kind="quotas.decide", province_id=kaltim.pk)
    # An act takes its area's province, else its maker's.
    kaltim_act = approval_propose(kind="quotas.decide", user=users["provincial"], year=2025, summary="Samarinda",
                                  kabupaten=samarinda)
    assert kaltim_act.status == "menunggu"
    whole_province = approval_propose(kind="quotas.decide", user=users["provincial"], year=2025, summary="Kaltim")
    assert whole_province.status == "menunggu"


def test_the_small_office_is_the_provinces_own(users, kalsel_users, kalsel_admin, make_user, kaltim, kalsel):
    for i in range(3):
        make_user(f"staf_kaltim_{i}", Role.PROVINCIAL)
    make_user("staf_kalsel_pergi", Role.PROVINCIAL, province=kalsel, is_active=False)
    assert (office_size(kaltim), office_size(kalsel)) == (4, 1)

    # Kaltim's four staff make a large office; Kalsel's one a small one.
    with pytest.raises(ValidationError, match="Kalimantan Timur sekarang punya 4"):
        four_eyes_switch(year=2025, kind="quotas.decide", enabled=False, reason="Sibuk", user=users["admin"])
    switch = four_eyes_switch(year=2025, kind="quotas.decide", enabled=False, reason="Satu staf", user=kalsel_admin)
    assert switch.province == kalsel


def test_the_admin_shows_and_switches_only_the_users_province(client, users, kalsel_admin, kaltim, kalsel,
                                                              make_user):
    four_eyes_switch(year=2025, kind="quotas.withdraw", enabled=False, reason="Rahasia Kalsel", user=kalsel_admin)
    client.force_login(users["admin"])
    assert "Rahasia Kalsel" not in client.get(reverse("admin:approvals_foureyesswitch_changelist")).content.decode()
    assert client.post(reverse("admin:approvals_foureyesswitch_add"), {
        "year": "2025", "kind": "quotas.decide_top", "reason": "Satu staf", "province": kalsel.pk}).status_code == 302
    assert FourEyesSwitch.objects.get(kind="quotas.decide_top").province == kaltim  # its own, whatever it posts
    with pytest.raises(PermissionDenied):
        four_eyes_switch(year=2025, kind="quotas.decide", enabled=True, reason="x", user=users["admin"],
                         province=kalsel)

    # The superuser without a province sees every province's and names the province.
    client.force_login(make_user("root", Role.ADMIN, province=None))
    assert "Rahasia Kalsel" in client.get(reverse("admin:approvals_foureyesswitch_changelist")).content.decode()
    assert client.post(reverse("admin:approvals_foureyesswitch_add"), {
        "year": "2026", "kind": "quotas.decide_top", "reason": "Satu staf", "province": kalsel.pk}).status_code == 302
    assert FourEyesSwitch.objects.get(year=2026).province == kalsel
