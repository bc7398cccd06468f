"""A DTKS/DTSEN extract: registered, then loaded by a task (``verification.loading`` does the COPY)."""

import datetime as dt
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uep.files import stored_file_discard
from verification import loading
from verification.models import Snapshot


def snapshot_file_refusal(*, name: str, size: int) -> str | None:
    """Why a DTKS extract file cannot be taken, or None. An XLSX is read whole into memory, so
    only a small one; a CSV is streamed to COPY, so a province-sized one."""
    name = name.lower()
    if not name.endswith((".csv", ".xlsx")):
        return _("Hanya berkas CSV atau XLSX.")
    xlsx = name.endswith(".xlsx")
    limit = settings.UPLOAD_MAX_BYTES if xlsx else settings.SNAPSHOT_MAX_BYTES
    if size <= limit:
        return None
    return _("Berkas %(size)s MB, lebih dari batas %(max)s MB untuk berkas %(kind)s. %(hint)s") % {
        "size": round(size / 1048576, 1), "max": limit // 1048576, "kind": "XLSX" if xlsx else "CSV",
        "hint": _("Simpan data besar sebagai CSV.") if xlsx else
        _("Bagi berkas per kabupaten/kota atau minta administrator menaikkan SNAPSHOT_MAX_BYTES.")}


def snapshot_create(*, extract_date: dt.date, label: str = "", upload=None, path: Path | None = None,
                    user=None) -> Snapshot:
    """Register an extract to load; the caller sends ``snapshot_load_task`` (or loads it in place)."""
    snapshot = Snapshot(extract_date=extract_date, label=label, loaded_by=user)
    if upload is not None:
        snapshot.original_name = upload.name[:255]
        snapshot.file.save(upload.name, upload, save=False)
    elif path is not None:
        snapshot.original_name = Path(path).name[:255]
        snapshot.file.name = str(Path(path).resolve())
    snapshot.save()
    return snapshot


def _file_path(snapshot: Snapshot) -> Path:
    name = snapshot.file.name
    return Path(name) if Path(name).is_absolute() else Path(snapshot.file.path)


def snapshot_load(*, snapshot_id: int) -> Snapshot:
    """Load the snapshot's file; safe to run again after a crash (it starts over)."""
    snapshot = Snapshot.objects.get(id=snapshot_id)
    if snapshot.status == Snapshot.Status.READY:
        return snapshot
    Snapshot.objects.filter(id=snapshot_id).update(status=Snapshot.Status.LOADING, progress=0, message="")
    # Progress goes through a second connection: the first one is busy with COPY.
    progress_db = connections.create_connection("default")

    def on_progress(pct: int, message: str) -> None:
        with progress_db.cursor() as cursor:
            cursor.execute("UPDATE verification_snapshot SET progress = %s, message = %s WHERE id = %s",
                           [pct, message[:500], snapshot_id])

    def on_loaded(result: loading.LoadResult) -> None:
        Snapshot.objects.filter(id=snapshot_id).update(
            status=Snapshot.Status.READY, progress=100, message="", row_count=result.row_count,
            loaded_count=result.loaded_count, refused_count=result.refused_count, refusals=result.refusals,
            finished_at=timezone.now(),
        )

    try:
        with connection.cursor() as cursor:  # a crash in the middle of a load leaves a table behind
            loading.snapshot_tables_drop(cursor, snapshot_id)
        path = _file_path(snapshot)
        if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
            with tempfile.TemporaryDirectory() as tmp:
                csv_path = Path(tmp) / "snapshot.csv"
                loading.xlsx_to_csv(path, csv_path)
                loading.load_csv(snapshot_id=snapshot_id, path=csv_path, on_progress=on_progress,
                                 on_loaded=on_loaded)
        else:
            loading.load_csv(snapshot_id=snapshot_id, path=path, on_progress=on_progress, on_loaded=on_loaded)
    except loading.SnapshotFileError as exc:
        snapshot_fail(snapshot_id=snapshot_id, message=str(exc))
    except Exception:
        snapshot_fail(snapshot_id=snapshot_id, message=_("Gagal memuat berkas; hubungi administrator."))
        raise
    finally:
        progress_db.close()
    snapshot_file_discard(snapshot_id=snapshot_id)
    return Snapshot.objects.get(id=snapshot_id)


SNAPSHOT_DONE = (Snapshot.Status.READY, Snapshot.Status.FAILED)


def snapshot_file_discard(*, snapshot_id: int) -> bool:
    """Delete a loaded (or refused) extract uploaded through the web; True if a file went."""
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    if snapshot.status not in SNAPSHOT_DONE:
        return False
    return stored_file_discard(model=Snapshot, pk=snapshot.pk, file=snapshot.file)


def snapshot_fail(*, snapshot_id: int, message: str) -> None:
    """Mark a load that did not finish as failed (a loaded snapshot stays ready)."""
    Snapshot.objects.filter(id=snapshot_id).exclude(status=Snapshot.Status.READY).update(
        status=Snapshot.Status.FAILED, message=message[:500], finished_at=timezone.now())


def snapshot_delete(*, snapshot: Snapshot) -> None:
    if snapshot.jobs.exists():
        raise ValidationError(_("Snapshot ini dipakai oleh verifikasi, tidak dapat dihapus."))
    with transaction.atomic():
        with connection.cursor() as cursor:
            loading.snapshot_tables_drop(cursor, snapshot.id)
        snapshot.delete()
