"""Background files of every kind: start (in the request), make (in a worker), recover, stop, prune.

Exactly one file per job: the worker making a job holds its lock for the whole run
(``uep.locks.job_hold``), a second delivery (a resend, a resume, the broker's redelivery) finds it
held or done and does nothing, and the files and the job's "done" are written in one transaction.
A worker killed mid-job loses its lock with its connection; the beat sweep
(``exports.tasks.jobs_sweep_task``, every ``JOB_SWEEP_SECONDS``) sends again every job not
finished, not held, and sent more than ``JOB_LEASE_SECONDS`` ago, so it resumes within a minute
of a live worker.
"""

import datetime as dt
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exports.models import Job, JobFile
from exports.registry import kind_for, personal_kinds
from uep import locks

ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def job_start(*, user, kind: str, params: dict | None = None, kabupaten=None, full_numbers: bool = False,
              subject: str = "") -> Job:
    """Record what the user asked for. The caller sends it (``exports.tasks.job_send``); a job
    nobody sent is sent by the sweep a lease later."""
    kind_for(kind)  # an unknown kind is a programming error: fail here, not in the worker
    jobs_prune()
    return Job.objects.create(user=user, kind=kind, params=params or {}, kabupaten=kabupaten,
                              full_numbers=full_numbers, subject=subject[:200], sent_at=timezone.now())


def job_make(*, job_id: int) -> None:
    """Make the job's files, once. Called by the worker's task."""
    if not locks.job_hold(job_id=job_id):
        return  # another worker makes it now
    try:
        job = Job.objects.select_related("user", "kabupaten").filter(id=job_id, status__in=ACTIVE).first()
        if job is None:
            return
        now = timezone.now()
        Job.objects.filter(id=job_id).update(status=Job.Status.RUNNING, done=0, progressed_at=now)

        def progress(done: int, total: int | None = None) -> None:
            fields = {"done": done, "progressed_at": timezone.now()}
            if total is not None:
                fields["total"] = total
            Job.objects.filter(id=job_id).update(**fields)

        with tempfile.TemporaryDirectory() as folder:
            paths = kind_for(job.kind).make(job=job, folder=Path(folder), progress=progress)
            _files_save(job_id=job_id, paths=paths)
    finally:
        locks.job_release(job_id=job_id)


def _files_save(*, job_id: int, paths: list[Path]) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(id=job_id)
        if job.status not in ACTIVE:
            return  # stopped while it was being made: no file
        for path in paths:
            with path.open("rb") as handle:
                JobFile.objects.create(job=job, name=path.name[:150], file=File(handle, name=path.name))
        job.status, job.finished_at, job.message = Job.Status.DONE, timezone.now(), ""
        job.done = max(job.done, job.total)
        job.save(update_fields=["status", "finished_at", "message", "done"])


def job_fail(*, job_id: int, message: str) -> None:
    Job.objects.filter(id=job_id, status__in=ACTIVE).update(status=Job.Status.FAILED, message=message[:500],
                                                          finished_at=timezone.now())


def jobs_to_send() -> list[int]:
    """Jobs not finished, that no worker holds, sent longer than a lease ago (or never); marked sent now.
    A job lost more than JOB_MAX_RESENDS times (a file too big for the worker's memory kills it
    each time) is failed with a message instead: it would take a worker down every lease."""
    stale = timezone.now() - dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    table = Job._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # The lock is tried on the lost jobs only (the CTE is computed first): trying it on a job that
        # is fine would make a worker taking that job at the same instant think it held elsewhere.
        cursor.execute(
            f"WITH lost AS MATERIALIZED (SELECT id FROM {table} WHERE status IN ('queued', 'running')"
            f"  AND (sent_at IS NULL OR sent_at < %s) FOR UPDATE SKIP LOCKED) "
            f"UPDATE {table} j SET sent_at = now(), resends = j.resends + 1 FROM lost WHERE j.id = lost.id "
            f"AND NOT ({locks.job_held_sql('lost.id')}) RETURNING j.id, j.resends", [stale])
        rows = cursor.fetchall()
    given_up = [job_id for job_id, resends in rows if resends > settings.JOB_MAX_RESENDS]
    Job.objects.filter(id__in=given_up, status__in=ACTIVE).update(
        status=Job.Status.FAILED, finished_at=timezone.now(),
        message=_("Proses latar belakang terhenti %(n)s kali saat membuat berkas ini, jadi dihentikan. "
                  "Minta berkas yang lebih kecil (saring daftarnya) atau hubungi administrator.")
        % {"n": settings.JOB_MAX_RESENDS + 1})
    return sorted(job_id for job_id, resends in rows if resends <= settings.JOB_MAX_RESENDS)


def job_is_stuck(job: Job) -> bool:
    """Not finished and nothing heard of it for JOB_STUCK_SECONDS: its page offers Resume and Stop."""
    if job.finished:
        return False
    last = job.progressed_at or job.sent_at or job.created_at
    return last < timezone.now() - dt.timedelta(seconds=settings.JOB_STUCK_SECONDS)


def may_manage(*, user, job: Job) -> bool:
    """Resume or stop a job: its owner, or provincial staff."""
    return user.is_authenticated and (job.user_id == user.id or user.is_provincial)


def _require_manageable(*, user, job: Job) -> None:
    if not may_manage(user=user, job=job):
        raise PermissionDenied(_("Hanya peminta berkas atau staf Dinsos Provinsi yang dapat melakukan ini."))
    if job.finished:
        raise ValidationError(_("Berkas ini sudah selesai diproses."))


def job_resume(*, job: Job, user) -> None:
    """Take the job up again: the caller sends it now (``exports.tasks.job_send``); if a worker still
    makes it, the second delivery does nothing."""
    _require_manageable(user=user, job=job)
    Job.objects.filter(id=job.id).update(progressed_at=timezone.now(), sent_at=timezone.now())


def job_stop(*, job: Job, user) -> None:
    """Stop the job: it makes no file (a worker still making it throws its file away)."""
    _require_manageable(user=user, job=job)
    name = user.get_full_name() or user.username
    Job.objects.filter(id=job.id, status__in=ACTIVE).update(
        status=Job.Status.STOPPED, finished_at=timezone.now(), message=_("Dihentikan oleh %(name)s.") % {"name": name})


def jobs_prune() -> int:
    """Delete the files of jobs older than EXPORT_KEEP_HOURS: personal data is not kept longer than needed."""
    old = JobFile.objects.filter(job__created_at__lt=timezone.now() - dt.timedelta(hours=settings.EXPORT_KEEP_HOURS),
                                 job__kind__in=personal_kinds())
    pruned = 0
    for job_file in old:
        job_file.file.delete(save=False)
        job_file.delete()
        pruned += 1
    return pruned

