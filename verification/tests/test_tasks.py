"""The batch through real Celery workers: a thread worker, and a prefork worker killed with SIGKILL."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from recipients.models import CandidateEvent, CandidateStatus
from verification import services
from verification.models import VerificationJob, VerificationResult
from verification.tests.conftest import registry_row

ROOT = Path(__file__).resolve().parents[2]


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_verifies_every_candidate_of_the_year(celery_worker, load_snapshot, new_candidate, samarinda,
                                                       balikpapan, users, programme_year):
    candidates = [new_candidate(samarinda, created_by=users["officer"]) for _ in range(5)]
    candidates += [new_candidate(balikpapan, created_by=users["other_officer"]) for _ in range(4)]
    snapshot = load_snapshot([registry_row(c, DESIL=7 if i % 3 == 0 else 2) for i, c in enumerate(candidates)])

    job = services.verification_job_start(programme_year=programme_year, snapshot=snapshot,
                                          user=users["provincial"], chunk_size=4)

    assert wait_for(lambda: VerificationJob.objects.get(id=job.id).status == VerificationJob.Status.DONE, 60)
    job.refresh_from_db()
    assert (job.total, job.done_count, job.passed_count) == (9, 9, 6)
    assert VerificationResult.objects.filter(job=job).count() == 9


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "uep", "worker", "--pool", "prefork", "-c", "1", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def kill_group(process, sig=signal.SIGKILL):
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_chunk_leaves_every_candidate_verified_once(
        load_snapshot, new_candidate, samarinda, users, programme_year):
    from uep.celery import app

    app.control.purge()
    candidates = [new_candidate(samarinda, created_by=users["officer"]) for _ in range(6)]
    snapshot = load_snapshot([registry_row(c) for c in candidates])
    settings = connection.settings_dict
    env = {**os.environ,
           "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/"
                           f"{settings['NAME']}",
           "CELERY_VISIBILITY_TIMEOUT": "3", "VERIFICATION_TEST_CHUNK_PAUSE": "4"}
    first = start_worker(env)
    try:
        job = services.verification_job_start(programme_year=programme_year, snapshot=snapshot,
                                              user=users["provincial"], chunk_size=2)
        # The first chunk has written its results inside its open transaction: kill now.
        assert wait_for(lambda: VerificationJob.objects.get(id=job.id).status == VerificationJob.Status.RUNNING, 60)
        time.sleep(1.5)
    finally:
        kill_group(first)
    assert VerificationResult.objects.filter(job=job).count() == 0  # rolled back with the killed transaction

    time.sleep(3.5)  # past the visibility timeout: the next worker restores the unacknowledged message
    second = start_worker({**env, "VERIFICATION_TEST_CHUNK_PAUSE": "0"})
    try:
        assert wait_for(lambda: VerificationJob.objects.get(id=job.id).status == VerificationJob.Status.DONE, 90)
    finally:
        kill_group(second, signal.SIGTERM)

    job.refresh_from_db()
    assert (job.total, job.done_count) == (6, 6)
    results = VerificationResult.objects.filter(job=job)
    assert sorted(results.values_list("candidate_id", flat=True)) == sorted(c.id for c in candidates)
    for candidate in candidates:
        assert CandidateEvent.objects.filter(candidate=candidate, status__in=[
            CandidateStatus.DESK_PASSED, CandidateStatus.DESK_FAILED]).count() == 1
