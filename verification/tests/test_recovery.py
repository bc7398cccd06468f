"""A job whose worker was lost: its chunks are sent again, and the province sees it, resumes or cancels it."""

import datetime as dt

import psycopg
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from verification.models import VerificationChunk, VerificationJob
from verification.services import batch
from verification.tests.conftest import registry_row


@pytest.fixture
def job_of(load_snapshot, new_candidate, samarinda, users, programme_year):
    def make(n=4, chunk_size=2):
        candidates = [new_candidate(samarinda, created_by=users["officer"]) for _ in range(n)]
        snapshot = load_snapshot([registry_row(c) for c in candidates])
        return batch.verification_job_start(programme_year=programme_year, snapshot=snapshot,
                                            user=users["provincial"], chunk_size=chunk_size)

    return make


def age(job, *, seconds):
    """As if the job's chunks were sent, and the job last progressed, ``seconds`` ago."""
    then = timezone.now() - dt.timedelta(seconds=seconds)
    job.chunks.update(sent_at=then)
    VerificationJob.objects.filter(id=job.id).update(progressed_at=then, status=VerificationJob.Status.RUNNING)


@pytest.mark.django_db
def test_a_new_job_s_chunks_are_sent_once_and_not_again_within_the_lease(job_of, settings):
    settings.VERIFICATION_CHUNK_LEASE_SECONDS = 30
    job = job_of()

    assert batch.chunks_to_send(job_id=job.id) == sorted(job.chunks.values_list("id", flat=True))
    assert batch.chunks_to_send() == []


@pytest.mark.django_db(transaction=True)
def test_the_sweep_sends_a_chunk_sent_over_a_lease_ago_but_not_one_a_worker_holds(job_of, settings):
    settings.VERIFICATION_CHUNK_LEASE_SECONDS = 30
    job = job_of()
    held, lost = job.chunks.order_by("id")
    age(job, seconds=60)
    settings_dict = connection.settings_dict
    worker = psycopg.connect(f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:"
                             f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    try:
        # A worker verifying a chunk holds its row for the whole transaction.
        worker.execute("SELECT 1 FROM verification_verificationchunk WHERE id = %s FOR UPDATE", [held.id])

        assert batch.chunks_to_send() == [lost.id]
    finally:
        worker.close()


@pytest.mark.django_db
def test_a_done_chunk_or_a_cancelled_job_is_never_sent_again(job_of, users, settings):
    job = job_of()
    first = job.chunks.order_by("id").first()
    batch.verification_chunk_run(chunk_id=first.id)
    age(job, seconds=3600)
    assert first.id not in batch.chunks_to_send()

    age(job, seconds=3600)
    batch.verification_job_cancel(job=job, user=users["provincial"])
    assert batch.chunks_to_send() == []


@pytest.mark.django_db
def test_a_job_with_no_progress_for_long_shows_as_stuck(job_of, settings):
    settings.VERIFICATION_STUCK_SECONDS = 120
    job = job_of()
    assert not VerificationJob.objects.get(id=job.id).is_stuck

    age(job, seconds=121)

    assert VerificationJob.objects.get(id=job.id).is_stuck


@pytest.mark.django_db
def test_resuming_a_stuck_job_sends_its_unfinished_chunks_now_and_it_finishes(job_of, users):
    job = job_of()
    done, waiting = job.chunks.order_by("id")
    batch.verification_chunk_run(chunk_id=done.id)
    age(job, seconds=5)  # within the lease: the sweep would still wait

    batch.verification_job_resume(job=job, user=users["provincial"])

    assert batch.chunks_to_send(job_id=job.id) == [waiting.id]
    batch.verification_chunk_run(chunk_id=waiting.id)
    job.refresh_from_db()
    assert (job.status, job.done_count, job.is_stuck) == (VerificationJob.Status.DONE, 4, False)


@pytest.mark.django_db
def test_a_cancelled_job_verifies_nothing_more_and_frees_the_year(job_of, users, programme_year):
    job = job_of()
    done, waiting = job.chunks.order_by("id")
    batch.verification_chunk_run(chunk_id=done.id)

    batch.verification_job_cancel(job=job, user=users["provincial"])

    assert batch.verification_chunk_run(chunk_id=waiting.id) == 0
    job.refresh_from_db()
    assert (job.status, job.done_count) == (VerificationJob.Status.CANCELLED, 2)
    assert "2 dari 4" in job.message
    again = batch.verification_job_start(programme_year=programme_year, snapshot=job.snapshot,
                                         user=users["provincial"])
    assert again.total == 2  # the two not verified before the cancel


@pytest.mark.django_db
def test_only_provincial_staff_resume_or_cancel_and_not_a_finished_job(job_of, users):
    from django.core.exceptions import PermissionDenied, ValidationError

    job = job_of()
    with pytest.raises(PermissionDenied):
        batch.verification_job_cancel(job=job, user=users["officer"])
    for chunk in job.chunks.all():
        batch.verification_chunk_run(chunk_id=chunk.id)
    with pytest.raises(ValidationError):
        batch.verification_job_resume(job=job, user=users["provincial"])


@pytest.mark.django_db
def test_the_province_sees_a_stuck_job_and_resumes_it_from_its_page(client, job_of, users,
                                                                   django_capture_on_commit_callbacks):
    job = job_of()
    age(job, seconds=3600)
    url = reverse("verification:job_detail", kwargs={"pk": job.pk})
    client.force_login(users["officer"])
    page = client.get(url).content.decode()
    assert 'data-testid="job-stuck"' in page and reverse("verification:job_resume", args=[job.pk]) not in page

    client.force_login(users["provincial"])
    page = client.get(url).content.decode()
    assert reverse("verification:job_resume", args=[job.pk]) in page
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("verification:job_resume", args=[job.pk]))

    assert response.status_code == 302 and len(callbacks) == 1
    assert set(VerificationChunk.objects.filter(job=job).values_list("sent_at", flat=True)) == {None}
    assert not VerificationJob.objects.get(id=job.id).is_stuck


@pytest.mark.django_db
def test_the_province_cancels_a_stuck_job_from_its_page(client, job_of, users):
    job = job_of()
    age(job, seconds=3600)
    client.force_login(users["provincial"])

    client.post(reverse("verification:job_cancel", args=[job.pk]))

    page = client.get(reverse("verification:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "Dibatalkan" in page and 'data-testid="job-stuck"' not in page
