"""The complaints' tables in the admin: escalations scoped and append-only, a sensitive complaint's invisible
to whoever may not handle it, the holiday table and the days per category edited through the page's rules."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Role
from grievances.clock import WITA
from grievances.models import Category, CategoryDeadline, Escalation, Holiday, Level
from grievances.services.handling import grievance_submit

BASE = "/admin/grievances/escalation/"


def staff(make_user, name, role, kabupaten=None, *codenames):
    user = make_user(name, role, kabupaten, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def escalated(kabupaten, category, description):
    grievance = grievance_submit(category=category, kabupaten=kabupaten, description=description,
                                 now=dt.datetime(2026, 12, 4, 16, tzinfo=WITA))
    Escalation.objects.create(grievance=grievance, from_level=grievance.level, to_level=grievance.level + 1,
                              reason=Escalation.Reason.NOT_ACKNOWLEDGED, breached_due_at=grievance.acknowledge_due_at,
                              new_due_at=grievance.resolve_due_at, at=grievance.acknowledge_due_at)
    return grievance


@pytest.fixture
def escalations(samarinda, balikpapan):
    return {"goods_smd": escalated(samarinda, Category.GOODS, "Kompor rusak"),
            "goods_bpp": escalated(balikpapan, Category.GOODS, "Wajan retak"),
            "pungli_bpp": escalated(balikpapan, Category.PUNGLI, "Diminta uang")}


def listed(client, params=None):
    response = client.get(BASE, params or {})
    assert response.status_code == 200
    return response, {e.grievance.code for e in response.context["cl"].result_list}


def filter_choices(response, title) -> list[str]:
    """The choices a list filter offers ([] when the list shows no such filter: one value is not offered)."""
    cl = response.context["cl"]
    return [str(c["display"]) for spec in cl.filter_specs if str(spec.title) == title for c in spec.choices(cl)]


def test_an_admin_bound_to_samarinda_sees_only_its_escalations_and_its_area_in_the_filter(client, make_user,
                                                                                          samarinda, balikpapan,
                                                                                          escalations):
    clerk = staff(make_user, "operator_smd", Role.OFFICER, samarinda, "view_escalation")
    client.force_login(clerk)

    response, codes = listed(client)

    assert codes == {escalations["goods_smd"].code}
    assert filter_choices(response, "kabupaten/kota")[1:] in ([], [samarinda.name])
    assert balikpapan.name not in response.content.decode()
    other = Escalation.objects.get(grievance=escalations["goods_bpp"])
    assert client.get(f"{BASE}{other.pk}/change/").status_code == 302  # "not found", never shown


@pytest.mark.parametrize("who", ["provincial", "admin"])
def test_a_sensitive_complaint_is_invisible_in_the_admin_to_who_may_not_handle_it(client, make_user, users, who,
                                                                                 balikpapan, escalations):
    user = users["admin"] if who == "admin" else staff(make_user, "staf_prov_admin", Role.PROVINCIAL, None,
                                                        "view_escalation")
    pungli = escalations["pungli_bpp"]
    event = Escalation.objects.get(grievance=pungli)
    client.force_login(user)

    response, codes = listed(client)
    assert pungli.code not in codes and escalations["goods_bpp"].code in codes
    assert "Diminta uang" not in response.content.decode()
    assert listed(client, {"q": pungli.code})[1] == set()
    assert listed(client, {"kategori": Category.PUNGLI})[1] == set()
    assert str(Category.PUNGLI.label) not in filter_choices(response, "kategori")
    for page in ("change/", "history/"):
        page_response = client.get(f"{BASE}{event.pk}/{page}")
        assert page_response.status_code == 302 and pungli.code not in page_response.content.decode()


def test_a_sensitive_complaint_is_invisible_to_an_area_admin_even_in_the_filter_choices(client, make_user, balikpapan,
                                                                                      escalations):
    clerk = staff(make_user, "operator_bpp", Role.OFFICER, balikpapan, "view_escalation")
    client.force_login(clerk)

    response, codes = listed(client, {"_facets": "True"})

    assert codes == {escalations["goods_bpp"].code}
    assert str(Category.PUNGLI.label) not in filter_choices(response, "kategori")


def test_the_complaints_officer_sees_the_sensitive_escalation(client, make_user, escalations):
    officer = staff(make_user, "petugas_pengaduan_admin", Role.PROVINCIAL, None, "view_escalation",
                    "handle_sensitive")
    client.force_login(officer)

    response, codes = listed(client, {"kategori": Category.PUNGLI})

    assert codes == {escalations["pungli_bpp"].code}
    assert str(Category.PUNGLI.label) in filter_choices(response, "kategori")


def test_escalations_are_append_only_in_the_admin(client, users, escalations):
    event = Escalation.objects.get(grievance=escalations["goods_smd"])
    client.force_login(users["admin"])

    assert client.get(f"{BASE}add/").status_code == 403
    assert client.post(f"{BASE}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{BASE}{event.pk}/change/", {"to_level": Level.AREA, "reason": "not_resolved"})
    client.post(BASE, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    event.refresh_from_db()
    assert event.to_level == Level.PROVINCE and event.reason == Escalation.Reason.NOT_ACKNOWLEDGED
    page = client.get(f"{BASE}{event.pk}/change/")
    assert not page.context["has_change_permission"] and not page.context["has_delete_permission"]


# ------------------------------------------------------------------ holidays and days per category
def test_an_admin_adds_moves_and_removes_a_holiday_through_the_page_rules(client, users):
    client.force_login(users["admin"])

    assert client.post("/admin/grievances/holiday/add/", {"date": "2028-08-14", "name": " HUT RI "}).status_code == 302
    holiday = Holiday.objects.get(date=dt.date(2028, 8, 14))
    assert holiday.name == "HUT RI"
    Holiday.objects.get_or_create(date=dt.date(2028, 8, 15), defaults={"name": "Cuti bersama"})

    refused = client.post(f"/admin/grievances/holiday/{holiday.pk}/change/", {"date": "2028-08-15", "name": "HUT RI"})
    assert refused.content.decode().count("Tanggal itu sudah tercatat sebagai hari libur.") == 1
    blank = client.post("/admin/grievances/holiday/add/", {"date": "2028-08-16", "name": "   "})
    assert blank.status_code == 200 and not Holiday.objects.filter(date=dt.date(2028, 8, 16)).exists()

    assert client.post(f"/admin/grievances/holiday/{holiday.pk}/change/",
                       {"date": "2028-08-13", "name": "HUT RI"}).status_code == 302
    holiday.refresh_from_db()
    assert holiday.date == dt.date(2028, 8, 13)
    assert client.post(f"/admin/grievances/holiday/{holiday.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_an_area_admin_reads_the_holidays_but_may_not_change_them(client, make_user, samarinda):
    clerk = staff(make_user, "operator_smd", Role.OFFICER, samarinda, "view_holiday", "add_holiday",
                  "change_holiday", "delete_holiday")
    holiday, _ = Holiday.objects.get_or_create(date=dt.date(2026, 12, 25), defaults={"name": "Natal"})
    client.force_login(clerk)

    assert client.get("/admin/grievances/holiday/").status_code == 200
    assert client.post("/admin/grievances/holiday/add/", {"date": "2027-01-02", "name": "Libur"}).status_code == 403
    assert client.post(f"/admin/grievances/holiday/{holiday.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Holiday.objects.filter(pk=holiday.pk).exists()


def test_an_admin_sets_a_categorys_days_through_the_service_and_61_is_refused(client, users):
    client.force_login(users["admin"])
    url = "/admin/grievances/categorydeadline/add/"

    refused = client.post(url, {"category": Category.GOODS, "resolve_working_days": "61"})
    assert "harus 1 sampai 60 hari kerja" in refused.content.decode()
    assert "resolve_days_in_range" not in refused.content.decode()
    assert not CategoryDeadline.objects.exists()

    assert client.post(url, {"category": Category.GOODS, "resolve_working_days": "12"}).status_code == 302
    row = CategoryDeadline.objects.get(category=Category.GOODS)
    assert row.resolve_working_days == 12 and row.updated_by == users["admin"]
    assert client.post(f"/admin/grievances/categorydeadline/{row.pk}/change/",
                       {"resolve_working_days": "7", "category": Category.PUNGLI}).status_code == 302
    row.refresh_from_db()
    assert (row.category, row.resolve_working_days) == (Category.GOODS, 7)
    assert client.post(f"/admin/grievances/categorydeadline/{row.pk}/delete/", {"post": "yes"}).status_code == 403


# ------------------------------------------------------------------ the complaints themselves
GRIEVANCES = "/admin/grievances/grievance/"


@pytest.mark.parametrize("who", ["provincial", "admin", "area"])
def test_a_sensitive_complaint_is_invisible_in_the_complaints_admin(client, make_user, users, who, balikpapan,
                                                                    escalations):
    user = {"admin": lambda: users["admin"],
            "provincial": lambda: staff(make_user, "staf_prov_admin", Role.PROVINCIAL, None, "view_grievance"),
            "area": lambda: staff(make_user, "operator_bpp", Role.OFFICER, balikpapan, "view_grievance")}[who]()
    pungli = escalations["pungli_bpp"]
    client.force_login(user)

    response = client.get(GRIEVANCES, {"_facets": "True"})
    codes = {g.code for g in response.context["cl"].result_list}
    assert pungli.code not in codes and escalations["goods_bpp"].code in codes
    assert "Diminta uang" not in response.content.decode()
    assert client.get(GRIEVANCES, {"q": pungli.code}).context["cl"].result_count == 0
    assert client.get(GRIEVANCES, {"kategori": Category.PUNGLI}).context["cl"].result_count == 0
    assert str(Category.PUNGLI.label) not in filter_choices(response, "kategori")
    for page in ("change/", "history/", "delete/"):
        assert client.get(f"{GRIEVANCES}{pungli.pk}/{page}").status_code in (302, 403)


def test_the_complaints_admin_is_scoped_masks_the_phone_and_edits_nothing(client, make_user, users, samarinda,
                                                                         escalations):
    mine = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Bimtek batal",
                            complainant_phone="081355556666", now=dt.datetime(2026, 12, 4, 16, tzinfo=WITA))
    client.force_login(staff(make_user, "operator_smd", Role.OFFICER, samarinda, "view_grievance",
                             "change_grievance", "delete_grievance", "add_grievance"))

    listing = client.get(GRIEVANCES)
    assert {g.code for g in listing.context["cl"].result_list} == {mine.code, escalations["goods_smd"].code}
    assert "081355556666" not in listing.content.decode()
    assert "081355556666" in client.get(f"{GRIEVANCES}{mine.pk}/change/").content.decode()  # the area's officer
    assert client.get(f"{GRIEVANCES}add/").status_code == 403
    assert client.post(f"{GRIEVANCES}{mine.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{GRIEVANCES}{mine.pk}/change/", {"status": "resolved", "resolution": "x"})
    mine.refresh_from_db()
    assert mine.status == "received"

    client.force_login(staff(make_user, "pemantau_smd", Role.VIEWER, samarinda, "view_grievance"))
    page = client.get(f"{GRIEVANCES}{mine.pk}/change/").content.decode()
    assert "081355556666" not in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_admin_adds_a_holiday_in_chromium_and_the_new_lists_run_under_the_csp(login_page, users, live_server,
                                                                                 samarinda, balikpapan):
    from uep.tests.test_csp import watch_csp

    escalated(balikpapan, Category.GOODS, "Wajan retak")
    page = login_page(users["admin"])
    refused = watch_csp(page)
    for url in ("/admin/grievances/escalation/", "/admin/grievances/grievance/", "/admin/notices/notice/",
                "/admin/privacy/datarequest/", "/admin/fieldwork/submission/",
                "/admin/grievances/categorydeadline/add/"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
        assert page.locator("#content").count() == 1, url

    page.goto(f"{live_server.url}/admin/grievances/holiday/add/")
    page.fill("#id_date", "14/08/2028")
    page.fill("#id_name", "Libur uji peramban")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/grievances/holiday/")
    assert Holiday.objects.filter(date=dt.date(2028, 8, 14), name="Libur uji peramban").exists()
    assert refused == []
