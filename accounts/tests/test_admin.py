"""The Django admin is scoped like the views."""

import pytest

from accounts.models import Role


def test_an_admin_user_bound_to_a_kabupaten_sees_only_its_candidates_in_the_admin(
    client, make_user, users, samarinda, balikpapan, make_candidate
):
    make_candidate(samarinda, name="Warga Samarinda", created_by=users["officer"])
    make_candidate(balikpapan, name="Warga Balikpapan", created_by=users["other_officer"])
    # An officer given staff rights for corrections in their own area.
    clerk = make_user("operator_smd", Role.OFFICER, samarinda, is_staff=True)
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_candidate", "view_person"]))

    client.force_login(clerk)
    body = client.get("/admin/recipients/candidate/").content.decode()
    assert "Warga Samarinda" in body
    assert "Warga Balikpapan" not in body
    body = client.get("/admin/recipients/person/").content.decode()
    assert "Warga Balikpapan" not in body


@pytest.mark.slow  # every admin page
def test_every_model_has_an_admin_page_with_search(client, users):
    from django.apps import apps
    from django.contrib import admin

    ours = [m for m in apps.get_models() if m._meta.app_label in
            {"accounts", "regions", "audit", "quotas", "recipients", "verification", "disbursements"}
            and not m._meta.model_name.endswith("history")]
    missing = [m._meta.label for m in ours if m not in admin.site._registry]
    # Timeline rows and photos are shown inline on their parent; registry rows
    # (a million per snapshot, composite key, which the admin cannot page) on the snapshot page.
    # Lines of packages, contracts, deliveries and handovers are inlines of their parent too; the
    # BAST counter is the numbering rule's own.
    assert set(missing) <= {"recipients.CandidateEvent", "verification.FieldVisitPhoto",
                            "verification.RegistryRecord", "disbursements.PackageItem", "disbursements.ContractLine",
                            "disbursements.DeliveryLine", "disbursements.DeliveryPhoto", "disbursements.HandoverLine",
                            "disbursements.HandoverPhoto", "disbursements.DeliveryCheckEntry",
                            "disbursements.BastSequence"}, missing

    client.force_login(users["admin"])
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in {"auth", "axes", "pghistory"}:
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url


def test_the_group_and_user_forms_name_permissions_in_indonesian(client, users):
    client.force_login(users["admin"])

    for url in ("/admin/auth/group/add/", f"/admin/accounts/user/{users['officer'].pk}/change/"):
        page = client.get(url).content.decode()
        assert "Pembatasan login | boleh melihat kegagalan akses" in page, url
        assert "| boleh mengubah calon penerima" in page, url
        assert "Can view" not in page and "Can change" not in page, url
