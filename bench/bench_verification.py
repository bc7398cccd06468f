"""Verification: 10,000 candidates against a 1,000,000-row snapshot, end to end through a real worker.

Target: at most 5 s from starting the job to the job done, and a number of SQL queries
per chunk that does not grow with the chunk's candidates. Run after bench_snapshot.py
(it reuses its database and CSV): .venv/bin/python bench/bench_verification.py
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time

from _env import ROOT  # noqa: E402 - sets up the path and the scratch database
CANDIDATES = 10_000


def main():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Role, User
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate
    from verification.services import batch, snapshots
    from verification.tasks import verification_send_task
    from verification.models import Snapshot, VerificationJob

    call_command("migrate", verbosity=0)
    snapshot = Snapshot.objects.filter(status=Snapshot.Status.READY, loaded_count__gte=1_000_000).first()
    if snapshot is None:
        csv_path = ROOT / "bench" / "out" / "snapshot_1000000.csv"
        if not csv_path.exists():
            from verification.synthetic import generate_snapshot_file

            generate_snapshot_file(rows=1_000_000, out=csv_path)
        snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), label="bench", path=csv_path)
        snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    user, _ = User.objects.get_or_create(username="bench_prov", defaults={"role": Role.PROVINCIAL})

    # 10,000 candidates taken from the snapshot (most pass; desil > 5 fail), bulk inserted.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM verification_verificationresult")
        cursor.execute("DELETE FROM verification_verificationchunk")
        cursor.execute("DELETE FROM verification_verificationjob")
        cursor.execute("DELETE FROM recipients_candidateevent")
        cursor.execute("DELETE FROM recipients_candidate")
        cursor.execute("DELETE FROM recipients_person")
        cursor.execute("""
            CREATE TEMP TABLE bench_pick AS
            SELECT r.nik::text AS nik, r.no_kk::text AS no_kk, r.name, r.sex, r.birth_date, k.id AS kabupaten_id,
                   (SELECT min(kc.id) FROM regions_kecamatan kc WHERE kc.kabupaten_id = k.id) AS kecamatan_id
            FROM verification_registryrecord r JOIN regions_kabupaten k ON k.code = r.kabupaten
            WHERE r.snapshot_id = %s AND r.refusal IS NULL ORDER BY r.line LIMIT %s
        """, [snapshot.id, CANDIDATES])
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT nik, name, sex, birth_date, now() FROM bench_pick
        """)
        cursor.execute("""
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
              kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status,
              requested_package, notes, status, created_at, created_by_id)
            SELECT p.id, b.name, b.sex, b.birth_date, %s, b.kabupaten_id, b.kecamatan_id,
                   (SELECT min(kl.id) FROM regions_kelurahan kl WHERE kl.kecamatan_id = b.kecamatan_id),
                   'Jl. Bench', '', b.no_kk, 3, 'Gorengan', 'BERJALAN', '', '', 'proposed', now(), %s
            FROM bench_pick b JOIN recipients_person p ON p.nik = b.nik
        """, [year.year, user.id])
        cursor.execute("DROP TABLE bench_pick")
        cursor.execute("ANALYZE recipients_candidate; ANALYZE recipients_person")
    total = Candidate.objects.count()

    env = {**os.environ}
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "uep", "worker", "--pool", "prefork", "-c", "2",
                               "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                              cwd=ROOT, env=env, start_new_session=True)
    try:
        from uep.celery import app

        app.control.purge()
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5) and time.monotonic() < deadline:
            pass
        t = time.perf_counter()
        job = batch.verification_job_start(programme_year=year, snapshot=snapshot, user=user)
        verification_send_task.delay(job.id)
        while VerificationJob.objects.get(id=job.id).status not in ("done", "failed"):
            time.sleep(0.05)
        elapsed = time.perf_counter() - t
        job.refresh_from_db()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
    print(f"{total:,} candidates against {snapshot.loaded_count:,} registry rows, {job.chunks.count()} chunks, 2 worker "
          f"processes: {elapsed:.2f} s end to end (target <= 5 s); {job.passed_count:,} passed, "
          f"{job.done_count - job.passed_count:,} refused; status {job.status}")

    # Queries per chunk, for two chunk sizes, in this process.
    for size in (200, 2000):
        Candidate.objects.update(status="proposed")
        VerificationJob.objects.update(status="done")
        job = batch.verification_job_start(programme_year=year, snapshot=snapshot, user=user, chunk_size=size)
        chunk = job.chunks.order_by("first_id").first()
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            written = batch.verification_chunk_run(chunk_id=chunk.id)
        print(f"chunk of {written:,} candidates: {len(ctx.captured_queries)} SQL queries, "
              f"{time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
