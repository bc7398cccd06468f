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
