"""The batch through real Celery workers: a thread worker, and prefork workers killed with SIGKILL."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from recipients.models import CandidateEvent, CandidateStatus
from verification.models import VerificationJob, VerificationResult
from verification.services import batch
from verification.tasks import verification_send_task
from verification.tests.conftest import registry_row

ROOT = Path(__file__).resolve().parents[2]


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def start(**kwargs):
    job = batch.verification_job_start(**kwargs)
    verification_send_task.delay(job.id)
    return job


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_verifies_every_candidate_of_the_year(celery_worker, load_snapshot, new_candidate, samarinda,
                                                       balikpapan, users, programme_year):
    candidates = [new_candidate(samarinda, created_by=users["officer"]) for _ in range(5)]
    candidates += [new_candidate(balikpapan, created_by=users["other_officer"]) for _ in range(4)]
    snapshot = load_snapshot([registry_row(c, DESIL=7 if i % 3 == 0 else 2) for i, c in enumerate(candidates)])

    job = start(programme_year=programme_year, snapshot=snapshot, user=users["provincial"], chunk_size=4)

    assert wait_for(lambda: VerificationJob.objects.get(id=job.id).status == VerificationJob.Status.DONE, 60)
    job.refresh_from_db()
    assert (job.total, job.done_count, job.passed_count) == (9, 9, 6)
    assert VerificationResult.objects.filter(job=job).count() == 9


def start_worker(env, *args):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "uep", "worker", "--pool", "prefork", "-c", "1", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat", *args],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def kill_group(process, sig=signal.SIGKILL):
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


def database_url():
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


def a_backend_waits_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND wait_event_type = 'Lock'")
        return cursor.fetchone()[0] > 0


@pytest.mark.crash
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_chunk_is_resumed_by_the_sweep_and_verifies_every_candidate_once(
        load_snapshot, new_candidate, samarinda, users, programme_year, tmp_path):
    from uep.celery import app

    app.control.purge()
    candidates = [new_candidate(samarinda, created_by=users["officer"]) for _ in range(6)]
    snapshot = load_snapshot([registry_row(c) for c in candidates])
    # The broker's visibility timeout stays long (as shipped): only the sweep can bring the chunk back soon.
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_VISIBILITY_TIMEOUT": "600",
           "VERIFICATION_CHUNK_LEASE_SECONDS": "2", "VERIFICATION_SWEEP_SECONDS": "1"}
    # The test holds the first candidate's row: the first chunk locks its chunk, then waits here.
    holder = psycopg.connect(database_url())
    holder.execute("SELECT 1 FROM recipients_candidate WHERE id = %s FOR UPDATE", [candidates[0].id])
    first = start_worker(env)
    second = None
    try:
        job = start(programme_year=programme_year, snapshot=snapshot, user=users["provincial"], chunk_size=2)
        assert wait_for(a_backend_waits_on_a_lock, 60)
        kill_group(first)
        holder.rollback()  # the killed worker's transaction goes on, then dies with its client: nothing commits
        assert VerificationResult.objects.filter(job=job).count() == 0
        assert VerificationJob.objects.get(id=job.id).status == VerificationJob.Status.RUNNING

        second = start_worker(env, "--beat", "--schedule", str(tmp_path / "beat-schedule"))
        assert wait_for(lambda: VerificationJob.objects.get(id=job.id).status == VerificationJob.Status.DONE, 60)
    finally:
        holder.close()
        kill_group(first)
        if second is not None:
            kill_group(second, signal.SIGTERM)
        # The killed worker's message waits in the broker's unacknowledged set for the visibility
        # timeout; it must not come back in a later test run that reuses the ids.
        app.connection_for_write().default_channel.client.delete("unacked", "unacked_index")

    job.refresh_from_db()
    assert (job.total, job.done_count) == (6, 6)
    results = VerificationResult.objects.filter(job=job)
    assert sorted(results.values_list("candidate_id", flat=True)) == sorted(c.id for c in candidates)
    for candidate in candidates:
        assert CandidateEvent.objects.filter(candidate=candidate, status__in=[
            CandidateStatus.DESK_PASSED, CandidateStatus.DESK_FAILED]).count() == 1
