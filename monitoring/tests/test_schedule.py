"""The rounds: the due-state rule in Python, in the ORM and in SQL agree; the beat job through a real worker."""

import datetime as dt
import time

import pytest
from django.db import connection

from monitoring.models import Round, Visit
from monitoring.schedule import VisitState, state_expression, state_sql, visit_state
from monitoring.services.rounds import rounds_schedule

TODAY = dt.date(2026, 1, 15)
# Around each edge: due today, the 30th and 31st day after, the 90th and 91st.
DUE_DATES = [TODAY + dt.timedelta(days=d) for d in (5, 0, -1, -29, -30, -31, -89, -90, -91, -400)]


def test_the_state_of_a_visit_moves_from_due_to_overdue_to_missed():
    states = [visit_state(visited_on=None, due_on=due, today=TODAY) for due in DUE_DATES]

    assert states == [VisitState.UPCOMING, VisitState.DUE, VisitState.DUE, VisitState.DUE, VisitState.OVERDUE,
                      VisitState.OVERDUE, VisitState.OVERDUE, VisitState.MISSED, VisitState.MISSED, VisitState.MISSED]
    assert visit_state(visited_on=TODAY, due_on=DUE_DATES[-1], today=TODAY) == VisitState.DONE


def test_the_sql_and_the_orm_read_the_rule_as_python_does(db, users, samarinda, hand_over):
    candidate = hand_over(samarinda)
    visits = Visit.objects.bulk_create([Visit(candidate=candidate, due_on=due) for due in DUE_DATES])
    Visit.objects.filter(id=visits[-1].id).update(visited_on=TODAY, outcome="berjalan")
    expected = {v.id: visit_state(visited_on=TODAY if v.id == visits[-1].id else None, due_on=v.due_on, today=TODAY)
                for v in visits}

    orm = dict(Visit.objects.annotate(state=state_expression(TODAY)).values_list("id", "state"))
    sql, params = state_sql(visited_on="visited_on", due_on="due_on", today=TODAY)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {sql} FROM {Visit._meta.db_table}", params)
        raw = dict(cursor.fetchall())

    assert orm == raw == {k: v.value for k, v in expected.items()}


def test_scheduling_twice_creates_each_due_visit_once(users, programme_year, samarinda, hand_over):
    candidate = hand_over(samarinda)

    assert rounds_schedule() == 5
    assert rounds_schedule() == 0
    # Followed for three years by default: every cohort stays followed while new ones start.
    assert list(Round.objects.values_list("months", flat=True)) == [3, 6, 12, 24, 36]
    assert list(Visit.objects.filter(candidate=candidate).values_list("due_on", flat=True)) == [
        dt.date(2025, 9, 2), dt.date(2025, 12, 2), dt.date(2026, 6, 2), dt.date(2027, 6, 2), dt.date(2028, 6, 2)]


def test_a_year_keeps_the_rounds_staff_gave_it(users, programme_year, samarinda, hand_over):
    Round.objects.create(programme_year=programme_year, months=24)
    hand_over(samarinda)

    rounds_schedule()

    assert list(Round.objects.values_list("months", flat=True)) == [24]
    assert Visit.objects.get().due_on == dt.date(2027, 6, 2)


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_job_run_by_a_worker_gives_every_handover_its_due_visits(celery_worker, users, programme_year,
                                                                          samarinda, balikpapan, hand_over):
    from monitoring.tasks import rounds_schedule as beat_task
    from uep.celery import app

    families = [hand_over(samarinda), hand_over(balikpapan, package="jahit"), hand_over(samarinda)]
    # The task the beat schedule names, sent as beat sends it.
    entry = app.conf.beat_schedule["monitoring-rounds"]
    assert entry["task"] == beat_task.name

    result = app.send_task(entry["task"])

    assert result.get(timeout=60) == 15
    assert wait_for(lambda: Visit.objects.count() == 15, 10)
    assert {(v.candidate_id, v.round.months, v.due_on) for v in Visit.objects.select_related("round")} == {
        (c.id, months, due) for c in families
        for months, due in ((3, dt.date(2025, 9, 2)), (6, dt.date(2025, 12, 2)), (12, dt.date(2026, 6, 2)),
                            (24, dt.date(2027, 6, 2)), (36, dt.date(2028, 6, 2)))}
