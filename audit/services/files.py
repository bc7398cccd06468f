"""How long uploaded files that hold personal data stay on disk (the rule is in the README).

- A candidate list is needed only until its upload is confirmed: its rows are in the database
  then, and the refused rows are kept as data for their download. It goes when the upload is
  confirmed, cancelled or fails; one left waiting for confirmation for
  ``UPLOAD_WAITING_DAYS`` is cancelled by the nightly sweep.
- A DTKS extract uploaded through the web goes once it is loaded (its rows are in the
  snapshot's table) or refused. One named by path to ``manage.py load_snapshot`` is the
  operator's own file, outside the media folder, and never touched.

Each file is deleted by its own app when its work is done (``recipients.services.upload.upload_file_discard``,
``verification.services.snapshots.snapshot_file_discard``); the nightly sweep (``files_sweep``)
also catches what a crash left between the commit and the delete. Scans and photos are evidence
and stay with their record; a replaced one goes when the change commits
(``uep.uploads.file_delete_on_commit``).

- Any file in the media folder that no row points to (a photo of a visit whose form was refused
  after the file was written, a scan replaced while the worker died) is deleted by the sweep once
  it is ``MEDIA_ORPHAN_GRACE_HOURS`` old: a file just written whose row is not committed yet is
  never taken. The change-history tables' copies of a row do not keep a file.
"""

import datetime as dt
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.models import Upload
from recipients.services.staging import _staged_name
from recipients.services.upload import UPLOAD_DONE, upload_file_discard
from verification.models import Snapshot
from verification.services.snapshots import SNAPSHOT_DONE, snapshot_file_discard

log = logging.getLogger(__name__)


def media_referenced() -> set[str]:
    """The name of every file a row of the app points to (history copies left out), and the
    checked rows of the uploads still waiting."""
    import pghistory.models

    names: set[str] = set()
    for model in apps.get_models():
        if issubclass(model, pghistory.models.Event) or model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(model._base_manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
                             .values_list(field.name, flat=True).distinct().iterator())
    # The checked rows kept beside an upload that still waits for its confirm (recipients/services/staging.py).
    names.update(_staged_name(upload) for upload in Upload.objects.exclude(status__in=UPLOAD_DONE).only("id"))
    return names


def media_orphans_delete(*, now: dt.datetime | None = None) -> int:
    """Delete the media files no row points to, once older than the grace period; how many went."""
    from uep.admin_io import import_files_sweep

    root = Path(settings.MEDIA_ROOT)
    cutoff_time = (now or timezone.now()) - dt.timedelta(hours=settings.MEDIA_ORPHAN_GRACE_HOURS)
    deleted = import_files_sweep(older_than=cutoff_time)  # admin imports previewed, never confirmed
    if not root.is_dir():
        return deleted
    cutoff = cutoff_time.timestamp()
    referenced = media_referenced()  # read before the walk: a file written meanwhile is too young anyway
    for path in root.rglob("*"):
        if path.is_file() and path.stat().st_mtime < cutoff and path.relative_to(root).as_posix() not in referenced:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


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
              "snapshot_files_deleted": snapshots, "orphan_files_deleted": media_orphans_delete(now=now)}
    log.info("File sweep: %s", result)
    return result
