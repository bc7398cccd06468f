"""Big files go through a real Celery worker; the page polls the status view for the progress."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recipients.models import Candidate, Upload
from recipients.services.upload import INLINE_MAX_ROWS


def wait_until_done(client, upload, timeout=90):
    url = reverse("recipients:upload_status", kwargs={"pk": upload.pk})
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        state = client.get(url).json()
        seen.append(state["progress"])
        if state["done"]:
            return state, seen
        time.sleep(0.2)
    raise AssertionError(f"upload still running: {seen[-5:]}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_big_file_is_checked_and_confirmed_by_a_worker(celery_worker, client, users, samarinda, programme_year,
                                                         rows, xlsx):
    client.force_login(users["officer"])
    data = rows(INLINE_MAX_ROWS + 100, bad_rows=3)

    client.post(reverse("recipients:upload_create"),
                {"file": SimpleUploadedFile("besar.xlsx", xlsx(data)), "programme_year": programme_year.pk})
    upload = Upload.objects.get()
    state, _ = wait_until_done(client, upload)

    upload.refresh_from_db()
    assert state["status"] == "preview" and state["progress"] == 100
    assert (upload.accepted_count, upload.refused_count) == (INLINE_MAX_ROWS + 97, 3)
    assert not Candidate.objects.exists()

    client.post(reverse("recipients:upload_confirm", kwargs={"pk": upload.pk}))
    state, _ = wait_until_done(client, upload)

    assert state["status"] == "confirmed"
    assert Candidate.objects.filter(upload=upload).count() == INLINE_MAX_ROWS + 97
    assert Candidate.objects.filter(upload=upload, created_by=users["officer"]).count() == INLINE_MAX_ROWS + 97


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_check_whose_worker_died_each_time_is_failed_not_delivered_again(celery_worker, users, samarinda,
                                                                            programme_year, rows, xlsx):
    """Its third death was its last: the worker runs the fourth delivery as a failure, deletes the file, and
    the queue moves on (a file that aborted calamine was delivered for ever before)."""
    from django.conf import settings as live
    from django.core.files.base import ContentFile

    from recipients.services.upload import upload_create
    from recipients.tasks import upload_check_task
    from uep.tasks import GAVE_UP_MESSAGE

    upload = upload_create(user=users["officer"], kabupaten=samarinda, programme_year=programme_year,
                           file=ContentFile(xlsx(rows(3)), name="usulan.xlsx"))
    stored = upload.file.name
    task_id = f"upload-check-{upload.pk}"
    client = upload_check_task.app.backend.client
    client.set(f"{live.CELERY_KEY_PREFIX}uep:deliveries:{task_id}", live.TASK_MAX_DELIVERIES)  # three deaths
    upload_check_task.apply_async((upload.pk,), task_id=task_id).get(timeout=30)

    upload.refresh_from_db()
    assert upload.status == Upload.Status.FAILED and upload.messages[0]["reason"] == GAVE_UP_MESSAGE
    assert not upload.file and not upload.file.storage.exists(stored)

    # A delivery under the limit is counted and runs as ever.
    again = upload_create(user=users["officer"], kabupaten=samarinda, programme_year=programme_year,
                          file=ContentFile(xlsx(rows(3)), name="usulan.xlsx"))
    assert upload_check_task.apply_async((again.pk,), task_id=f"upload-check-{again.pk}").get(timeout=30) == "preview"
    assert client.get(f"{live.CELERY_KEY_PREFIX}uep:deliveries:upload-check-{again.pk}") == b"1"


@pytest.mark.django_db
def test_a_check_left_running_by_a_dead_process_is_failed_by_the_sweep_and_its_file_deleted(
        users, samarinda, programme_year, rows, xlsx, settings, tmp_path):
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from recipients.services.upload import upload_create, uploads_check_stuck_fail

    settings.MEDIA_ROOT = tmp_path
    lost, fresh = (upload_create(user=users["officer"], kabupaten=samarinda, programme_year=programme_year,
                                 file=ContentFile(xlsx(rows(2)), name="usulan.xlsx")) for _ in range(2))
    Upload.objects.filter(pk=lost.pk).update(
        uploaded_at=timezone.now() - dt.timedelta(seconds=settings.UPLOAD_CHECK_STUCK_SECONDS + 60))
    stored = lost.file.name

    assert uploads_check_stuck_fail() == 1
    lost.refresh_from_db(), fresh.refresh_from_db()
    assert lost.status == Upload.Status.FAILED and "terhenti" in lost.messages[0]["reason"]
    assert not lost.file and not lost.file.storage.exists(stored)
    assert fresh.status == Upload.Status.CHECKING and fresh.file
