"""How long uploaded files that hold personal data stay on disk (the rule is in the README).

- A candidate list is needed only until its upload is confirmed: its rows are in the database
  then, and the refused rows are kept as data for their download. It goes when the upload is
  confirmed, cancelled or fails; one left waiting for confirmation for
  ``UPLOAD_WAITING_DAYS`` is cancelled by the nightly sweep.
- A DTKS extract uploaded through the web goes once it is loaded (its rows are in the
  snapshot's table) or refused. One named by path to ``manage.py load_snapshot`` is the
  operator's own file, outside the media folder, and never touched.

Each file is deleted by its own app when its work is done (``recipients.upload.upload_file_discard``,
``verification.services.snapshots.snapshot_file_discard``); the nightly sweep (``files_sweep``)
also catches what a crash left between the commit and the delete. Scans and photos are evidence and stay with their record.
"""

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.models import Upload
from recipients.upload import UPLOAD_DONE, upload_file_discard
from verification.models import Snapshot
from verification.services.snapshots import SNAPSHOT_DONE, snapshot_file_discard

log = logging.getLogger(__name__)


def files_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Apply the rule to every file still on disk; what it did is logged and returned."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.UPLOAD_WAITING_DAYS)
    expired = Upload.objects.filter(status=Upload.Status.PREVIEW, uploaded_at__lt=cutoff)
    expired_ids = list(expired.values_list("id", flat=True))
    Upload.objects.filter(id__in=expired_ids, status=Upload.Status.PREVIEW).update(
        status=Upload.Status.CANCELLED, progress=100,
        messages=[{"level": "error", "reason": _("Dibatalkan otomatis: tidak dikonfirmasi dalam %(days)d hari.")
                   % {"days": settings.UPLOAD_WAITING_DAYS}}])
    uploads = sum(upload_file_discard(upload=u)
                  for u in Upload.objects.filter(status__in=UPLOAD_DONE).exclude(Q(file="") | Q(file__isnull=True)))
    snapshots = sum(snapshot_file_discard(snapshot_id=s.pk)
                    for s in Snapshot.objects.filter(status__in=SNAPSHOT_DONE).exclude(Q(file="") | Q(file__isnull=True)))
    result = {"uploads_cancelled": len(expired_ids), "upload_files_deleted": uploads,
              "snapshot_files_deleted": snapshots}
    log.info("File sweep: %s", result)
    return result
