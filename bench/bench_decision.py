"""The decision page (penetapan) at 100,000 candidates: time, size and queries per role.

Seeds 100,000 candidates over the 10 kabupaten/kota with INSERT ... SELECT generate_series
(then ANALYZE), about 10,000 per area; Samarinda has 1,622 decided, 500 on the reserve list
and 4,000 eligible. Times the page through Django's test client in this process (no network),
for provincial staff and Samarinda's officer, and, as the baseline of the same run, the same
query the page made before it was paged: every decidable candidate of the area, loaded.

Target: p95 <= 150 ms, < 300 KB of HTML, a query count that does not grow with the data.
Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_decide .venv/bin/python bench/bench_decision.py
"""

import os
import statistics
import subprocess
import sys
import time

from _env import ROOT  # noqa: E402 - sets up the path and the scratch database

# Plain HTTP through the test client, static files from the finders: no build step needed.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
CANDIDATES = 100_000
RUNS = 30


def seed(connection, *, year: int, user_id: int) -> None:
    with connection.cursor() as cursor:
        for table in ("recipients_candidateevent", "recipients_candidate", "recipients_person",
                      "quotas_quotaentry", "quotas_budgetdocument"):
            cursor.execute(f"TRUNCATE {table} CASCADE")
        cursor.execute("""
            INSERT INTO quotas_budgetdocument (programme_year_id, kind, number, date, amount)
            VALUES (%s, 'murni', 'DPA-BENCH', '2025-01-02', 200000000000)""", [year])
        cursor.execute("""
            INSERT INTO quotas_quotaentry (programme_year_id, kabupaten_id, document_id, places, rule, reason,
                                           created_at, created_by_id)
            SELECT %s, k.id, (SELECT id FROM quotas_budgetdocument LIMIT 1), 2000, 'manual', 'bench', now(), %s
            FROM regions_kabupaten k""", [year, user_id])
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT '64' || lpad(i::text, 14, '0'), 'Calon Bench ' || i, 'P', date '1980-01-01' + (i %% 9000), now()
            FROM generate_series(1, %s) AS i""", [CANDIDATES])
        # Area i % 10; within an area, its n-th candidate (n = i / 10) decides the status.
        cursor.execute("""
            WITH areas AS (
              SELECT k.id, row_number() OVER (ORDER BY k.code) - 1 AS slot,
                     (SELECT min(kc.id) FROM regions_kecamatan kc WHERE kc.kabupaten_id = k.id) AS kecamatan_id
              FROM regions_kabupaten k)
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
              kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, desil_dtks, business_type, business_status, requested_package,
              notes, status, reserve_rank, created_at, created_by_id)
            SELECT p.id, p.name, p.sex, p.birth_date, %s, a.id, a.kecamatan_id,
                   (SELECT min(kl.id) FROM regions_kelurahan kl WHERE kl.kecamatan_id = a.kecamatan_id),
                   'Jl. Bench', '', '64' || lpad(p.id::text, 14, '0'), 1 + p.id %% 5, 1 + p.id %% 4, 'Gorengan',
                   'BERJALAN', '', '',
                   CASE WHEN p.id / 10 < 1622 THEN 'decided' WHEN p.id / 10 < 2122 THEN 'reserve'
                        WHEN p.id / 10 < 6122 THEN 'field_eligible' ELSE 'desk_passed' END,
                   CASE WHEN p.id / 10 >= 1622 AND p.id / 10 < 2122 THEN p.id / 10 - 1621 END,
                   now() - p.id * interval '1 second', %s
            FROM recipients_person p JOIN areas a ON a.slot = p.id %% 10""", [year, user_id])
        cursor.execute("ANALYZE recipients_person; ANALYZE recipients_candidate; ANALYZE quotas_quotaentry")


def measure(client, url: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, size, queries = [], 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url)
            times.append(1000 * (time.perf_counter() - t))
        if response.status_code != 200:
            print(f"{url}: HTTP {response.status_code}")
            return None
        size, queries = len(response.content), len(ctx.captured_queries)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], size, queries


def main():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.models import Role, User

    from quotas import selectors
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate
    from regions.models import Kabupaten, Province

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    provincial, _ = User.objects.get_or_create(username="bench_prov", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    samarinda = Kabupaten.objects.get(code="64.72")
    officer, _ = User.objects.get_or_create(username="bench_smd", defaults={"role": Role.OFFICER,
                                                                              "kabupaten": samarinda})
    if Candidate.objects.count() != CANDIDATES:
        seed(connection, year=year.year, user_id=provincial.id)
    print(f"{Candidate.objects.count():,} candidates; Samarinda: "
          f"{selectors.occupied_count(programme_year=year, kabupaten=samarinda):,} decided")

    url = f"/kuota/tahun/{year.year}/penetapan/{samarinda.code}/"
    print(f"{'page':<44} {'p50 ms':>8} {'p95 ms':>8} {'KB':>8} {'queries':>8}")
    # The baseline of this run: what the unpaged page loaded before any HTML (three whole lists).
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        for qs in (selectors.candidates_ranked(programme_year=year, kabupaten=samarinda, queryset=Candidate.objects),
                   selectors.decided_list(programme_year=year, kabupaten=samarinda, queryset=Candidate.objects),
                   selectors.reserve_list(programme_year=year, kabupaten=samarinda, queryset=Candidate.objects)):
            list(qs)
        times.append(1000 * (time.perf_counter() - t))
    times.sort()
    print(f"{'baseline: load the three whole lists':<44} {statistics.median(times):>8.0f} "
          f"{times[int(0.95 * (RUNS - 1))]:>8.0f} {'-':>8} {3:>8}")
    for label, user, suffix in (
            ("penetapan, provincial", provincial, ""),
            ("penetapan, provincial, ditetapkan", provincial, "?daftar=ditetapkan"),
            ("penetapan, provincial, search + filter", provincial, "?q=bench+12&desil=2"),
            ("penetapan, provincial, page 40", provincial, "?halaman=40"),
            ("penetapan, officer", officer, ""),
            ("tetapkan teratas, confirm step", provincial, "tetapkan/konfirmasi/?count=378")):
        client = Client()
        client.force_login(user)
        result = measure(client, url + suffix)
        if result is None:
            print(f"{label:<44} (no such page)")
            continue
        p50, p95, size, queries = result
        print(f"{label:<44} {p50:>8.0f} {p95:>8.0f} {size / 1024:>8.0f} {queries:>8}")


if __name__ == "__main__":
    main()
