"""Big exports: a worker writes the file, the page shows the progress, the owner downloads it."""

import datetime as dt
import time

import pytest
from django.urls import reverse

from audit.models import DataAccess
from exports.models import Job
from exports.services import job_make, jobs_prune
from exports.tests.helpers import downloaded, exported_rows
from recipients.jobs import candidates_export_start


def test_a_viewer_gets_the_numbers_masked_as_on_the_screen(client, users, samarinda, make_candidate):
    make_candidate(samarinda, phone="081234567890", created_by=users["officer"])
    client.force_login(users["viewer"])

    rows = exported_rows(client, reverse("recipients:candidate_export"))

    nik, kk, born, phone = rows[1][0], rows[1][1], rows[1][4], rows[1][9]
    assert "•" in nik and "•" in kk and "•" in phone
    assert rows[0][4] == "TAHUN_LAHIR" and born == 1985  # the year as a number
    log = DataAccess.objects.get(user=users["viewer"])
    assert log.detail["full_nik"] is False and log.row_count == 1


def test_an_officer_gets_full_numbers_of_their_own_area_only(client, users, samarinda, balikpapan, make_candidate):
    mine = make_candidate(samarinda, phone="081234567890", created_by=users["officer"])
    make_candidate(balikpapan, name="Budi Balikpapan", created_by=users["other_officer"])
    client.force_login(users["officer"])

    rows = exported_rows(client, reverse("recipients:candidate_export"))

    assert [r[2] for r in rows[1:]] == [mine.name]
    # The birth date is a date cell (calamine reads it back as a date), the numbers text.
    assert rows[1][0] == mine.person.nik and rows[1][4] == dt.date(1985, 3, 7) and rows[1][9] == "081234567890"
    assert DataAccess.objects.get(user=users["officer"]).detail["full_nik"] is True


def test_the_worker_reads_the_filters_again_within_the_users_scope(client, users, samarinda, balikpapan,
                                                                   make_candidate):
    make_candidate(samarinda, name="Siti Samarinda", created_by=users["officer"])
    client.force_login(users["other_officer"])
    # A forged filter for another area is dropped when the worker validates it again.
    job = candidates_export_start(user=users["other_officer"],
                                  filters={"kabupaten": str(samarinda.id), "q": "Siti"}, year=2025)

    job_make(job_id=job.id)

    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.done == 0


def test_nobody_but_the_owner_sees_or_downloads_an_export(client, users, samarinda, make_candidate):
    make_candidate(samarinda, created_by=users["officer"])
    job = candidates_export_start(user=users["officer"], filters={}, year=2025)
    job_make(job_id=job.id)
    job_file = job.files.get()

    for role in ("provincial", "other_officer", "viewer"):
        client.force_login(users[role])
        assert client.get(f"/ekspor/{job.id}/unduh/{job_file.id}/").status_code == 404
    assert not DataAccess.objects.exists()


def test_a_malformed_area_on_the_verification_export_is_a_404_not_a_500(client, users):
    client.force_login(users["provincial"])

    assert client.get("/verifikasi/1/unduh/?kabupaten=abc").status_code == 404


def test_old_export_files_are_deleted(users, samarinda, make_candidate, settings):
    make_candidate(samarinda, created_by=users["officer"])
    job = candidates_export_start(user=users["officer"], filters={}, year=2025)
    job_make(job_id=job.id)
    path = job.files.get().file.path
    settings.EXPORT_KEEP_HOURS = -1

    assert jobs_prune() == 1
    import os
    assert not os.path.exists(path) and not job.files.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_the_export_and_the_progress_page_offers_the_download(
        celery_worker, client, users, samarinda, make_candidate, programme_year):
    for _ in range(7):
        make_candidate(samarinda, created_by=users["officer"])
    client.force_login(users["officer"])

    response = client.get(reverse("recipients:candidate_export"))
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    deadline = time.monotonic() + 60
    while Job.objects.get(id=job_id).status != Job.Status.DONE and time.monotonic() < deadline:
        time.sleep(0.2)

    state = client.get(f"/ekspor/{job_id}/kemajuan/").json()
    assert state["done"] and state["progress"] == 100 and "7 data" in state["message"]
    page = client.get(f"/ekspor/{job_id}/").content.decode()
    assert 'data-testid="job-download"' in page
    assert downloaded(client, Job.objects.get(id=job_id))[:2] == b"PK"
