"""What waits for each level on the Beranda: to acknowledge, breached, escalated to me; scoped."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from grievances.models import Category
from grievances.queues import BREACHED, ESCALATED, TO_ACKNOWLEDGE, queue, waiting_for
from grievances.services.escalation import grievances_escalate
from grievances.services.handling import grievance_submit
from grievances.services.intake import grievance_move


@pytest.fixture
def complaints(samarinda, balikpapan, users):
    """Samarinda: a new web complaint, one two weeks old (not acknowledged: escalated to the province by the
    job), one acknowledged and late, a pungli complaint; Balikpapan: a new one."""
    now = timezone.now()
    two_weeks = now - dt.timedelta(days=14)
    made = {
        "new": grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="baru", now=now),
        "old": grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="lama", now=two_weeks),
        "late": grievance_submit(category=Category.TRAINING, kabupaten=samarinda, description="telat",
                                 now=now - dt.timedelta(days=40)),
        "pungli": grievance_submit(category=Category.PUNGLI, kabupaten=samarinda, description="uang", now=now),
        "other": grievance_submit(category=Category.GOODS, kabupaten=balikpapan, description="bpp", now=now),
    }
    grievance_move(grievance_id=made["late"].pk, status="in_progress", now=now - dt.timedelta(days=39))
    # Only "old" is past the level's deadline without being escalated before: "late" was acknowledged, and its
    # 10 working days (40 days ago) are over too: both go up once.
    grievances_escalate(now=now)
    for g in made.values():
        g.refresh_from_db()
    return made


def codes(qs):
    return set(qs.values_list("code", flat=True))


def test_the_area_officer_sees_their_own_area_only_and_never_a_sensitive_complaint(users, complaints):
    now = timezone.now()
    officer = users["officer"]
    assert codes(queue(user=officer, name=TO_ACKNOWLEDGE, now=now)) == {complaints["new"].code}
    # Escalated ones answer at the province now: they left the area's queues.
    assert codes(queue(user=officer, name=BREACHED, now=now)) == set()
    assert codes(queue(user=officer, name=ESCALATED, now=now)) == set()
    assert waiting_for(user=users["other_officer"], now=now).to_acknowledge == 1  # Balikpapan's own


def test_the_province_sees_what_was_escalated_to_it(users, complaints):
    now = timezone.now()
    province = users["provincial"]
    assert codes(queue(user=province, name=ESCALATED, now=now)) == {complaints["old"].code, complaints["late"].code}
    assert codes(queue(user=province, name=BREACHED, now=now)) == {complaints["old"].code, complaints["late"].code}
    # Not acknowledged by anyone yet; the pungli complaint is not this user's to see.
    assert codes(queue(user=province, name=TO_ACKNOWLEDGE, now=now)) == {complaints["old"].code}


def test_the_designated_officer_also_has_the_sensitive_complaints_to_acknowledge(complaints_officer, complaints):
    now = timezone.now()
    assert codes(queue(user=complaints_officer, name=TO_ACKNOWLEDGE, now=now)) == {
        complaints["old"].code, complaints["pungli"].code}


def test_the_head_of_division_gets_the_last_step(head_of_division, complaints):
    now = timezone.now()
    assert waiting_for(user=head_of_division, now=now).escalated == 2  # level 1 (as provincial staff)
    grievances_escalate(now=now + dt.timedelta(days=30))
    # The pungli complaint too: the head of division receives the designated officer's escalations.
    assert codes(queue(user=head_of_division, name=ESCALATED, now=now).filter(level=2)) == {
        complaints["old"].code, complaints["late"].code, complaints["pungli"].code}


def test_a_viewer_has_no_queue(users, complaints):
    assert waiting_for(user=users["viewer"], now=timezone.now()) is None


@pytest.mark.django_db
def test_the_beranda_shows_each_level_its_counts_with_links(client, users, complaints, programme_year):
    client.force_login(users["officer"])
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="complaints-acknowledge"' in body and "?antrian=tanggapi" in body
    assert 'data-testid="complaints-escalated"' not in body

    client.force_login(users["provincial"])
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="complaints-escalated"' in body and "<strong>2</strong>pengaduan dieskalasi" in body
    listed = client.get(reverse("grievances:list"), {"antrian": "eskalasi"}).content.decode()
    assert complaints["old"].code in listed and complaints["new"].code not in listed

    client.force_login(users["viewer"])
    assert 'data-testid="complaints-waiting"' not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_area_officer_never_lists_a_sensitive_complaint_through_a_queue(client, users, complaints):
    client.force_login(users["officer"])
    for name in ("tanggapi", "lewat", "eskalasi", "bukan"):
        body = client.get(reverse("grievances:list"), {"antrian": name}).content.decode()
        assert complaints["pungli"].code not in body and complaints["other"].code not in body
