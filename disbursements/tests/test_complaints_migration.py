"""The data migration that joins the goods complaints into the one list of complaints (grievances)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("disbursements", "0018_complaint_grievance")]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_goods_complaint_becomes_a_visit_complaint_with_its_status_and_due_date(make_candidate, samarinda,
                                                                                     users):
    candidate = make_candidate(samarinda, created_by=users["officer"], status="decided")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Complaint = old.get_model("disbursements", "Complaint")
    recorded = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.timezone.utc)  # 09:00 WITA
    common = {"kabupaten_id": samarinda.id, "candidate_id": candidate.id, "recorded_by_id": users["officer"].id}
    open_one = Complaint.objects.create(kind="broken", description="Kompor bocor", status="open",
                                        due_on=dt.date(2026, 11, 16), **common)
    closed = Complaint.objects.create(kind="selection", description="Penerima mampu", status="rejected",
                                      resolution="Sudah dicek: layak", due_on=dt.date(2026, 11, 16),
                                      resolved_at=recorded + dt.timedelta(days=3), resolved_by_id=users["officer"].id,
                                      **common)
    Complaint.objects.filter(pk__in=[open_one.pk, closed.pk]).update(recorded_at=recorded)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from disbursements.models import Complaint as Now
    from grievances.clock import WITA

    first, second = Now.objects.get(pk=open_one.pk).grievance, Now.objects.get(pk=closed.pk).grievance
    assert (first.channel, first.category, first.status, first.description, first.candidate_id) == (
        "visit", "goods", "received", "Kompor bocor", candidate.id)
    # The promise made (due on 16 Nov) is kept: breached from 17 Nov 00:00 WITA.
    assert first.resolve_due_at == dt.datetime(2026, 11, 17, tzinfo=WITA) == first.level_due_at
    assert (first.received_at, first.acknowledged_at, first.level, len(first.code)) == (recorded, recorded, 0, 10)
    assert (second.category, second.status, second.resolution, second.closed_at) == (
        "selection", "rejected", "Sudah dicek: layak", recorded + dt.timedelta(days=3))
    assert first.code != second.code
