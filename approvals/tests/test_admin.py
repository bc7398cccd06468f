"""The year's four-eyes switch in the Django admin: the service decides, each switch a row."""

import pytest
from django.urls import reverse

from approvals.models import FourEyesSwitch

pytestmark = pytest.mark.django_db


def test_an_administrator_of_a_small_office_switches_four_eyes_off_for_one_act(client, users):
    client.force_login(users["admin"])
    url = reverse("admin:approvals_foureyesswitch_add")
    assert "Penetapan calon teratas" in client.get(url).content.decode()

    response = client.post(url, {"year": "2025", "kind": "quotas.decide_top", "reason": "Satu staf provinsi"})

    assert response.status_code == 302
    switch = FourEyesSwitch.objects.get()
    assert (switch.year, switch.kind, switch.enabled, switch.switched_by) == (2025, "quotas.decide_top", False,
                                                                              users["admin"])
    assert "quotas.decide_top" in client.get(reverse("admin:approvals_foureyesswitch_changelist")).content.decode()


def test_the_admin_form_shows_the_services_refusal_in_indonesian(client, users, make_user):
    from accounts.models import Role

    for i in range(3):
        make_user(f"staf_lain_{i}", Role.PROVINCIAL)
    client.force_login(users["admin"])
    response = client.post(reverse("admin:approvals_foureyesswitch_add"),
                           {"year": "2025", "kind": "quotas.decide", "reason": "Sibuk"})
    assert response.status_code == 200
    assert "hanya dapat dimatikan di kantor kecil" in response.content.decode()
    assert not FourEyesSwitch.objects.exists()
