"""Verification pages at 100,000 candidates: the result page of a 100k job and the field list.

Seeds 100,000 candidates across the ten kabupaten/kota and a finished verification job of them
(results and chunk tallies written set-based, as the batch writes them), then times each page
through Django's test client (median and p95 of 20 requests, queries, bytes). The baseline,
measured in the same run, is the result page's summary as it was computed before: two grouped
queries over the job's results on every request.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_verify .venv/bin/python bench/bench_verification_pages.py
"""

import os
import statistics
import subprocess
import sys
import time

from _env import ROOT  # noqa: E402 - sets up the path and the scratch database

os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")  # no collectstatic in a scratch checkout

CANDIDATES = 100_000
RUNS = 20


def seed():
    import datetime as dt

    from django.db import connection

    from accounts.models import Role, User

    from programmes.models import ProgrammeYear
    from regions.models import Kabupaten, Province
    from verification.models import Snapshot, VerificationChunk, VerificationJob, VerificationResult
    from verification.services.batch import CHUNK_SIZE, _tally

    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    users = {"provinsi": User.objects.get_or_create(username="bench_prov", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})[0],
             "samarinda": User.objects.get_or_create(
                 username="bench_smd", defaults={"role": Role.OFFICER,
                                                 "kabupaten": Kabupaten.objects.get(code="64.72")})[0]}
    job = VerificationJob.objects.filter(total=CANDIDATES, status="done").first()
    if job:
        return job, users
    with connection.cursor() as cursor:
        for table in ("verification_verificationresult", "verification_verificationchunk",
                      "verification_verificationjob", "recipients_candidateevent", "recipients_candidate",
                      "recipients_person"):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT (6472010101800000 + g)::text, 'Warga ' || g, CASE WHEN g %% 2 = 0 THEN 'P' ELSE 'L' END,
                   date '1980-01-01' + (g %% 9000), now()
            FROM generate_series(1, %s) g
        """, [CANDIDATES])
        # Spread over the ten areas and their kecamatan; every second candidate waits for a visit.
        cursor.execute("""
            WITH k AS (SELECT row_number() OVER (ORDER BY kb.code) - 1 AS i, kb.id AS kabupaten_id,
                              (SELECT min(kc.id) FROM regions_kecamatan kc WHERE kc.kabupaten_id = kb.id) AS kecamatan_id
                       FROM regions_kabupaten kb WHERE kb.code LIKE '64.%%')
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
              kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status,
              requested_package, notes, status, created_at, created_by_id)
            SELECT p.id, p.name, p.sex, p.birth_date, %s, k.kabupaten_id, k.kecamatan_id,
                   (SELECT min(kl.id) FROM regions_kelurahan kl WHERE kl.kecamatan_id = k.kecamatan_id),
                   'Jl. Bench', '', p.nik, 3, 'Gorengan', 'BERJALAN', '',  '',
                   CASE WHEN p.id %% 2 = 0 THEN 'desk_passed' ELSE 'desk_failed' END, now(), %s
            FROM recipients_person p JOIN k ON k.i = p.id %% 10
        """, [year.year, users["provinsi"].id])
    snapshot = Snapshot.objects.create(extract_date=dt.date(2025, 6, 30), status=Snapshot.Status.READY)
    job = VerificationJob.objects.create(programme_year=year, province=users["provinsi"].province,
                                         snapshot=snapshot, total=CANDIDATES,
                                         done_count=CANDIDATES, status="done", reference_date=dt.date(2025, 7, 1))
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO verification_verificationresult (job_id, candidate_id, passed, reasons, facts, created_at)
            SELECT %s, c.id, c.status = 'desk_passed',
                   CASE WHEN c.status = 'desk_passed' THEN '{}'::varchar(30)[]
                        WHEN c.id %% 3 = 0 THEN '{DESIL_TOO_HIGH}' ELSE '{NOT_IN_DTKS,AGE_OUT_OF_RANGE}' END,
                   '{}'::jsonb, now()
            FROM recipients_candidate c
        """, [job.id])
        cursor.execute("""
            SELECT r.candidate_id, r.passed, r.reasons, c.kabupaten_id FROM verification_verificationresult r
            JOIN recipients_candidate c ON c.id = r.candidate_id WHERE r.job_id = %s ORDER BY r.candidate_id
        """, [job.id])
        rows = [(cid, ok, reasons, {}, kabupaten_id) for cid, ok, reasons, kabupaten_id in cursor.fetchall()]
        cursor.execute("ANALYZE")
    VerificationChunk.objects.bulk_create(
        VerificationChunk(job=job, first_id=rows[i][0], last_id=rows[min(i + CHUNK_SIZE, len(rows)) - 1][0],
                          done_at=job.created_at, result_count=len(rows[i:i + CHUNK_SIZE]),
                          tally=_tally(rows[i:i + CHUNK_SIZE]))
        for i in range(0, len(rows), CHUNK_SIZE))
    assert VerificationResult.objects.filter(job=job).count() == CANDIDATES
    return job, users


def old_summary(job, user):
    """The summary as the page computed it before: grouped queries over the job's results."""
    from django.db import connection

    from verification.selectors import job_results_visible_to

    base_sql, params = job_results_visible_to(user, job=job).values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"""SELECT c.kabupaten_id, count(*), count(*) FILTER (WHERE r.passed)
            FROM verification_verificationresult r JOIN recipients_candidate c ON c.id = r.candidate_id
            WHERE r.id IN ({base_sql}) GROUP BY c.kabupaten_id""", params)
        cursor.fetchall()
        cursor.execute(f"""SELECT c.kabupaten_id, reason, count(*)
            FROM verification_verificationresult r JOIN recipients_candidate c ON c.id = r.candidate_id,
                 unnest(r.reasons) AS reason WHERE r.id IN ({base_sql}) GROUP BY c.kabupaten_id, reason""", params)
        cursor.fetchall()


def page(client, url) -> int:
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return len(response.content)


def timed(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, size = [], 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            size = fn() or 0
            times.append((time.perf_counter() - t) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], queries, size


def main():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    job, users = seed()
    print(f"{CANDIDATES:,} candidates, job #{job.pk} with {job.chunks.count()} chunks; {RUNS} requests each")
    print(f"{'page':<52} {'median':>8} {'p95':>8} {'queries':>8} {'KB':>6}")
    for who in ("provinsi", "samarinda"):
        client = Client()
        client.force_login(users[who])
        rows = [
            (f"result page /verifikasi/{job.pk}/ ({who})",
             lambda c=client: page(c, f"/verifikasi/{job.pk}/")),
            (f"  baseline: its summary counted per request ({who})", lambda u=users[who]: old_summary(job, u)),
            (f"field list /verifikasi/lapangan/ ({who})",
             lambda c=client: page(c, "/verifikasi/lapangan/")),
            (f"field list, page 100 ({who})", lambda c=client: page(c, "/verifikasi/lapangan/?page=100")),
            (f"field list, name search ({who})",
             lambda c=client: page(c, "/verifikasi/lapangan/?q=warga+4711")),
        ]
        for label, fn in rows:
            median, p95, queries, size = timed(fn)
            print(f"{label:<52} {median:>6.0f}ms {p95:>6.0f}ms {queries:>8} {size / 1024:>6.0f}")


if __name__ == "__main__":
    main()
