"""The desk verification batch: a job of chunks of candidates, each verified in one transaction.

Delivery, exactly once: a chunk's row stays locked for the whole of the transaction that verifies
it, and a chunk is marked done in that transaction, so a second delivery finds it done (or waits,
then finds it done) and does nothing. A chunk that is not done, that nobody holds, and that was
sent longer than a lease ago has lost its worker (killed, machine gone): ``chunks_to_send`` hands
it out again. The beat sweep does that every ``VERIFICATION_SWEEP_SECONDS``, so work resumes
within a minute of a live worker being there, whatever the broker's visibility timeout.
Provincial staff see a job with no progress for ``VERIFICATION_STUCK_SECONDS`` as stuck, and may
resume (send its chunks now) or cancel it.
"""

import datetime as dt
import json
from collections import Counter, defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_provincial
from recipients.kk import NOT_COUNTING
from recipients.lifecycle import REVERIFIABLE, VERIFIABLE, candidates_move
from recipients.models import Candidate, CandidateStatus
from regions.selectors import province_kabupaten_ids
from uep.formatting import angka, tanggal
from verification import loading
from verification.models import Snapshot, VerificationChunk, VerificationJob, VerificationResult
from verification.reasons import explain
from verification.rules import result_insert_sql

CHUNK_SIZE = 2000
ACTIVE = (VerificationJob.Status.QUEUED, VerificationJob.Status.RUNNING)


def verification_job_start(*, programme_year, snapshot: Snapshot, user, kabupaten=None, province=None,
                           reverify: bool = False, chunk_size: int = CHUNK_SIZE,
                           reference_date: dt.date | None = None) -> VerificationJob:
    """Plan a batch of one province (one of its kabupaten/kota, or all): one chunk per ``chunk_size``
    candidates. The caller sends the job (``verification_send_task``); a job nobody sent is picked up by
    the next sweep. The province is the kabupaten's, else the user's, else ``province`` (the command)."""
    if user is not None:  # None: the management command, run by the operator
        require_provincial(user)
        if kabupaten is not None:
            require_area(user, kabupaten.id)
    province_id = kabupaten.province_id if kabupaten is not None else (
        user.province_id if user is not None and user.province_id else getattr(province, "id", None))
    if province_id is None:
        raise ValidationError(_("Pilih provinsi yang calonnya diverifikasi."))
    if snapshot.status != Snapshot.Status.READY:
        raise ValidationError(_("Snapshot DTKS belum siap dipakai."))
    busy = VerificationJob.objects.filter(programme_year=programme_year, province_id=province_id, status__in=ACTIVE)
    if kabupaten is not None:
        busy = busy.filter(kabupaten__isnull=True) | busy.filter(kabupaten=kabupaten)
    if busy.exists():
        raise ValidationError(_("Masih ada verifikasi yang berjalan untuk tahun dan wilayah ini."))
    candidates = Candidate.objects.filter(programme_year=programme_year,
                                          status__in=REVERIFIABLE if reverify else VERIFIABLE)
    # Never a candidate of another province, by the ids of this one's areas (the index, not a join).
    candidates = candidates.filter(kabupaten=kabupaten) if kabupaten is not None else candidates.filter(
        kabupaten_id__in=province_kabupaten_ids(province_id))
    ids = list(candidates.order_by("id").values_list("id", flat=True))
    with transaction.atomic():
        # The snapshot's row lock orders this against a drop of its rows (audit/services/snapshots.py).
        if not Snapshot.objects.select_for_update(no_key=True).filter(id=snapshot.id,
                                                                      status=Snapshot.Status.READY).exists():
            raise ValidationError(_("Snapshot DTKS belum siap dipakai."))
        now = timezone.now()
        job = VerificationJob.objects.create(
            programme_year=programme_year, province_id=province_id, kabupaten=kabupaten, snapshot=snapshot,
            reverify=reverify,
            total=len(ids), started_by=user, reference_date=reference_date or timezone.localdate(),
            progressed_at=now,
        )
        chunks = VerificationChunk.objects.bulk_create(
            VerificationChunk(job=job, first_id=ids[i], last_id=ids[min(i + chunk_size, len(ids)) - 1])
            for i in range(0, len(ids), chunk_size)
        )
        if not chunks:
            job.status = VerificationJob.Status.DONE
            job.started_at = job.finished_at = now
            job.message = _("Tidak ada calon yang perlu diverifikasi.")
            job.save()
    return job


def chunks_to_send(*, job_id: int | None = None) -> list[int]:
    """Chunks of running jobs (one job, or all) that no worker holds and that were never sent or
    sent longer than a lease ago; marked sent now. The caller sends one task per id."""
    stale = timezone.now() - dt.timedelta(seconds=settings.VERIFICATION_CHUNK_LEASE_SECONDS)
    chunks = VerificationChunk.objects.filter(Q(sent_at__isnull=True) | Q(sent_at__lt=stale), done_at__isnull=True,
                                              job__status__in=ACTIVE)
    if job_id is not None:
        chunks = chunks.filter(job_id=job_id)
    with transaction.atomic():
        # A chunk being verified is locked by its transaction: skipped, however long ago it was sent.
        ids = list(chunks.select_for_update(of=("self",), skip_locked=True).order_by("id")
                   .values_list("id", flat=True))
        VerificationChunk.objects.filter(id__in=ids).update(sent_at=timezone.now())
    return ids


def verification_chunk_run(*, chunk_id: int) -> int:
    """Verify one chunk, in one transaction; a second delivery finds it done and does nothing.

    Returns the number of results written by this run.
    """
    # Outside the chunk's transaction, so that concurrent chunks do not wait on the job row.
    VerificationJob.objects.filter(status=VerificationJob.Status.QUEUED, chunks=chunk_id).update(
        status=VerificationJob.Status.RUNNING, started_at=timezone.now())
    with transaction.atomic():
        chunk = (VerificationChunk.objects.select_for_update(of=("self",)).filter(id=chunk_id, done_at__isnull=True)
                 .exclude(job__status=VerificationJob.Status.CANCELLED)
                 .select_related("job__programme_year", "job__snapshot", "job__province").first())
        if chunk is None:
            return 0
        job = chunk.job
        year = job.programme_year
        with connection.cursor() as cursor:
            # The plan is a few thousand index lookups: JIT compiling it cost more than running it (1.2 s).
            cursor.execute("SET LOCAL jit = off")
            # The job's province, a constant: the registry's lookup reads only its table of the snapshot.
            province = loading.province_of(job.province.code)
            cursor.execute(result_insert_sql(kabupaten_keys=loading.kabupaten_keys_sql([province])), {
                "job": job.id, "first_id": chunk.first_id, "last_id": chunk.last_id, "year": year.year,
                "statuses": list(REVERIFIABLE if job.reverify else VERIFIABLE),
                "kabupaten": job.kabupaten_id, "job_province": job.province_id, "snapshot": job.snapshot_id,
                "province": province,
                "desil_max": year.desil_max,
                "age_min": year.age_min, "age_max": year.age_max, "reference_date": job.reference_date,
                "handed_over": CandidateStatus.HANDED_OVER, "not_counting": list(NOT_COUNTING),
            })
            # Django's psycopg setup hands jsonb back as text.
            rows = [(cid, ok, reasons, json.loads(facts) if isinstance(facts, str) else facts, kabupaten_id)
                    for cid, ok, reasons, facts, kabupaten_id in cursor.fetchall()]
        passed = [candidate_id for candidate_id, ok, *_rest in rows if ok]
        _candidates_record_desil(rows)
        snapshot_date = tanggal(job.snapshot.extract_date)
        for ok in (True, False):
            verdicts = [(cid, reasons, facts) for cid, passed_, reasons, facts, _k in rows if passed_ is ok]
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
        VerificationChunk.objects.filter(id=chunk.id).update(done_at=timezone.now(), result_count=len(rows),
                                                             tally=_tally(rows))
        VerificationJob.objects.filter(id=job.id).update(done_count=F("done_count") + len(rows),
                                                         passed_count=F("passed_count") + len(passed),
                                                         progressed_at=timezone.now())
        finished = _job_finish_if_complete(job_id=job.id)
    if finished:
        _analyze_what_the_batch_wrote()
    return len(rows)


def _tally(rows: list[tuple]) -> dict:
    """Per kabupaten/kota of the chunk: verified, passed, refusals per reason. The result page adds
    up the chunks' tallies instead of counting a job's results on every request."""
    tally = defaultdict(lambda: {"total": 0, "passed": 0, "reasons": Counter()})
    for _cid, ok, reasons, _facts, kabupaten_id in rows:
        area = tally[str(kabupaten_id)]
        area["total"] += 1
        area["passed"] += bool(ok)
        area["reasons"].update(reasons)
    return {k: {**v, "reasons": dict(v["reasons"])} for k, v in tally.items()}


def _candidates_record_desil(rows: list[tuple]) -> None:
    """The registry's desil (None when not found) of each verified candidate, in one statement."""
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Candidate._meta.db_table} c SET desil_dtks = v.desil "
            "FROM unnest(%s::bigint[], %s::smallint[]) AS v(id, desil) WHERE c.id = v.id",
            [[row[0] for row in rows], [row[3].get("desil") for row in rows]])


def _job_finish_if_complete(*, job_id: int) -> bool:
    """The last chunk closes the job; the job row lock orders concurrent last chunks."""
    job = VerificationJob.objects.select_for_update().get(id=job_id)
    if job.status not in ACTIVE:
        return False
    if VerificationChunk.objects.filter(job_id=job_id, done_at__isnull=True).exists():
        return False
    job.status = VerificationJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return True


def _analyze_what_the_batch_wrote() -> None:
    """Fresh planner statistics for the statuses, desil and results the batch changed: the pages
    and the decision plan on them at once, and autovacuum may be off or late."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Candidate._meta.db_table}, {VerificationResult._meta.db_table}")


def verification_job_fail(*, job_id: int, message: str) -> None:
    VerificationJob.objects.filter(id=job_id, status__in=ACTIVE).update(
        status=VerificationJob.Status.FAILED, message=message[:500], finished_at=timezone.now())


def verification_chunk_fail(*, chunk_id: int, message: str) -> None:
    job_id = VerificationChunk.objects.filter(id=chunk_id).values_list("job_id", flat=True).first()
    if job_id:
        verification_job_fail(job_id=job_id, message=message)


def verification_job_resume(*, job: VerificationJob, user) -> None:
    """Send a stuck or failed job's unfinished chunks again (the caller sends the job's task)."""
    require_provincial(user)
    with transaction.atomic():
        job = VerificationJob.objects.select_for_update().get(id=job.id)
        if job.status not in (*ACTIVE, VerificationJob.Status.FAILED):
            raise ValidationError(_("Verifikasi ini sudah %(status)s, tidak dapat dilanjutkan.")
                                  % {"status": job.get_status_display().lower()})
        job.status = VerificationJob.Status.RUNNING if job.started_at else VerificationJob.Status.QUEUED
        job.message, job.finished_at, job.progressed_at = "", None, timezone.now()
        job.save(update_fields=["status", "message", "finished_at", "progressed_at"])
        job.chunks.filter(done_at__isnull=True).update(sent_at=None)


def verification_job_cancel(*, job: VerificationJob, user) -> None:
    """Stop a job: chunks not yet verified are not; what was verified stays. The year is free again."""
    require_provincial(user)
    with transaction.atomic():
        job = VerificationJob.objects.select_for_update().get(id=job.id)
        if job.status not in (*ACTIVE, VerificationJob.Status.FAILED):
            raise ValidationError(_("Verifikasi ini sudah %(status)s, tidak dapat dibatalkan.")
                                  % {"status": job.get_status_display().lower()})
        job.status, job.finished_at = VerificationJob.Status.CANCELLED, timezone.now()
        job.message = _("Dibatalkan oleh %(user)s setelah %(done)s dari %(total)s calon diverifikasi.") % {
            "user": user.get_full_name() or user.get_username(), "done": angka(job.done_count), "total": angka(job.total)}
        job.save(update_fields=["status", "finished_at", "message"])
