"""Several provinces and the complaints' clock: each province sets its own days per category (a complaint takes
its own province's); the holiday calendar is national, so once the server serves several provinces only the
superuser without a province changes it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Role
from grievances.clock import WITA
from grievances.models import Category, CategoryDeadline, Holiday
from grievances.services import calendar
from grievances.services.handling import grievance_submit
from grievances.tests.test_deadlines import days_form

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 12, 7, 10, tzinfo=WITA)


@pytest.fixture
def root(make_user):
    """The deployment's technical superuser, of no province."""
    return make_user("root", Role.ADMIN, province=None)


def test_kalsel_staff_setting_deadlines_leave_kaltims_and_each_complaint_takes_its_provinces(
        client, users, kalsel_users, kaltim, kalsel, samarinda, banjarmasin):
    calendar.deadlines_set(days={Category.GOODS: 5}, user=users["provincial"])
    client.force_login(kalsel_users["kalsel_provincial"])
    assert client.post(reverse("grievances:deadlines"), days_form(goods=3)).status_code == 302

    assert CategoryDeadline.objects.get(province=kaltim, category=Category.GOODS).resolve_working_days == 5
    assert CategoryDeadline.objects.get(province=kalsel, category=Category.GOODS).resolve_working_days == 3
    # Received Monday 7 Dec 2026: five working days end on Monday 14, three on Thursday 10.
    kaltim_complaint = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Kompor rusak",
                                        now=MONDAY)
    kalsel_complaint = grievance_submit(category=Category.GOODS, kabupaten=banjarmasin, description="Wajan retak",
                                        now=MONDAY)
    assert kaltim_complaint.resolve_due_at == dt.datetime(2026, 12, 15, tzinfo=WITA)
    assert kalsel_complaint.resolve_due_at == dt.datetime(2026, 12, 11, tzinfo=WITA)
    # Each province's page shows its own days.
    body = client.get(reverse("grievances:deadlines")).content.decode()
    assert 'name="goods" value="3"' in body and "Kalimantan Selatan" in body


def test_the_admin_lists_and_changes_only_the_users_provinces_deadlines(client, users, kalsel_users, kaltim, kalsel,
                                                                         root):
    kaltim_row = CategoryDeadline.objects.create(province=kaltim, category=Category.GOODS, resolve_working_days=8)
    kalsel_row = CategoryDeadline.objects.create(province=kalsel, category=Category.GOODS, resolve_working_days=4)
    admin = users["admin"]  # the administrator of Kaltim
    client.force_login(admin)
    assert client.get(f"/admin/grievances/categorydeadline/{kalsel_row.pk}/change/").status_code == 302  # not found
    assert client.post(f"/admin/grievances/categorydeadline/{kaltim_row.pk}/change/",
                       {"resolve_working_days": "9"}).status_code == 302
    taken = client.post("/admin/grievances/categorydeadline/add/", {"category": Category.GOODS,
                                                                   "resolve_working_days": "6"})
    assert taken.status_code == 200 and "sudah punya batas waktu" in taken.content.decode()
    kaltim_row.refresh_from_db()
    kalsel_row.refresh_from_db()
    assert (kaltim_row.resolve_working_days, kalsel_row.resolve_working_days) == (9, 4)

    # The superuser without a province sees both and picks the province.
    client.force_login(root)
    listing = client.get("/admin/grievances/categorydeadline/").content.decode()
    assert "Kalimantan Selatan" in listing and "Kalimantan Timur" in listing
    assert client.post("/admin/grievances/categorydeadline/add/",
                       {"province": kalsel.pk, "category": Category.PUNGLI, "resolve_working_days": "2"}
                       ).status_code == 302
    assert CategoryDeadline.objects.get(province=kalsel, category=Category.PUNGLI).resolve_working_days == 2
    assert not CategoryDeadline.objects.filter(province=kaltim, category=Category.PUNGLI).exists()


def test_with_several_provinces_provincial_staff_cannot_change_the_holidays(client, users, kalsel_users):
    day = dt.date(2030, 1, 3)
    for user in (users["provincial"], users["admin"], kalsel_users["kalsel_provincial"]):
        with pytest.raises(PermissionDenied, match="hanya pengelola server"):
            calendar.holiday_add(date=day, name="Libur daerah", user=user)
    holiday = Holiday.objects.create(date=day, name="Libur nasional")
    with pytest.raises(PermissionDenied):
        calendar.holiday_remove(holiday=holiday, user=users["provincial"])

    client.force_login(kalsel_users["kalsel_provincial"])
    page = client.get(reverse("grievances:deadlines")).content.decode()
    assert "hanya pengelola server" in page and 'name="holiday"' not in page
    refused = client.post(reverse("grievances:deadlines"), {"holiday": "1", "date": "2030-01-04", "name": "Pilkada"})
    assert refused.status_code == 200 and "hanya pengelola server" in refused.content.decode()
    deleted = client.post(reverse("grievances:holiday_delete", args=[holiday.pk]))
    assert deleted.status_code == 403 and "hanya pengelola server" in deleted.content.decode()
    assert list(Holiday.objects.filter(date__year=2030).values_list("name", flat=True)) == ["Libur nasional"]
    # The admin shows the calendar, read-only.
    client.force_login(users["admin"])
    assert client.get("/admin/grievances/holiday/").status_code == 200
    assert client.post("/admin/grievances/holiday/add/", {"date": "2030-01-05", "name": "Libur"}).status_code == 403


def test_with_several_provinces_the_superuser_without_a_province_changes_the_holidays(client, kalsel, root):
    client.force_login(root)
    assert client.post(reverse("grievances:deadlines"), {"holiday": "1", "date": "2030-01-04",
                                                         "name": "Pilkada serentak"}).status_code == 302
    holiday = Holiday.objects.get(date=dt.date(2030, 1, 4))
    assert client.post(f"/admin/grievances/holiday/{holiday.pk}/change/",
                       {"date": "2030-01-05", "name": "Pilkada serentak"}).status_code == 302
    calendar.holiday_remove(holiday=Holiday.objects.get(pk=holiday.pk), user=root)
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_with_one_province_its_staff_still_change_the_holidays(client, users):
    client.force_login(users["provincial"])
    assert "hanya pengelola server" not in client.get(reverse("grievances:deadlines")).content.decode()
    holiday = calendar.holiday_add(date=dt.date(2030, 1, 3), name="Libur daerah", user=users["provincial"])
    assert client.post(reverse("grievances:holiday_delete", args=[holiday.pk])).status_code == 302
