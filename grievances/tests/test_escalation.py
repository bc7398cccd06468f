"""Escalation up the region tree with a frozen clock (``now`` passed in): hand-computed dates of December 2026
(the 4th is a Friday; goods have 10 working days, pungli 10; the next holder at least 3)."""

import datetime as dt
import time

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from grievances.clock import WITA
from grievances.models import Category, Escalation, Grievance, Level
from grievances.services.escalation import grievances_escalate
from grievances.services.handling import grievance_submit
from grievances.services.intake import grievance_move


def wita(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WITA)


FRIDAY_1600 = wita(2026, 12, 4, 16, 0)


@pytest.fixture
def web_complaint(samarinda, holidays_2026):
    return grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Kompor tidak menyala",
                            now=FRIDAY_1600)


def test_a_web_complaint_gets_its_deadlines_at_once(web_complaint):
    assert web_complaint.acknowledge_due_at == wita(2026, 12, 8)  # by the end of Monday 7
    assert web_complaint.resolve_due_at == wita(2026, 12, 19)  # 7, 8, 9, 10, 11, 14, 15, 16, 17, 18
    assert (web_complaint.level, web_complaint.level_due_at, web_complaint.acknowledged_at) == (
        Level.AREA, wita(2026, 12, 8), None)


def test_nothing_escalates_before_the_deadline(web_complaint):
    assert grievances_escalate(now=wita(2026, 12, 7, 23, 59, 59)) == 0
    assert not Escalation.objects.exists()


def test_an_unacknowledged_complaint_goes_to_the_province_once_however_often_the_job_runs(web_complaint):
    tuesday = wita(2026, 12, 8, 0, 0)

    assert grievances_escalate(now=tuesday) == 1
    assert grievances_escalate(now=tuesday) == 0
    assert grievances_escalate(now=wita(2026, 12, 10, 9)) == 0

    step = Escalation.objects.get()
    assert (step.from_level, step.to_level, step.reason) == (Level.AREA, Level.PROVINCE, "not_acknowledged")
    assert (step.breached_due_at, step.at) == (wita(2026, 12, 8), tuesday)
    # The province answers for the complaint's own deadline (19 Dec), later than three working days (12 Dec).
    assert step.new_due_at == wita(2026, 12, 19)
    web_complaint.refresh_from_db()
    assert (web_complaint.level, web_complaint.level_due_at) == (Level.PROVINCE, wita(2026, 12, 19))


def test_still_waiting_it_reaches_the_head_of_division_and_stops_there(web_complaint):
    grievances_escalate(now=wita(2026, 12, 8))
    assert grievances_escalate(now=wita(2026, 12, 19)) == 1
    # Saturday 19: at least three working days from then: 21, 22, 23 (24 Dec is a working day here).
    step = Escalation.objects.get(to_level=Level.HEAD)
    assert (step.from_level, step.new_due_at) == (Level.PROVINCE, wita(2026, 12, 24))
    assert grievances_escalate(now=wita(2027, 3, 1)) == 0
    assert list(Escalation.objects.values_list("to_level", flat=True)) == [Level.PROVINCE, Level.HEAD]


def test_an_acknowledged_complaint_is_held_to_its_resolve_deadline(web_complaint):
    grievance_move(grievance_id=web_complaint.pk, status="in_progress", now=wita(2026, 12, 7, 9))
    web_complaint.refresh_from_db()
    assert web_complaint.level_due_at == wita(2026, 12, 19)
    assert grievances_escalate(now=wita(2026, 12, 18, 23)) == 0
    assert grievances_escalate(now=wita(2026, 12, 19)) == 1
    assert Escalation.objects.get().reason == "not_resolved"


def test_a_closed_complaint_never_escalates(web_complaint):
    grievance_move(grievance_id=web_complaint.pk, status="resolved", resolution="Kompor diganti",
                   now=wita(2026, 12, 7, 9))
    assert grievances_escalate(now=wita(2027, 1, 1)) == 0


def test_a_sensitive_complaint_starts_at_the_province_and_goes_to_the_head(samarinda, holidays_2026):
    pungli = grievance_submit(category=Category.PUNGLI, kabupaten=samarinda, description="Diminta uang",
                              now=FRIDAY_1600)
    assert pungli.level == Level.PROVINCE
    assert grievances_escalate(now=wita(2026, 12, 8)) == 1
    assert Escalation.objects.get().to_level == Level.HEAD


def test_a_complaint_across_christmas_waits_for_the_working_days(samarinda, holidays_2026):
    grievance = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="x",
                                 now=wita(2026, 12, 24, 9))
    assert grievance.acknowledge_due_at == wita(2026, 12, 29)  # 25 Christmas, 26-27 weekend, Monday 28
    assert grievances_escalate(now=wita(2026, 12, 28, 12)) == 0
    assert grievances_escalate(now=wita(2026, 12, 29)) == 1


def test_the_escalation_events_are_append_only_in_the_database(web_complaint):
    grievances_escalate(now=wita(2026, 12, 8))
    step = Escalation.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        Escalation.objects.filter(pk=step.pk).update(reason="not_resolved")
    with pytest.raises(DatabaseError), transaction.atomic():
        Escalation.objects.filter(pk=step.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(grievance=web_complaint, from_level=0, to_level=1, reason="not_resolved",
                                  breached_due_at=step.breached_due_at, new_due_at=step.new_due_at, at=step.at)
    assert Escalation.objects.get().reason == "not_acknowledged"


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_run_by_a_worker_escalates_each_breached_complaint_once(celery_worker, samarinda, balikpapan):
    from grievances.tasks import grievances_escalate as beat_task
    from uep.celery import app

    # Received a week ago (today's clock: the worker runs the job as beat does, with the real time).
    week_ago = dt.datetime.now(tz=WITA) - dt.timedelta(days=7)
    late = [grievance_submit(category=Category.GOODS, kabupaten=area, description="Belum ada jawaban", now=week_ago)
            for area in (samarinda, balikpapan)]
    fresh = grievance_submit(category=Category.GOODS, kabupaten=samarinda, description="Baru masuk")
    entry = app.conf.beat_schedule["grievances-escalate"]
    assert entry["task"] == beat_task.name

    assert app.send_task(entry["task"]).get(timeout=60) == 2
    assert app.send_task(entry["task"]).get(timeout=60) == 0

    assert _wait_for(lambda: Escalation.objects.count() == 2, 10)
    assert set(Escalation.objects.values_list("grievance_id", flat=True)) == {g.pk for g in late}
    assert Grievance.objects.get(pk=fresh.pk).level == Level.AREA
