"""Invitations to a handover day and to a bimtek write their notices set-based, in the act's
transaction; the reminder 3 days before the day is written once by the daily job."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disbursements.services.handover import handover_cancel, handover_day_create, handover_invite, handover_reminders_write
from disbursements.services.training import training_invite
from notices.models import Kind, Notice, Status

DAY = dt.date(2025, 6, 2)


@pytest.fixture
def day(users, samarinda, programme_year):
    return handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=DAY,
                               place="Aula Dinsos Jl. Basuki Rahmat", user=users["officer"])


@pytest.fixture
def decided(users, samarinda, make_candidate, stocked_package, items, stock_in):
    stock_in(samarinda, items["tepung"], 60)
    stock_in(samarinda, items["kompor"], 30)
    return [make_candidate(samarinda, status="decided", requested_package="pg-gorengan", phone=f"0812000{i:05d}",
                           created_by=users["officer"]) for i in range(30)]


def test_an_invitation_of_thirty_writes_thirty_notices_in_one_statement(users, day, decided):
    with CaptureQueriesContext(connection) as queries:
        handover_invite(day=day, candidates=decided, user=users["officer"])
    outbox = [q["sql"] for q in queries if "notices_notice" in q["sql"]]
    assert len(outbox) == 1 and outbox[0].lstrip().startswith("INSERT")
    notices = Notice.objects.filter(kind=Kind.HANDOVER_INVITED)
    assert notices.count() == 30 and {n.status for n in notices} == {Status.PENDING}
    assert "Senin 2 Jun 2025 di Aula Dinsos Jl. Basuki Rahmat" in notices[0].text


def test_a_refused_invitation_writes_no_notice(users, day, decided, make_candidate, samarinda):
    proposed = make_candidate(samarinda, created_by=users["officer"], phone="081299990000")
    with pytest.raises(ValidationError):
        handover_invite(day=day, candidates=[decided[0], proposed], user=users["officer"])
    assert not Notice.objects.exists()


def test_the_reminder_goes_3_days_before_to_those_still_invited(users, day, decided):
    handovers = handover_invite(day=day, candidates=decided[:3], user=users["officer"])
    handover_cancel(handover=handovers[0], user=users["officer"], reason="pindah")
    assert handover_reminders_write(today=DAY - dt.timedelta(days=4)) == 0
    assert handover_reminders_write(today=DAY - dt.timedelta(days=3)) == 2
    assert handover_reminders_write(today=DAY - dt.timedelta(days=2)) == 0  # once
    reminder = Notice.objects.filter(kind=Kind.HANDOVER_REMINDER).first()
    assert reminder.text.startswith("Pengingat: penyerahan paket UEP 3 hari lagi, Senin 2 Jun 2025")


def test_a_bimtek_invitation_tells_each_decided_recipient_once(users, decided, samarinda, programme_year):
    coming = dt.date.today() + dt.timedelta(days=5)
    args = dict(programme_year=programme_year, kabupaten=samarinda, date=coming, venue="Balai Latihan Kerja",
                candidates=decided[:4], user=users["officer"])
    assert training_invite(**args) == 4
    assert training_invite(**args) == 0
    with pytest.raises(ValidationError):
        training_invite(**{**args, "date": dt.date.today() - dt.timedelta(days=1)})


def test_the_bimtek_invitation_page_tells_every_waiting_recipient_of_the_area(client, users, decided):
    from django.urls import reverse

    client.force_login(users["officer"])
    url = reverse("disbursements:training_invite")
    assert "30 penerima menunggu bimtek" in client.get(url).content.decode()
    coming = dt.date.today() + dt.timedelta(days=7)
    response = client.post(url, {"date": coming.isoformat(), "venue": "BLK Samarinda"}, follow=True)
    assert "Undangan bimtek ditulis untuk 30 penerima" in response.content.decode()
    assert Notice.objects.filter(kind=Kind.TRAINING_INVITED).count() == 30
    past = client.post(url, {"date": "2020-01-01", "venue": "BLK"}).content.decode()
    assert "sudah lewat" in past
