"""The one job model and service: who sees and downloads each kind, the sweep, Resume/Stop, a dead broker."""

import datetime as dt
import time

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from audit.models import DataAccess
from exports import services
from exports.models import Job, JobFile
from exports.tests.helpers import downloaded
from verification.tests.test_tasks import database_url

PERSONAL_KINDS = ("recipients.candidates", "verification.results", "disbursements.bast",
                  "disbursements.attendance")


def finished_job(user, kind, *, full_numbers=True, kabupaten=None, name="berkas.pdf"):
    job = Job.objects.create(user=user, kind=kind, status=Job.Status.DONE, done=1, total=1, kabupaten=kabupaten,
                             full_numbers=full_numbers, subject="Uji")
    JobFile.objects.create(job=job, name=name, file=ContentFile(b"%PDF-1.4 rahasia", name=name))
    return job


@pytest.mark.parametrize("kind", PERSONAL_KINDS)
def test_a_file_with_full_numbers_is_downloaded_by_its_owner_only_and_each_download_is_logged(
        kind, client, users, samarinda):
    job = finished_job(users["officer"], kind, kabupaten=samarinda)
    url = f"/ekspor/{job.id}/unduh/{job.files.get().id}/"

    for role in ("provincial", "admin", "viewer", "other_officer"):
        client.force_login(users[role])
        assert client.get(url).status_code == 404
        assert client.get(f"/ekspor/{job.id}/").status_code == 404
    client.force_login(users["officer"])
    downloaded(client, job)
    downloaded(client, job)

    logs = DataAccess.objects.filter(user=users["officer"])
    assert logs.count() == 2 and all(log.detail["full_nik"] is True and log.kabupaten == samarinda for log in logs)


def test_the_yearly_report_is_shared_with_the_provinces_readers_and_not_logged(client, users):
    job = finished_job(users["provincial"], "monitoring.report", full_numbers=False, name="laporan.pdf")

    for role in ("viewer", "admin", "provincial"):
        client.force_login(users[role])
        assert downloaded(client, job).startswith(b"%PDF")
    for role in ("officer", "other_officer"):
        client.force_login(users[role])
        assert client.get(f"/ekspor/{job.id}/").status_code == 404
    assert not DataAccess.objects.exists()


def lost(job, *, seconds_ago, status=Job.Status.RUNNING):
    Job.objects.filter(id=job.id).update(status=status, sent_at=timezone.now() - dt.timedelta(seconds=seconds_ago),
                                         progressed_at=timezone.now() - dt.timedelta(seconds=seconds_ago))
    job.refresh_from_db()
    return job


def test_the_sweep_sends_again_a_job_that_lost_its_worker_and_no_other(users):
    make = lambda: Job.objects.create(user=users["officer"], kind="recipients.candidates")  # noqa: E731
    gone, fresh, held, done = make(), make(), make(), make()
    lost(gone, seconds_ago=600)
    lost(fresh, seconds_ago=1)
    lost(held, seconds_ago=600)
    lost(done, seconds_ago=600, status=Job.Status.DONE)
    holder = psycopg.connect(database_url(), autocommit=True)  # a worker still making it
    holder.execute("SELECT pg_advisory_lock(hashtext(%s))", [f"uep.job:{held.id}"])
    try:
        assert services.jobs_to_send() == [gone.id]
        assert services.jobs_to_send() == []  # just sent again: it has its lease
    finally:
        holder.close()
    assert Job.objects.get(id=gone.id).status == Job.Status.RUNNING


def test_a_job_that_lost_its_worker_every_time_is_failed_instead_of_sent_again(users, settings):
    settings.JOB_MAX_RESENDS = 1
    job = Job.objects.create(user=users["officer"], kind="disbursements.bast")

    lost(job, seconds_ago=600)
    assert services.jobs_to_send() == [job.id]  # its worker died once: sent again
    lost(job, seconds_ago=600)
    assert services.jobs_to_send() == []

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message.startswith("Proses latar belakang terhenti 2 kali")


def test_a_stuck_job_offers_resume_and_stop_to_its_owner_and_provincial_staff(client, users, samarinda):
    from exports import tasks

    job = lost(Job.objects.create(user=users["officer"], kind="disbursements.bast", kabupaten=samarinda,
                                  params={"day": 0}), seconds_ago=600)
    client.force_login(users["viewer"])  # a masked print of the area: the viewer sees it, and may not act
    page = client.get(f"/ekspor/{job.id}/").content.decode()
    assert 'data-testid="job-stuck"' in page and 'data-testid="job-resume"' not in page
    assert client.get(f"/ekspor/{job.id}/kemajuan/").json()["stuck"] is True
    client.post(f"/ekspor/{job.id}/hentikan/")
    assert Job.objects.get(id=job.id).status == Job.Status.RUNNING

    client.force_login(users["provincial"])
    assert 'data-testid="job-resume"' in client.get(f"/ekspor/{job.id}/").content.decode()
    sent = []
    tasks.job_make_task.delay, original = (lambda *args: sent.append(args)), tasks.job_make_task.delay
    try:
        client.post(f"/ekspor/{job.id}/lanjutkan/")
    finally:
        tasks.job_make_task.delay = original
    assert sent == [(job.id,)] and client.get(f"/ekspor/{job.id}/kemajuan/").json()["stuck"] is False

    client.force_login(users["officer"])
    client.post(f"/ekspor/{job.id}/hentikan/")
    job.refresh_from_db()
    assert job.status == Job.Status.STOPPED and job.message == "Dihentikan oleh Petugas Samarinda."
    services.job_make(job_id=job.id)  # a late delivery of a stopped job makes nothing
    assert not job.files.exists()


@pytest.fixture
def broker_down():
    """The broker at a port where nothing listens, as uep/tests/test_health.py does."""
    from uep.celery import app

    def point(url):
        app.conf.broker_url = app.conf.broker_write_url = url
        app._pool = None
        app.amqp._producer_pool = None

    original = app.conf.broker_url
    point("redis://127.0.0.1:1/0")
    yield
    point(original)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_asking_for_a_print_says_so_in_indonesian_and_leaves_nothing_queued(
        broker_down, client, users, samarinda):
    from disbursements.services.handover import handover_day_create
    from programmes.models import ProgrammeYear

    day = handover_day_create(programme_year=ProgrammeYear.objects.create(year=2025), kabupaten=samarinda,
                              date=dt.date(2025, 6, 2), place="Aula", user=users["officer"])
    client.force_login(users["officer"])

    started = time.monotonic()
    response = client.post(f"/penyaluran/cetak/bast/{day.id}/")
    took = time.monotonic() - started

    assert response.status_code == 302 and took < 5, took
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not Job.objects.filter(status__in=services.ACTIVE).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Antrean proses latar belakang (Redis) tidak dapat dihubungi" in page
