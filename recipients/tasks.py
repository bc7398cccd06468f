"""Big uploads are checked and written by a worker; the page polls the upload for the progress."""

from django.utils.translation import gettext as _

from recipients.models import Upload
from uep.tasks import task


def _reporter(upload_id: int):
    def report(value: int) -> None:
        Upload.objects.filter(id=upload_id).update(progress=value)
    return report


def _check_failed(upload_id: int, *, message: str) -> None:
    from recipients.services.upload import upload_check_stopped

    upload_check_stopped(upload_id=upload_id, message=message)


def _confirm_failed(upload_id: int, *, message: str) -> None:
    # The transaction rolled back: nothing was written, the officer may confirm again.
    Upload.objects.filter(id=upload_id, status=Upload.Status.IMPORTING).update(
        status=Upload.Status.PREVIEW, progress=0,
        messages=[{"level": "error", "reason": _("Penyimpanan gagal dan dibatalkan; tidak ada data yang tersimpan. "
                                                 "Coba lagi.")}])


@task(fail=_check_failed)
def upload_check_task(upload_id: int) -> str:
    from recipients.services.upload import upload_check

    upload = Upload.objects.get(id=upload_id)
    if upload.status != Upload.Status.CHECKING:
        return upload.status  # delivered twice: already done
    return upload_check(upload=upload, report=_reporter(upload_id)).status


@task(fail=_confirm_failed)
def upload_confirm_task(upload_id: int) -> str:
    from recipients.services.upload import upload_confirm_run

    return upload_confirm_run(upload_id=upload_id, report=_reporter(upload_id)).status


@task
def uploads_sweep_task() -> int:
    """Periodic (celery beat): send again every confirm whose worker was lost; fail every check that stopped."""
    from recipients.services.upload import uploads_check_stuck_fail, uploads_to_resend

    uploads_check_stuck_fail()
    ids = uploads_to_resend()
    for upload_id in ids:
        upload_confirm_task.delay(upload_id)
    return len(ids)
