"""A BAST print whose worker was SIGKILLed mid-job: the sweep resumes it and exactly one file is made."""

import os
import signal
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from disbursements.jobs import bast_print_start
from disbursements.tests.test_goods_pages import invited  # noqa: F401 - the fixture
from exports.models import Job
from exports.tasks import job_send
from verification.tests.test_tasks import a_backend_waits_on_a_lock, database_url, kill_group, start_worker, wait_for


def files_on_disk() -> set[Path]:
    folder = Path(settings.MEDIA_ROOT) / "berkas"
    return set(folder.rglob("*")) if folder.exists() else set()


@pytest.mark.crash
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_printing_is_resumed_by_the_sweep_within_a_minute_and_makes_one_file(
        users, invited, tmp_path):  # noqa: F811
    from uep.celery import app

    app.control.purge()
    before = files_on_disk()
    # The broker's visibility timeout stays long (as shipped): only the sweep can bring the job back soon.
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_VISIBILITY_TIMEOUT": "600",
           "JOB_LEASE_SECONDS": "2", "JOB_SWEEP_SECONDS": "1"}
    # The test holds the handovers' table: the worker takes the job, then waits here in the middle.
    holder = psycopg.connect(database_url())
    holder.execute("LOCK TABLE disbursements_handover IN ACCESS EXCLUSIVE MODE")
    first = start_worker(env)
    second = None
    try:
        job = bast_print_start(user=users["officer"], day=invited.day, full_nik=True)
        job_send(job)
        assert wait_for(a_backend_waits_on_a_lock, 60)
        assert Job.objects.get(id=job.id).status == Job.Status.RUNNING
        kill_group(first)
        holder.rollback()
        assert Job.objects.get(id=job.id).status == Job.Status.RUNNING and not job.files.exists()

        back = time.monotonic()
        second = start_worker(env, "--beat", "--schedule", str(tmp_path / "beat-schedule"))
        assert wait_for(lambda: Job.objects.get(id=job.id).status == Job.Status.DONE, 60)
        resumed_in = time.monotonic() - back
    finally:
        holder.close()
        kill_group(first)
        if second is not None:
            kill_group(second, signal.SIGTERM)
        # The killed worker's message waits in the broker's unacknowledged set for the visibility
        # timeout; it must not come back in a later test run that reuses the ids.
        app.connection_for_write().default_channel.client.delete("unacked", "unacked_index")

    assert resumed_in < 60
    assert job.files.count() == 1
    made = [p for p in files_on_disk() - before if p.is_file()]
    assert len(made) == 1 and made[0].read_bytes().startswith(b"%PDF")
