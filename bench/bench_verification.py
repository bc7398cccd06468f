"""Verification: 20,000 candidates against a whole province's snapshot (4,000,000 rows), end to end
through a real worker, and the same candidates against 1,000,000 rows in the same run.

Targets: at most 10 s from starting the job to the job done against 4,000,000 rows; the times
against 1,000,000 and 4,000,000 rows within 20% of each other (flat in the registry's size: each
candidate is one index lookup in the snapshot's own partition); and a number of SQL queries per
chunk that grows neither with the chunk's candidates nor with the registry.
The candidates are registry people spread over the first 1,000,000 lines (every n-th line), so
that the same people are in both snapshots (the generator's 4,000,000-row file begins with its
1,000,000-row file); a worker of 2 processes, chunks of 2,000; each size is run three times, alternating (median).
Run: .venv/bin/python bench/bench_verification.py [--registry-rows 1000000 4000000] [--candidates N]
Uses its own database (BENCH_DATABASE_URL, default uep_bench) and the CSVs of bench_snapshot.py;
the worker's queue has its own key prefix, so nobody else's tasks are touched.
"""

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time

from _env import FILES, ROOT  # noqa: E402 - sets up the path and the scratch database
from _worker import celery_worker  # noqa: E402

os.environ.setdefault("CELERY_KEY_PREFIX", f"bench_verification_{os.getpid()}:")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry-rows", type=int, nargs="+", default=[1_000_000, 4_000_000])
    parser.add_argument("--candidates", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Role, User

    from regions.models import Province
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate
    from verification.models import Snapshot, VerificationJob
    from verification.services import batch, snapshots
    from verification.synthetic import generate_snapshot_file
    from verification.tasks import verification_send_task

    call_command("migrate", verbosity=0)
    sizes = sorted(args.registry_rows)
    registry = {}
    for rows in sizes:
        snapshot = Snapshot.objects.filter(status=Snapshot.Status.READY, loaded_count=rows, label="bench").first()
        if snapshot is None:
            csv_path = FILES / f"snapshot_{rows}.csv"
            if not csv_path.exists():
                generate_snapshot_file(rows=rows, out=csv_path)
            snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), label="bench", path=csv_path)
            snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
        registry[rows] = snapshot
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    user, _ = User.objects.get_or_create(username="bench_prov", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    step = max(1, sizes[0] // args.candidates)
    _candidates_from_registry(connection, snapshot=registry[sizes[0]], step=step, limit=args.candidates,
                              year=year, user=user)
    total = Candidate.objects.count()

    def reset() -> None:
        Candidate.objects.update(status="proposed", desil_dtks=None)
        VerificationJob.objects.exclude(status="done").update(status="done")

    timings = {rows: [] for rows in sizes}
    with celery_worker():
        for _run in range(args.repeat):
            for rows in sizes:
                reset()
                t = time.perf_counter()
                job = batch.verification_job_start(programme_year=year, snapshot=registry[rows], user=user)
                verification_send_task.delay(job.id)
                while VerificationJob.objects.get(id=job.id).status not in ("done", "failed"):
                    time.sleep(0.05)
                elapsed = time.perf_counter() - t
                job.refresh_from_db()
                timings[rows].append(elapsed)
                print(f"{total:,} candidates against {registry[rows].loaded_count:,} registry rows, "
                      f"{job.chunks.count()} chunks, 2 worker processes: {elapsed:.2f} s end to end; "
                      f"{job.passed_count:,} passed, {job.done_count - job.passed_count:,} refused; status {job.status}; "
                      f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    medians = {rows: statistics.median(times) for rows, times in timings.items()}
    for rows in sizes:
        print(f"against {rows:,} rows: median {medians[rows]:.2f} s (target <= 10 s)")
    if len(sizes) > 1:
        print(f"{sizes[-1]:,} rows against {sizes[0]:,}: {medians[sizes[-1]] / medians[sizes[0]]:.2f}x "
              f"(target: within 20%, 0.80x to 1.20x)")

    # Queries per chunk, for two chunk sizes and each registry size, in this process.
    for rows in sizes:
        for size in (200, 2000):
            reset()
            job = batch.verification_job_start(programme_year=year, snapshot=registry[rows], user=user,
                                               chunk_size=size)
            chunk = job.chunks.order_by("first_id").first()
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                written = batch.verification_chunk_run(chunk_id=chunk.id)
            print(f"{rows:,} registry rows, chunk of {written:,} candidates: {len(ctx.captured_queries)} SQL queries, "
                  f"{time.perf_counter() - t:.2f} s")


def _candidates_from_registry(connection, *, snapshot, step: int, limit: int, year, user, province: int = 64) -> None:
    """``limit`` candidates from every ``step``-th line of the snapshot's rows of ``province`` (most
    pass; desil > 5 fail), bulk inserted, replacing the previous run's."""
    with connection.cursor() as cursor:
        for table in ("verification_verificationresult", "verification_verificationchunk",
                      "verification_verificationjob", "recipients_candidateevent", "recipients_candidate",
                      "recipients_person"):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("""
            CREATE TEMP TABLE bench_pick AS
            SELECT r.nik::text AS nik, r.no_kk::text AS no_kk, r.name, r.sex, r.birth_date, k.id AS kabupaten_id,
                   (SELECT min(kc.id) FROM regions_kecamatan kc WHERE kc.kabupaten_id = k.id) AS kecamatan_id
            FROM verification_registryrecord r JOIN regions_kabupaten k ON k.code = r.kabupaten
            WHERE r.snapshot_id = %s AND r.province = %s AND r.refusal IS NULL AND r.line %% %s = %s
            ORDER BY r.line LIMIT %s
        """, [snapshot.id, province, step, 7 % step, limit])
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


if __name__ == "__main__":
    main()
