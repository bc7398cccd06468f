"""The upload's acts: create, check, confirm (and resume or stop a lost confirm), cancel.

``upload_check`` reads the file (``uep.files``) and checks it against the contract
(``recipients.contract``); it stores counts, refusals and warnings on the Upload and keeps the
checked rows (``recipients.services.staging``), writing nothing else. ``upload_confirm`` checks the NIKs
again (another upload may have been confirmed since the preview) and writes every accepted row in
one transaction, set-based. What the candidate already holds is not stored again: the proposal's
place on the timeline is read from the candidate and its upload (``candidate_timeline``), the KK
history from the candidacies and the DTKS snapshots (``family_card_history``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pghistory
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from recipients.contract import Checked, cell_for_file, check_rows, proposed_elsewhere
from recipients.models import Candidate, Person, Upload
from recipients.services.staging import drop_staged, stage_rows, staged_rows, write_rows
from regions.models import Kabupaten
from uep.files import FileRefused, read_table, stored_file_discard
from uep.locks import lock_proposals

# Files above this many rows are checked and written by a Celery worker with a progress bar.
INLINE_MAX_ROWS = 2000


class UploadStateError(Exception):
    """The upload is not in a state for this step (already confirmed, cancelled ...)."""


# ---------------------------------------------------------------- the services

def _read_upload(upload: Upload) -> bytes:
    try:
        with upload.file.open("rb") as fh:
            return fh.read(settings.UPLOAD_MAX_BYTES + 1)
    except (FileNotFoundError, ValueError):
        raise FileRefused(_("Berkas unggahan tidak ditemukan lagi di server; unggah ulang.")) from None


def _progress(upload: Upload, value: int, report: Callable[[int], None] | None) -> None:
    upload.progress = value
    if report:
        report(value)


def upload_create(*, user, kabupaten: Kabupaten, programme_year, file) -> Upload:
    """Keep the file and open an Upload in 'checking'; nothing about its rows is written."""
    require_area(user, kabupaten.id)
    return Upload.objects.create(kabupaten=kabupaten, programme_year=programme_year, uploaded_by=user, file=file,
                                 original_name=(getattr(file, "name", "") or "berkas")[:255])


def upload_check(*, upload: Upload, report: Callable[[int], None] | None = None) -> Upload:
    """Read and check the file; the Upload ends in 'preview' (with refusals) or 'failed'. Writes nothing else."""
    _progress(upload, 5, report)
    try:
        table = read_table(_read_upload(upload), max_bytes=settings.UPLOAD_MAX_BYTES)
        _progress(upload, 30, report)
        checked = check_rows(upload=upload, table=table)
    except FileRefused as exc:
        _fail(upload, str(exc))
        return upload
    _store_check(upload, checked)
    stage_rows(upload, checked)
    upload.status = Upload.Status.PREVIEW
    upload.progress = 100
    upload.save()
    return upload


def _fail(upload: Upload, message: str) -> None:
    upload.status = Upload.Status.FAILED
    upload.progress = 100
    upload.messages = [{"level": "error", "reason": message}]
    upload.accepted_count = 0
    upload.save()
    # A file that cannot be read is not kept: it may still hold personal data.
    if upload.file:
        upload.file.delete(save=True)


def upload_check_stopped(*, upload_id: int, message: str) -> None:
    """A check that cannot finish (its worker died each time it read the file): failed with ``message``, and
    its file, which may hold personal data, deleted."""
    with transaction.atomic():
        upload = Upload.objects.select_for_update().filter(id=upload_id, status=Upload.Status.CHECKING).first()
        if upload is not None:
            _fail(upload, message)


def uploads_check_stuck_fail() -> int:
    """Uploads still 'checking' ``UPLOAD_CHECK_STUCK_SECONDS`` after they came: the process checking them died
    (a page's request, or a worker whose task is gone). Failed, their files deleted; the number."""
    since = timezone.now() - dt.timedelta(seconds=settings.UPLOAD_CHECK_STUCK_SECONDS)
    ids = list(Upload.objects.filter(status=Upload.Status.CHECKING, uploaded_at__lt=since).values_list("id", flat=True))
    for upload_id in ids:
        upload_check_stopped(upload_id=upload_id, message=_(
            "Pemeriksaan berkas terhenti dan tidak selesai (prosesnya mati); berkas tidak disimpan. Unggah lagi; "
            "bila terulang, periksa berkasnya (ukuran, sel di luar tabel) atau hubungi administrator."))
    return len(ids)


def _store_check(upload: Upload, checked: Checked) -> None:
    upload.headers = checked.headers
    upload.row_count = checked.row_count
    upload.accepted_count = len(checked.good)
    upload.refused_count = len(checked.refused_rows)
    upload.refusals = checked.refusals
    upload.refused_rows = [{"row": row, "values": values} for row, values in sorted(checked.refused_rows.items())]
    upload.messages = checked.warnings
    upload.warning_count = len(checked.warnings)


def _not_previewable(status: str) -> str:
    """Why a confirm (or cancel) cannot start, from the upload's state now."""
    if status == Upload.Status.IMPORTING:
        return _("Unggahan ini sedang disimpan; tunggu sampai selesai.")
    if status == Upload.Status.CONFIRMED:
        return _("Unggahan ini sudah disimpan.")
    return _("Unggahan ini sudah diproses atau dibatalkan.")


def upload_start_confirm(*, upload: Upload, user) -> Upload:
    """Move a previewed upload to 'importing', once: a second click or a second tab is told it is running."""
    require_area(user, upload.kabupaten_id)
    moved = Upload.objects.filter(id=upload.id, status=Upload.Status.PREVIEW).update(
        status=Upload.Status.IMPORTING, progress=0, confirmed_by=user, confirm_sent_at=timezone.now())
    upload.refresh_from_db()
    if not moved:
        raise UploadStateError(_not_previewable(upload.status))
    return upload


def upload_confirm(*, upload: Upload, user, report: Callable[[int], None] | None = None) -> Upload:
    """Start and write a previewed upload in this process (small files); ``upload`` is refreshed."""
    upload_start_confirm(upload=upload, user=user)
    upload_confirm_run(upload_id=upload.id, report=report)
    upload.refresh_from_db()
    return upload


def upload_confirm_run(*, upload_id: int, report: Callable[[int], None] | None = None) -> Upload:
    """Write a started confirm: every accepted row in one transaction, exactly once whoever calls it.

    The upload's row stays locked until the rows are written and the upload says so: a second
    run (a redelivered task, a resume) waits, then finds the upload no longer 'importing' and
    does nothing. Rows that became duplicates since the preview are refused.
    """
    try:
        with transaction.atomic():
            upload = Upload.objects.select_for_update().get(id=upload_id)
            if upload.status != Upload.Status.IMPORTING:
                return upload
            with pghistory.context(upload=upload.id, user=upload.confirmed_by_id):
                _confirm_write(upload=upload, report=report)
    except FileRefused as exc:
        upload = Upload.objects.get(id=upload_id)
        _fail(upload, str(exc))
        return upload
    upload_file_discard(upload=upload)
    if upload.accepted_count:
        _analyze_what_the_confirm_wrote(written=upload.accepted_count)
    return upload


# What the pages filter, sort and join candidates on: the statistics an ANALYZE keeps fresh.
ANALYZED_COLUMNS = {Person: ("nik",), Candidate: ("kabupaten", "programme_year", "status", "name", "no_kk", "person",
                                                  "desil_proposed")}


def _analyze_what_the_confirm_wrote(*, written: int) -> None:
    """Fresh planner statistics for the people and candidates just written, so the lists and the
    name search plan on them at once (before, a name search took seconds); autovacuum may be off or
    late. Its rule, a tenth of the table changed since the last ANALYZE, but applied now and counting
    this confirm; only the columns that matter (measured: 0.6 s instead of 2.6 s for every column at
    140,000 candidates on a loaded machine)."""
    with connection.cursor() as cursor:
        cursor.execute("""SELECT c.reltuples, coalesce(s.n_mod_since_analyze, 0)
                          FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
                          WHERE c.oid = %s::regclass""", [Candidate._meta.db_table])
        estimated, changed = cursor.fetchone()
        if estimated >= 0 and changed + written < 50 + 0.1 * estimated:
            return
        targets = ", ".join(f"{model._meta.db_table} ({', '.join(model._meta.get_field(f).column for f in fields)})"
                            for model, fields in ANALYZED_COLUMNS.items())
        cursor.execute(f"ANALYZE {targets}")


def uploads_to_resend(*, upload_id: int | None = None) -> list[int]:
    """Confirms whose worker was lost: 'importing', not being written (their row is not held) and
    sent over a lease ago; or the one upload asked for, at once. Marks them sent; the caller sends
    ``upload_confirm_task`` for each. A second delivery finds the upload saved and does nothing."""
    now = timezone.now()
    with transaction.atomic():
        stale = Upload.objects.select_for_update(skip_locked=True).filter(status=Upload.Status.IMPORTING)
        if upload_id is None:
            lease = dt.timedelta(seconds=settings.UPLOAD_CONFIRM_LEASE_SECONDS)
            stale = stale.filter(Q(confirm_sent_at__isnull=True) | Q(confirm_sent_at__lt=now - lease))
        else:
            stale = stale.filter(id=upload_id)
        ids = list(stale.values_list("id", flat=True))
        Upload.objects.filter(id__in=ids).update(confirm_sent_at=now)
    return ids


def upload_confirm_resume(*, upload: Upload, user) -> None:
    """The officer or provincial staff send a stuck confirm again now (the caller sends the task)."""
    require_area(user, upload.kabupaten_id)
    if not uploads_to_resend(upload_id=upload.id):
        upload.refresh_from_db()
        raise UploadStateError(_not_previewable(upload.status))


def upload_confirm_stop(*, upload: Upload, user) -> Upload:
    """Stop a stuck confirm: nothing was written (a confirm writes in one transaction); the upload
    goes back to its preview, to be saved again or cancelled. Refused while a confirm is writing."""
    require_area(user, upload.kabupaten_id)
    with transaction.atomic():
        idle = Upload.objects.select_for_update(skip_locked=True).filter(id=upload.id, status=Upload.Status.IMPORTING)
        if not list(idle.values_list("id", flat=True)):
            upload.refresh_from_db()
            raise UploadStateError(_not_previewable(upload.status))
        who = user.get_full_name() or user.username
        idle.update(status=Upload.Status.PREVIEW, progress=0, confirm_sent_at=None, messages=[
            *upload.warnings, {"level": "error", "reason": _(
                "Penyimpanan dihentikan oleh %(who)s; tidak ada data yang tersimpan. Simpan lagi atau batalkan "
                "unggahan ini.") % {"who": who}}])
    upload.refresh_from_db()
    return upload


def _confirm_write(*, upload: Upload, report: Callable[[int], None] | None) -> None:
    rows = staged_rows(upload)
    if rows is None:  # the staged rows were lost: read and check the file again
        checked = check_rows(upload=upload, table=read_table(_read_upload(upload), max_bytes=settings.UPLOAD_MAX_BYTES))
        rows = checked.good
        _store_check(upload, checked)
    _progress(upload, 30, report)
    # One confirm at a time per programme year, so two files cannot both add the same NIK;
    # under the lock, the NIKs confirmed since the preview are looked up again.
    lock_proposals(programme_year_id=upload.programme_year_id)
    taken = proposed_elsewhere(programme_year_id=upload.programme_year_id, kabupaten_id=upload.kabupaten_id,
                               niks=[r[1] for r in rows])
    keep = [row for row in rows if row[1] not in taken]
    refused_rows = {item["row"]: item["values"] for item in upload.refused_rows}
    if len(keep) < len(rows):
        # Rare: rows that became duplicates since the preview; their cells come from the file.
        table = read_table(_read_upload(upload), max_bytes=settings.UPLOAD_MAX_BYTES)
        width = len(upload.headers)
        for row in rows:
            if row[1] in taken:
                upload.refusals.append({"row": row[0], "column": "NIK", "reason": taken[row[1]]})
                refused_rows[row[0]] = [cell_for_file(v) for v in table[row[0] - 1][:width]]
    _progress(upload, 50, report)
    write_rows(upload=upload, user=upload.confirmed_by, rows=keep)
    upload.refusals.sort(key=lambda r: r["row"])
    upload.refused_rows = [{"row": r, "values": v} for r, v in sorted(refused_rows.items())]
    upload.accepted_count = len(keep)
    upload.refused_count = len(refused_rows)
    upload.messages = upload.warnings  # an earlier failed or stopped attempt no longer matters
    upload.status = Upload.Status.CONFIRMED
    upload.confirmed_at = timezone.now()
    upload.progress = 100
    upload.save()


def upload_cancel(*, upload: Upload, user) -> Upload:
    require_area(user, upload.kabupaten_id)
    moved = Upload.objects.filter(id=upload.id, status__in=[Upload.Status.PREVIEW, Upload.Status.FAILED]).update(
        status=Upload.Status.CANCELLED, progress=100)
    upload.refresh_from_db()
    if not moved:
        raise UploadStateError(_not_previewable(upload.status))
    if upload.file:
        upload.file.delete(save=True)
    drop_staged(upload)
    return upload


UPLOAD_DONE = (Upload.Status.CONFIRMED, Upload.Status.CANCELLED, Upload.Status.FAILED)


def upload_file_discard(*, upload: Upload) -> bool:
    """Delete a finished upload's file and its checked rows; True if a file went."""
    upload = Upload.objects.get(pk=upload.pk)
    if upload.status not in UPLOAD_DONE:
        return False
    drop_staged(upload)  # the checked rows kept beside the file for the confirm
    return stored_file_discard(model=Upload, pk=upload.pk, file=upload.file)


def upload_runs_inline(upload: Upload) -> bool:
    """Small files are checked in the request; big ones by a worker (the file size stands in for rows)."""
    return (upload.row_count or _estimated_rows(upload)) <= INLINE_MAX_ROWS


def _estimated_rows(upload: Upload) -> int:
    try:
        size = upload.file.size
    except (FileNotFoundError, ValueError):
        return 0
    # ~90 bytes per row in an XLSX from generate_candidates (a CSV is larger, so it errs towards the worker).
    return size // 90
