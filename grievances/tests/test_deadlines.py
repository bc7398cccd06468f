"""The provincial page of the complaints' clock: days per category, the holiday table."""

import datetime as dt

import pytest
from django.urls import reverse

from grievances.clock import WITA
from grievances.deadlines import DEFAULT_RESOLVE_WORKING_DAYS, due_moments, resolve_working_days
from grievances.models import Category, CategoryDeadline, Holiday

pytestmark = pytest.mark.django_db


def days_form(**overrides):
    data = {"days": "1", **{c: DEFAULT_RESOLVE_WORKING_DAYS[c] for c in Category.values}}
    data.update(overrides)
    return data


def test_the_defaults_hold_until_provincial_staff_set_a_category(users, client, samarinda):
    assert resolve_working_days(province_id=samarinda.province_id)[Category.GOODS] == 10
    client.force_login(users["provincial"])
    response = client.post(reverse("grievances:deadlines"), days_form(goods=5))
    assert response.status_code == 302
    assert CategoryDeadline.objects.get(category="goods").resolve_working_days == 5
    assert CategoryDeadline.objects.get(category="goods").updated_by == users["provincial"]
    # A complaint received on Monday 7 Dec 2026 is now due by the end of Monday 14.
    received = dt.datetime(2026, 12, 7, 10, tzinfo=WITA)
    due = due_moments(category="goods", received=received, kabupaten_id=samarinda.pk)
    assert due[1] == dt.datetime(2026, 12, 15, tzinfo=WITA)


def test_the_list_and_the_complaints_page_show_the_same_last_day(users, client, samarinda):
    """Due by the end of Monday 21 Dec (ten working days; stored as 22 Dec 00:00 WITA): the list said 22/12/2026
    and the page 21 Des 2026."""
    from grievances.services.handling import grievance_submit

    complaint = grievance_submit(category="goods", kabupaten=samarinda, description="Kompor rusak",
                                 now=dt.datetime(2026, 12, 7, 10, tzinfo=WITA))
    client.force_login(users["officer"])
    listed = client.get(reverse("grievances:list")).content.decode()
    shown = client.get(reverse("grievances:detail", args=[complaint.pk])).content.decode()

    assert complaint.resolve_due_at == dt.datetime(2026, 12, 22, tzinfo=WITA)
    assert "21/12/2026" in listed and "22/12/2026" not in listed
    assert "21 Des 2026" in shown


def test_days_out_of_range_are_refused_in_indonesian(users, client):
    client.force_login(users["provincial"])
    for value in ("0", "61", "abc", ""):
        body = client.post(reverse("grievances:deadlines"), days_form(goods=value)).content.decode()
        assert "Isi 1 sampai 60 hari kerja." in body
    assert not CategoryDeadline.objects.exists()


def test_a_holiday_is_added_once_and_moves_the_clock(users, client, samarinda):
    client.force_login(users["provincial"])
    Holiday.objects.filter(date=dt.date(2026, 12, 8)).delete()
    assert client.post(reverse("grievances:deadlines"), {"holiday": "1", "date": "2026-12-08",
                                                         "name": "Pilkada"}).status_code == 302
    body = client.post(reverse("grievances:deadlines"), {"holiday": "1", "date": "2026-12-08",
                                                         "name": "Lagi"}).content.decode()
    assert "sudah tercatat" in body
    received = dt.datetime(2026, 12, 7, 10, tzinfo=WITA)
    due = due_moments(category="goods", received=received, kabupaten_id=samarinda.pk)
    assert due[0] == dt.datetime(2026, 12, 10, tzinfo=WITA)
    holiday = Holiday.objects.get(date=dt.date(2026, 12, 8))
    assert client.post(reverse("grievances:holiday_delete", args=[holiday.pk])).status_code == 302
    assert not Holiday.objects.filter(date=dt.date(2026, 12, 8)).exists()


def test_the_seeded_holidays_of_2026_and_2027_are_on_the_page(users, client):
    client.force_login(users["provincial"])
    Holiday.objects.get_or_create(date=dt.date(2027, 8, 17), defaults={"name": "Proklamasi Kemerdekaan"})
    body = client.get(reverse("grievances:deadlines")).content.decode()
    assert "Proklamasi Kemerdekaan" in body


def test_an_officer_cannot_change_the_clock(users, client):
    client.force_login(users["officer"])
    assert client.post(reverse("grievances:deadlines"), days_form(goods=1)).status_code == 403
    assert not CategoryDeadline.objects.exists()
