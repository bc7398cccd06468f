from celery import shared_task

from django.utils.translation import gettext as _

from recipients.models import Upload


def _reporter(upload_id: int):
    def report(value: int) -> None:
        Upload.objects.filter(id=upload_id).update(progress=value)
    return report


@shared_task(acks_late=True)
def upload_check_task(upload_id: int) -> str:
    from recipients.upload import upload_check

    upload = Upload.objects.get(id=upload_id)
    if upload.status != Upload.Status.CHECKING:
        return upload.status  # delivered twice: already done
    try:
        return upload_check(upload=upload, report=_reporter(upload_id)).status
    except Exception:
        Upload.objects.filter(id=upload_id).update(status=Upload.Status.FAILED, progress=100, messages=[
            {"level": "error", "reason": _("Terjadi kesalahan saat memeriksa berkas; hubungi administrator.")}])
        raise


@shared_task(acks_late=True)
def upload_confirm_task(upload_id: int, user_id: int) -> str:
    from accounts.models import User
    from recipients.upload import upload_confirm

    upload = Upload.objects.get(id=upload_id)
    if upload.status != Upload.Status.IMPORTING:
        return upload.status
    try:
        return upload_confirm(upload=upload, user=User.objects.get(id=user_id), report=_reporter(upload_id)).status
    except Exception:
        # The transaction rolled back: nothing was written, the officer may confirm again.
        Upload.objects.filter(id=upload_id).update(status=Upload.Status.PREVIEW, progress=0, messages=[
            {"level": "error", "reason": _("Penyimpanan gagal dan dibatalkan; tidak ada data yang tersimpan. Coba lagi.")}])
        raise
