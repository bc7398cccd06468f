"""Writes of the verification app: snapshots, earlier recipients, the desk batch, field visits."""

import csv
import datetime as dt
import io
import json
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.files import snapshot_file_discard
from recipients.models import Candidate, CandidateStatus
from recipients.lifecycle import FIELD_VERIFIABLE, REVERIFIABLE, VERIFIABLE, candidates_move
from verification import loading
from verification.models import (
    FieldVisit, FieldVisitPhoto, PriorRecipient, Scheme, Snapshot, Verdict, VerificationChunk, VerificationJob,
)
from verification.reasons import explain
from verification.rules import RESULT_INSERT

CHUNK_SIZE = 2000


# --- Snapshots -------------------------------------------------------------------------------

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
    """Register an extract to load; the load itself runs in a task (``snapshot_load``)."""
    snapshot = Snapshot(extract_date=extract_date, label=label, loaded_by=user)
    if upload is not None:
        snapshot.original_name = upload.name[:255]
        snapshot.file.save(upload.name, upload, save=False)
    elif path is not None:
        snapshot.original_name = Path(path).name[:255]
        snapshot.file.name = str(Path(path).resolve())
    snapshot.save()
    return snapshot


def snapshot_enqueue(*, snapshot: Snapshot) -> None:
    from verification.tasks import snapshot_load_task

    transaction.on_commit(lambda: snapshot_load_task.delay(snapshot.id))


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
            cursor.execute(f"DROP TABLE IF EXISTS {loading.partition_name(snapshot_id)}")
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
        Snapshot.objects.filter(id=snapshot_id).update(status=Snapshot.Status.FAILED, message=str(exc)[:500],
                                                       finished_at=timezone.now())
    except Exception:
        Snapshot.objects.filter(id=snapshot_id).update(
            status=Snapshot.Status.FAILED, message=_("Gagal memuat berkas; hubungi administrator."),
            finished_at=timezone.now())
        raise
    finally:
        progress_db.close()
    snapshot_file_discard(snapshot_id=snapshot_id)
    return Snapshot.objects.get(id=snapshot_id)


def snapshot_delete(*, snapshot: Snapshot) -> None:
    if snapshot.jobs.exists():
        raise ValidationError(_("Snapshot ini dipakai oleh verifikasi, tidak dapat dihapus."))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {loading.partition_name(snapshot.id)}")
        snapshot.delete()


# --- Earlier recipients ----------------------------------------------------------------------

PRIOR_COLUMNS = {"NIK": "nik", "NO_KK": "no_kk", "TAHUN": "year", "SKEMA": "scheme"}


def _rows_of(*, name: str, content: bytes) -> list[list]:
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        return sheet.to_python(skip_empty_area=False)
    text = content.decode("utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0]
    return list(csv.reader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","))


def prior_recipients_import(*, name: str, content: bytes, source: str, user=None) -> dict:
    """Import past UEP/WRSE/KUBE recipients (NIK, NO_KK optional, TAHUN, SKEMA).

    Bad rows are reported by row number; a row already known is skipped, not duplicated.
    """
    rows = _rows_of(name=name, content=content)
    if not rows:
        return {"created": 0, "skipped": 0, "refusals": [{"row": 1, "reason": _("Berkas kosong.")}]}
    header = [str(h or "").strip().upper().replace(" ", "_") for h in rows[0]]
    index = {field: header.index(col) for col, field in PRIOR_COLUMNS.items() if col in header}
    missing = [col for col, field in PRIOR_COLUMNS.items() if field not in index and field != "no_kk"]
    if missing:
        return {"created": 0, "skipped": 0,
                "refusals": [{"row": 1, "reason": _("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)}}]}
    objects, refusals = [], []
    for number, row in enumerate(rows[1:], start=2):
        def cell(field):
            i = index.get(field)
            value = row[i] if i is not None and i < len(row) else ""
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return str(value if value is not None else "").strip()

        if not any(str(c or "").strip() for c in row):
            continue
        nik, no_kk, year, scheme = cell("nik"), cell("no_kk"), cell("year"), cell("scheme").upper()
        if not (len(nik) == 16 and nik.isdigit()):
            refusals.append({"row": number, "reason": _("NIK harus 16 digit angka.")})
        elif no_kk and not (len(no_kk) == 16 and no_kk.isdigit()):
            refusals.append({"row": number, "reason": _("NO_KK harus 16 digit angka atau dikosongkan.")})
        elif not (year.isdigit() and 2000 <= int(year) <= 2100):
            refusals.append({"row": number, "reason": _("TAHUN harus tahun empat digit.")})
        elif scheme not in Scheme.values:
            refusals.append({"row": number, "reason": _("SKEMA harus UEP, WRSE atau KUBE.")})
        else:
            objects.append(PriorRecipient(nik=nik, no_kk=no_kk, year=int(year), scheme=scheme, source=source[:200],
                                          imported_by=user))
    before = PriorRecipient.objects.count()
    PriorRecipient.objects.bulk_create(objects, ignore_conflicts=True, batch_size=5000)
    created = PriorRecipient.objects.count() - before
    return {"created": created, "skipped": len(objects) - created, "refusals": refusals}


# --- The desk verification batch -------------------------------------------------------------

def verification_job_start(*, programme_year, snapshot: Snapshot, user, kabupaten=None, reverify: bool = False,
                           chunk_size: int = CHUNK_SIZE, reference_date: dt.date | None = None) -> VerificationJob:
    """Plan a batch: one chunk per ``chunk_size`` candidates, enqueued when this transaction commits."""
    if user is not None and not user.is_provincial:
        raise PermissionDenied
    if snapshot.status != Snapshot.Status.READY:
        raise ValidationError(_("Snapshot DTKS belum siap dipakai."))
    busy = VerificationJob.objects.filter(programme_year=programme_year,
                                          status__in=[VerificationJob.Status.QUEUED, VerificationJob.Status.RUNNING])
    if kabupaten is not None:
        busy = busy.filter(kabupaten__isnull=True) | busy.filter(kabupaten=kabupaten)
    if busy.exists():
        raise ValidationError(_("Masih ada verifikasi yang berjalan untuk tahun dan wilayah ini."))
    candidates = Candidate.objects.filter(programme_year=programme_year,
                                          status__in=REVERIFIABLE if reverify else VERIFIABLE)
    if kabupaten is not None:
        candidates = candidates.filter(kabupaten=kabupaten)
    ids = list(candidates.order_by("id").values_list("id", flat=True))
    with transaction.atomic():
        job = VerificationJob.objects.create(
            programme_year=programme_year, kabupaten=kabupaten, snapshot=snapshot, reverify=reverify,
            total=len(ids), started_by=user, reference_date=reference_date or timezone.localdate(),
        )
        chunks = VerificationChunk.objects.bulk_create(
            VerificationChunk(job=job, first_id=ids[i], last_id=ids[min(i + chunk_size, len(ids)) - 1])
            for i in range(0, len(ids), chunk_size)
        )
        if not chunks:
            job.status = VerificationJob.Status.DONE
            job.started_at = job.finished_at = timezone.now()
            job.message = _("Tidak ada calon yang perlu diverifikasi.")
            job.save()
        chunk_ids = [c.id for c in chunks]

        def enqueue():
            from verification.tasks import verification_chunk_task

            for chunk_id in chunk_ids:
                verification_chunk_task.delay(chunk_id)

        transaction.on_commit(enqueue)
    return job


def verification_chunk_run(*, chunk_id: int, pause_seconds: float = 0) -> int:
    """Verify one chunk, in one transaction; a second delivery finds it done and does nothing.

    Returns the number of results written by this run. ``pause_seconds`` (tests only)
    holds the transaction open so that a worker can be killed in the middle.
    """
    # Outside the chunk's transaction, so that concurrent chunks do not wait on the job row.
    VerificationJob.objects.filter(status=VerificationJob.Status.QUEUED, chunks=chunk_id).update(
        status=VerificationJob.Status.RUNNING, started_at=timezone.now())
    with transaction.atomic():
        chunk = (VerificationChunk.objects.select_for_update(of=("self",)).filter(id=chunk_id, done_at__isnull=True)
                 .select_related("job__programme_year", "job__snapshot").first())
        if chunk is None:
            return 0
        job = chunk.job
        year = job.programme_year
        with connection.cursor() as cursor:
            # The plan is a few thousand index lookups: JIT compiling it cost more than running it (1.2 s).
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(RESULT_INSERT.replace("__KABUPATEN_KEYS__", loading.kabupaten_keys_sql()), {
                "job": job.id, "first_id": chunk.first_id, "last_id": chunk.last_id, "year": year.year,
                "statuses": list(REVERIFIABLE if job.reverify else VERIFIABLE),
                "kabupaten": job.kabupaten_id, "snapshot": job.snapshot_id, "desil_max": year.desil_max,
                "age_min": year.age_min, "age_max": year.age_max, "reference_date": job.reference_date,
            })
            # Django's psycopg setup hands jsonb back as text.
            rows = [(cid, ok, reasons, json.loads(facts) if isinstance(facts, str) else facts)
                    for cid, ok, reasons, facts in cursor.fetchall()]
        if pause_seconds:
            time.sleep(pause_seconds)
        passed = [candidate_id for candidate_id, ok, _r, _f in rows if ok]
        _candidates_record_desil(rows)
        snapshot_date = job.snapshot.extract_date.strftime("%d-%m-%Y")
        for ok in (True, False):
            verdicts = [(cid, reasons, facts) for cid, passed_, reasons, facts in rows if passed_ is ok]
            candidates_move(
                candidates=[cid for cid, _r, _f in verdicts],
                to=CandidateStatus.DESK_PASSED if ok else CandidateStatus.DESK_FAILED, user=job.started_by_id,
                message=[_("Lolos verifikasi DTKS (snapshot %(date)s).") % {"date": snapshot_date} if ok
                         else _("Tidak lolos verifikasi DTKS: %(reasons)s")
                         % {"reasons": " ".join(explain(code, facts) for code in reasons)}
                         for _cid, reasons, facts in verdicts],
                data=[{"reasons": list(reasons), "job": job.id, "snapshot": job.snapshot_id}
                      for _cid, reasons, _f in verdicts],
            )
        VerificationChunk.objects.filter(id=chunk.id).update(done_at=timezone.now(), result_count=len(rows))
        VerificationJob.objects.filter(id=job.id).update(done_count=F("done_count") + len(rows),
                                                         passed_count=F("passed_count") + len(passed))
        _job_finish_if_complete(job_id=job.id)
    return len(rows)


def _candidates_record_desil(rows: list[tuple]) -> None:
    """The registry's desil (None when not found) of each verified candidate, in one statement."""
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Candidate._meta.db_table} c SET desil_dtks = v.desil "
            "FROM unnest(%s::bigint[], %s::smallint[]) AS v(id, desil) WHERE c.id = v.id",
            [[candidate_id for candidate_id, _ok, _r, _f in rows], [facts.get("desil") for _c, _ok, _r, facts in rows]])


def _job_finish_if_complete(*, job_id: int) -> None:
    """The last chunk closes the job; the job row lock orders concurrent last chunks."""
    job = VerificationJob.objects.select_for_update().get(id=job_id)
    if job.status in (VerificationJob.Status.DONE, VerificationJob.Status.FAILED):
        return
    if not VerificationChunk.objects.filter(job_id=job_id, done_at__isnull=True).exists():
        job.status = VerificationJob.Status.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])


def verification_job_fail(*, job_id: int, message: str) -> None:
    VerificationJob.objects.filter(id=job_id).exclude(status=VerificationJob.Status.DONE).update(
        status=VerificationJob.Status.FAILED, message=message[:500], finished_at=timezone.now())


# --- Field verification ----------------------------------------------------------------------

@transaction.atomic
def field_visit_record(*, candidate: Candidate, user, visited_on: dt.date, business_exists: bool,
                       matches_proposal: bool, household_condition: str, verdict: str, notes: str = "",
                       photos=()) -> FieldVisit:
    """Record a visit by the officer of the area (or provincial staff) and move the case on."""
    if not user.can_work_in(candidate.kabupaten_id):
        raise PermissionDenied
    candidate = Candidate.objects.select_for_update().get(id=candidate.id)
    if candidate.status not in FIELD_VERIFIABLE:
        raise ValidationError(_("Calon ini belum lolos verifikasi DTKS, belum dapat diverifikasi lapangan."))
    if visited_on > timezone.localdate():
        raise ValidationError(_("Tanggal kunjungan tidak boleh di masa depan."))
    visit = FieldVisit.objects.create(
        candidate=candidate, visited_on=visited_on, business_exists=business_exists,
        matches_proposal=matches_proposal, household_condition=household_condition, verdict=verdict,
        notes=notes, officer=user,
    )
    for photo in photos:
        FieldVisitPhoto.objects.create(visit=visit, image=photo)
    eligible = verdict == Verdict.ELIGIBLE
    candidates_move(
        candidates=[candidate],
        to=CandidateStatus.FIELD_ELIGIBLE if eligible else CandidateStatus.FIELD_INELIGIBLE,
        user=user,
        message=(_("Verifikasi lapangan %(date)s: layak.") if eligible
                 else _("Verifikasi lapangan %(date)s: tidak layak.")) % {"date": visited_on.strftime("%d-%m-%Y")},
        data={"field_visit": visit.id, "verdict": verdict},
    )
    return visit

