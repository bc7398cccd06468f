"""Confirms that arrive together (a double click, four tabs): exactly one runs, the rows are saved once."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from recipients.models import Candidate, Upload
from recipients.services.upload import upload_check, upload_create


def post_together(users, url, n):
    """``n`` POSTs released at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(n)
    answers = [None] * n

    def post(i):
        client = Client()
        client.force_login(users["officer"])
        barrier.wait()
        try:
            response = client.post(url, follow=True)
            answers[i] = [str(m) for m in response.context["messages"]]
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return answers


@pytest.mark.django_db(transaction=True)
def test_four_parallel_confirms_save_the_rows_once_and_the_counts_stay_right(users, samarinda, programme_year,
                                                                             rows, xlsx):
    upload = upload_check(upload=upload_create(user=users["officer"], kabupaten=samarinda,
                                               programme_year=programme_year,
                                               file=ContentFile(xlsx(rows(400)), name="usulan.xlsx")))
    assert upload.status == Upload.Status.PREVIEW

    answers = post_together(users, reverse("recipients:upload_confirm", kwargs={"pk": upload.pk}), 4)

    upload.refresh_from_db()
    assert upload.status == Upload.Status.CONFIRMED
    assert (upload.accepted_count, upload.refused_count, upload.refusals) == (400, 0, [])
    assert Candidate.objects.filter(upload=upload).count() == 400
    saved = [a for a in answers if a == ["400 calon tersimpan."]]
    told = [a for a in answers if a != ["400 calon tersimpan."]]
    assert len(saved) == 1, answers
    assert all(len(a) == 1 and ("sedang disimpan" in a[0] or "sudah disimpan" in a[0]) for a in told), answers
