"""The outbox in the admin: scoped like the app, complaint notices never shown to an area's user, a sensitive
complaint's notice never to whoever may not handle it, numbers masked, nothing edited there."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Role
from grievances.clock import WITA
from grievances.models import Category
from grievances.services.handling import grievance_submit
from notices.models import Kind, Notice, OptOut
from notices.services.outbox import notices_for_candidates, opt_out_record, person_restrict

BASE = "/admin/notices/notice/"
NOW = dt.datetime(2026, 12, 4, 16, tzinfo=WITA)


def staff(make_user, name, role, kabupaten=None, *extra):
    user = make_user(name, role, kabupaten, is_staff=True)
    codenames = ["view_notice", "change_notice", "add_notice", "delete_notice", "view_optout", "delete_optout",
                 "view_restriction", *extra]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def outbox(make_candidate, samarinda, balikpapan, users):
    smd = make_candidate(samarinda, name="Siti Samarinda", created_by=users["officer"], phone="081234567890")
    bpp = make_candidate(balikpapan, name="Wati Balikpapan", created_by=users["other_officer"], phone="081298765432")
    notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=[smd, bpp], text="Selamat")
    opt_out_record(phone="081298765432", word="STOP")
    goods = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Kompor rusak",
                             complainant_phone="081311112222", now=NOW)
    pungli = grievance_submit(category=Category.PUNGLI, kabupaten=samarinda, description="Diminta uang",
                              complainant_phone="081333334444", now=NOW)
    return {"smd": smd, "bpp": bpp, "goods": goods, "pungli": pungli}


def keys(client, params=None) -> set[str]:
    response = client.get(BASE, params or {})
    assert response.status_code == 200
    return {n.key for n in response.context["cl"].result_list}


def test_an_admin_bound_to_samarinda_sees_its_notices_without_the_complaints(client, make_user, samarinda,
                                                                             balikpapan, outbox):
    client.force_login(staff(make_user, "operator_smd", Role.OFFICER, samarinda))

    assert keys(client) == {f"decided:y2025:c{outbox['smd'].pk}"}
    page = client.get(BASE, {"_facets": "True"}).content.decode()
    assert "Wati Balikpapan" not in page and balikpapan.name not in page
    assert str(Kind.COMPLAINT_RECEIVED.label) not in page
    assert keys(client, {"jenis": Kind.COMPLAINT_RECEIVED}) == set()
    other = Notice.objects.get(candidate=outbox["bpp"])
    assert client.get(f"{BASE}{other.pk}/change/").status_code == 302
    # Balikpapan's family replied STOP: not a number Samarinda's admin sees.
    assert client.get("/admin/notices/optout/").context["cl"].result_count == 0


@pytest.mark.parametrize("who", ["provincial", "admin"])
def test_a_sensitive_complaints_notice_is_invisible_to_who_may_not_handle_it(client, make_user, users, who, outbox):
    user = users["admin"] if who == "admin" else staff(make_user, "staf_prov_admin", Role.PROVINCIAL)
    pungli = Notice.objects.get(key=f"{Kind.COMPLAINT_RECEIVED}:g{outbox['pungli'].pk}")
    client.force_login(user)

    listed = keys(client)
    assert f"{Kind.COMPLAINT_RECEIVED}:g{outbox['goods'].pk}" in listed and pungli.key not in listed
    assert pungli.key not in keys(client, {"jenis": Kind.COMPLAINT_RECEIVED})
    for page in ("change/", "history/"):
        assert client.get(f"{BASE}{pungli.pk}/{page}").status_code == 302


def test_the_complaints_officer_sees_the_sensitive_complaints_notice(client, make_user, outbox):
    client.force_login(staff(make_user, "petugas_pengaduan_admin", Role.PROVINCIAL, None, "handle_sensitive"))

    assert f"{Kind.COMPLAINT_RECEIVED}:g{outbox['pungli'].pk}" in keys(client)


def test_phones_are_masked_in_the_lists_and_on_a_page_the_user_may_not_read_in_full(client, make_user, users,
                                                                                     outbox):
    notice = Notice.objects.get(candidate=outbox["smd"])
    client.force_login(users["admin"])
    assert "6281234567890" not in client.get(BASE).content.decode()
    assert "6281298765432" not in client.get("/admin/notices/optout/").content.decode()
    assert "6281234567890" in client.get(f"{BASE}{notice.pk}/change/").content.decode()

    client.force_login(staff(make_user, "pemantau_prov", Role.VIEWER))
    page = client.get(f"{BASE}{notice.pk}/change/").content.decode()
    assert "6281234567890" not in page and "6281•••••7890" in page
    opt_out = OptOut.objects.get()
    assert "6281298765432" not in client.get(f"/admin/notices/optout/{opt_out.pk}/change/").content.decode()


def test_a_restricted_persons_number_is_masked_even_for_their_areas_admin(client, make_user, samarinda, outbox):
    person_restrict(person_id=outbox["smd"].person_id, reason="uji")
    notice = Notice.objects.get(candidate=outbox["smd"])
    client.force_login(staff(make_user, "operator_smd", Role.OFFICER, samarinda))

    assert "6281234567890" not in client.get(f"{BASE}{notice.pk}/change/").content.decode()
    assert client.get("/admin/notices/restriction/").context["cl"].result_count == 1


def test_the_outbox_opt_outs_and_restrictions_are_never_edited_in_the_admin(client, users, outbox):
    notice = Notice.objects.get(candidate=outbox["smd"])
    opt_out = OptOut.objects.get()
    client.force_login(users["admin"])

    for base in (BASE, "/admin/notices/optout/", "/admin/notices/restriction/"):
        assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{BASE}{notice.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/notices/optout/{opt_out.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{BASE}{notice.pk}/change/", {"status": "sent", "phone": "6280000000000"})
    notice.refresh_from_db()
    assert notice.status == "pending" and notice.phone == "6281234567890" and OptOut.objects.exists()


def test_the_failed_notices_page_hides_a_sensitive_complaints_notice_like_the_admin(users, outbox):
    from notices.selectors import failed_notices

    Notice.objects.update(status="failed")

    shown = {n.key for n in failed_notices(user=users["provincial"])}
    assert f"{Kind.COMPLAINT_RECEIVED}:g{outbox['goods'].pk}" in shown
    assert f"{Kind.COMPLAINT_RECEIVED}:g{outbox['pungli'].pk}" not in shown
