"""Big exports in the background: start (in the request), run (in a worker), prune old files."""

import datetime as dt
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from exports import kinds
from exports.models import ExportJob
from uep.xlsx import xlsx_file


def export_start(*, user, kind: str, params: dict) -> ExportJob:
    """Record what the user asked for; the caller sends ``exports.tasks.export_run_task`` on commit."""
    exports_prune()
    return ExportJob.objects.create(user=user, kind=kind, params=params, full_numbers=kinds.may_see_full_numbers(user))


def export_run(*, job_id: int) -> ExportJob:
    """Write the export to a file; a second run (a redelivered task) of a finished job does nothing,
    of an interrupted one starts the file again."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().select_related("user").get(id=job_id)
        if job.finished:
            return job
        job.status, job.progress = ExportJob.Status.RUNNING, 0
        job.save(update_fields=["status", "progress"])
    export = kinds.export_for(job)
    total = export.queryset.count()
    ExportJob.objects.filter(id=job.id).update(total=total)

    def report(n: int) -> None:
        ExportJob.objects.filter(id=job.id).update(row_count=n, progress=min(99, round(100 * n / total)) if total else 99)

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{export.filename}-{stamp}.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        xlsx_file(path, headers=export.headers, rows=kinds.rows_of(export, report=report), sheet=export.sheet,
                  text_columns=export.text_columns)
        job.refresh_from_db()
        with path.open("rb") as handle:
            job.file.save(filename, File(handle), save=False)
    job.filename, job.subject, job.kabupaten = filename, export.subject[:200], export.kabupaten
    job.status, job.progress, job.finished_at = ExportJob.Status.DONE, 100, timezone.now()
    job.save()
    return job


def export_fail(job_id: int, *, message: str) -> None:
    ExportJob.objects.filter(id=job_id).exclude(status=ExportJob.Status.DONE).update(
        status=ExportJob.Status.FAILED, progress=100, message=message[:300], finished_at=timezone.now())


def exports_prune() -> int:
    """Delete the files of exports older than EXPORT_KEEP_HOURS: personal data is not kept longer than needed."""
    old = ExportJob.objects.filter(created_at__lt=timezone.now() - dt.timedelta(hours=settings.EXPORT_KEEP_HOURS)) \
        .exclude(file="")
    pruned = 0
    for job in old:
        job.file.delete(save=False)
        ExportJob.objects.filter(id=job.id).update(file="")
        pruned += 1
    return pruned
