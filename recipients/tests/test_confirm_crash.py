"""A confirm whose worker died: seen as stuck, resumed or stopped by people, resumed by the sweep."""

import datetime as dt
import os
import signal

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from recipients.models import Candidate, Upload
from recipients.services.upload import (UploadStateError, upload_check, upload_confirm_stop, upload_create,
                               upload_start_confirm, uploads_to_resend)
from verification.tests.test_tasks import a_backend_waits_on_a_lock, database_url, kill_group, start_worker, wait_for


@pytest.fixture
def previewed(users, samarinda, programme_year, rows, xlsx):
    def make(n=5):
        return upload_check(upload=upload_create(user=users["officer"], kabupaten=samarinda,
                                                 programme_year=programme_year,
                                                 file=ContentFile(xlsx(rows(n)), name="usulan.xlsx")))
    return make


def interrupted(upload, user, *, seconds_ago):
    """A confirm that was started and sent, then lost its worker ``seconds_ago``."""
    upload_start_confirm(upload=upload, user=user)
    Upload.objects.filter(id=upload.id).update(confirm_sent_at=timezone.now() - dt.timedelta(seconds=seconds_ago))
    upload.refresh_from_db()
    return upload


def test_a_confirm_sent_longer_ago_than_the_lease_is_sent_again_and_a_fresh_one_is_not(previewed, users):
    lost = interrupted(previewed(), users["officer"], seconds_ago=600)
    fresh = interrupted(previewed(), users["officer"], seconds_ago=1)

    assert uploads_to_resend() == [lost.id]
    assert uploads_to_resend() == []  # just sent again: it has its lease
    assert Upload.objects.get(id=fresh.id).status == Upload.Status.IMPORTING


def test_the_officer_sees_a_stuck_confirm_and_stops_it_back_to_the_preview(client, previewed, users):
    upload = interrupted(previewed(), users["officer"], seconds_ago=600)
    client.force_login(users["officer"])
    detail = reverse("recipients:upload_detail", kwargs={"pk": upload.pk})

    page = client.get(detail).content.decode()
    assert "Penyimpanan terhenti" in page and 'data-testid="resume-button"' in page

    client.post(reverse("recipients:upload_confirm_stop", kwargs={"pk": upload.pk}))

    upload.refresh_from_db()
    assert upload.status == Upload.Status.PREVIEW and not Candidate.objects.exists()
    assert "Penyimpanan dihentikan oleh Petugas Samarinda" in client.get(detail).content.decode()
    client.post(reverse("recipients:upload_confirm", kwargs={"pk": upload.pk}))
    upload.refresh_from_db()
    assert upload.status == Upload.Status.CONFIRMED and upload.errors == []
    assert Candidate.objects.filter(upload=upload).count() == 5


def test_provincial_staff_resume_a_stuck_confirm(client, previewed, users, django_capture_on_commit_callbacks):
    from recipients import tasks

    upload = interrupted(previewed(), users["officer"], seconds_ago=600)
    client.force_login(users["provincial"])
    sent = []
    tasks.upload_confirm_task.delay, original = (lambda *a: sent.append(a)), tasks.upload_confirm_task.delay
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("recipients:upload_confirm_resume", kwargs={"pk": upload.pk}))
    finally:
        tasks.upload_confirm_task.delay = original

    assert sent == [(upload.id,)]
    assert not Upload.objects.get(id=upload.id).confirm_is_stuck


@pytest.mark.django_db(transaction=True)
def test_a_confirm_being_written_cannot_be_stopped(previewed, users):
    upload = interrupted(previewed(), users["officer"], seconds_ago=600)
    writer = psycopg.connect(database_url())
    try:
        writer.execute("SELECT 1 FROM recipients_upload WHERE id = %s FOR UPDATE", [upload.id])
        with pytest.raises(UploadStateError, match="sedang disimpan"):
            upload_confirm_stop(upload=upload, user=users["officer"])
        assert uploads_to_resend() == []
    finally:
        writer.close()


@pytest.mark.crash
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_writing_a_confirm_is_resumed_by_the_sweep_and_saves_every_row_once(
        users, samarinda, programme_year, rows, xlsx, tmp_path, media_root):
    from uep.celery import app

    app.control.purge()
    upload = upload_check(upload=upload_create(user=users["officer"], kabupaten=samarinda,
                                               programme_year=programme_year,
                                               file=ContentFile(xlsx(rows(50)), name="usulan.xlsx")))
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_MEDIA_ROOT": str(media_root),
           "CELERY_VISIBILITY_TIMEOUT": "600",
           "UPLOAD_CONFIRM_LEASE_SECONDS": "2", "UPLOAD_CONFIRM_SWEEP_SECONDS": "1"}
    # The test holds the year's proposals lock: the worker's confirm starts writing, then waits here.
    holder = psycopg.connect(database_url())
    holder.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"uep.proposals:{programme_year.pk}"])
    first = start_worker(env)
    second = None
    try:
        from recipients.tasks import upload_confirm_task

        upload_start_confirm(upload=upload, user=users["officer"])
        upload_confirm_task.delay(upload.id)
        assert wait_for(a_backend_waits_on_a_lock, 60)
        kill_group(first)
        holder.rollback()
        assert Upload.objects.get(id=upload.id).status == Upload.Status.IMPORTING
        assert not Candidate.objects.exists()

        second = start_worker(env, "--beat", "--schedule", str(tmp_path / "beat-schedule"))
        assert wait_for(lambda: Upload.objects.get(id=upload.id).status == Upload.Status.CONFIRMED, 60)
    finally:
        holder.close()
        kill_group(first)
        if second is not None:
            kill_group(second, signal.SIGTERM)
        app.connection_for_write().default_channel.client.delete("unacked", "unacked_index")

    upload.refresh_from_db()
    assert (upload.accepted_count, upload.refused_count) == (50, 0)
    assert Candidate.objects.filter(upload=upload).count() == 50
