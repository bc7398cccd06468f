"""Monitoring pages at 100,000 candidates, 20,000 handovers and 60,000 visits.

Target: survival, income, pipeline, graduation and cohort pages answer with p95 <= 300 ms and a
number of SQL queries that does not grow with the data; graduation recomputed for the 20,000
handovers (three rounds done each) in under 2 s. Beside each figure, the baseline measured in the
same run: a plain ``SELECT count(*)`` over the visits, the least any page about them must cost.

Seeds with set-based SQL (INSERT ... SELECT generate_series), then renders each page through
Django's test client as a provincial user and as one area's officer:

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_monitor .venv/bin/python bench/bench_monitoring.py [--reuse]
"""

import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uep_bench_monitor")
for name, value in (("DJANGO_SECURE_SSL_REDIRECT", "false"), ("DJANGO_SECURE_COOKIES", "false"),
                    ("DJANGO_STATIC_MANIFEST", "false")):
    os.environ.setdefault(name, value)

from _env import ROOT  # noqa: E402 - sets up the path and the scratch database

PAGES = {"survival": "/monitoring/keberlanjutan/?tahun=2025", "income": "/monitoring/pendapatan/?tahun=2025",
         "pipeline": "/monitoring/alur/?tahun=2025", "graduation": "/monitoring/kelulusan/?tahun=2025",
         "cohorts": "/monitoring/kohort/"}
OUTCOMES = ["berkembang", "berjalan", "berjalan", "tersendat", "tutup", "tidak_ditemukan", "pindah", "berjalan"]


def seed(*, candidates: int, handovers: int) -> None:
    """A year with ``candidates`` cases, ``handovers`` of them handed over, three rounds each."""
    from django.db import connection

    from accounts.models import Role, User

    from regions.models import Province
    from monitoring.services.rounds import rounds_schedule
    from programmes.models import ProgrammeYear

    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    user, _ = User.objects.get_or_create(username="bench_prov", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    # Each statement commits on its own: the history triggers open a subtransaction per row, and
    # 100,000s of them in one transaction make every later read of its rows crawl (pg_subtrans).
    with connection.cursor() as cursor:
        for table in ("monitoring_graduation", "monitoring_assignment", "monitoring_facilitator",
                      "monitoring_visit", "monitoring_round", "monitoring_baseline", "monitoring_minimumwage",
                      "disbursements_handoverline", "disbursements_handover", "disbursements_packagetype",
                      "recipients_candidateevent", "recipients_candidate", "recipients_person"):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT '6472' || lpad(i::text, 12, '0'), 'Penerima ' || i, CASE WHEN i %% 2 = 0 THEN 'P' ELSE 'L' END,
                   DATE '1970-01-01' + (i %% 10000)::int, now()
            FROM generate_series(1, %s) i""", [candidates])
        # Candidates spread over the ten areas; the first ``handovers`` are handed over, the next
        # 5 % are the reserve, the rest proposed or in verification.
        cursor.execute("""
            WITH areas AS (SELECT k.id, row_number() OVER (ORDER BY k.code) - 1 AS n,
                                  (SELECT min(kc.id) FROM regions_kecamatan kc WHERE kc.kabupaten_id = k.id) AS kec
                           FROM regions_kabupaten k)
            INSERT INTO recipients_candidate (person_id, programme_year_id, kabupaten_id, kecamatan_id, kelurahan_id,
                name, sex, birth_date, address, phone, no_kk, desil_proposed, desil_dtks, business_type, business_status, requested_package,
                notes, status, created_at, created_by_id)
            SELECT p.id, %s, a.id, a.kec, (SELECT min(kl.id) FROM regions_kelurahan kl WHERE kl.kecamatan_id = a.kec),
                   p.name, p.sex, p.birth_date, 'Jl. Bench', '', '6472' || lpad(p.id::text, 12, '0'), 1 + p.id %% 5, 1 + p.id %% 5, 'Gorengan',
                   'BERJALAN', '', '',
                   CASE WHEN r.i <= %s THEN 'handed_over' WHEN r.i <= %s THEN 'reserve'
                        WHEN r.i %% 3 = 0 THEN 'desk_passed' ELSE 'proposed' END, now(), %s
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM recipients_person) r
            JOIN recipients_person p ON p.id = r.id
            JOIN areas a ON a.n = r.i %% 10""", [year.year, handovers, handovers + candidates // 20, user.id])
        cursor.execute("""
            INSERT INTO disbursements_packagetype (programme_year_id, code, name, sector, description, value, is_active)
            SELECT %s, 'PG-' || s, 'Paket ' || s, s, '', 5000000, true
            FROM unnest(ARRAY['food', 'craft', 'service', 'trade']) s""", [year.year])
        cursor.execute("""
            INSERT INTO disbursements_handover (candidate_id, package_type_id, outcome, date, bast_number, bast_scan,
                                                notes, recorded_by_id, recorded_at)
            SELECT c.id, (SELECT min(id) FROM disbursements_packagetype) + c.id %% 4, 'received',
                   DATE '2025-03-01' + (c.id %% 150)::int, 'BAST/BENCH/' || c.id, '', '', %s, now()
            FROM recipients_candidate c WHERE c.status = 'handed_over'""", [user.id])
        cursor.execute("""
            INSERT INTO monitoring_baseline (candidate_id, recorded_on, state, monthly_revenue, assets, workers,
                                             recorded_by_id, recorded_at)
            SELECT h.candidate_id, h.date, 'BERJALAN', 500000 + (h.id %% 20) * 100000, 5000000, 1, %s, now()
            FROM disbursements_handover h""", [user.id])
        cursor.execute("""
            INSERT INTO monitoring_minimumwage (kabupaten_id, year, amount, decree_number)
            SELECT id, y, 3500000, 'SK/UMK/' || y FROM regions_kabupaten CROSS JOIN (VALUES (2025), (2026)) v(y)""")
        # One pendamping per area follows every family (graduation asks for pendampingan).
        cursor.execute("""
            INSERT INTO monitoring_facilitator (kabupaten_id, name, phone, is_active)
            SELECT id, 'Pendamping ' || code, '', true FROM regions_kabupaten""")
        cursor.execute("""
            INSERT INTO monitoring_assignment (candidate_id, facilitator_id, assigned_by_id, assigned_at)
            SELECT c.id, f.id, %s, now() FROM recipients_candidate c
            JOIN monitoring_facilitator f ON f.kabupaten_id = c.kabupaten_id WHERE c.status = 'handed_over'""",
                       [user.id])
    rounds_schedule()
    with connection.cursor() as cursor:
        # Every visit due before November 2026 done, with an outcome and an omzet; a few missed.
        cursor.execute("""
            UPDATE monitoring_visit SET visited_on = due_on + 5, outcome = (%s::text[])[1 + id %% 8],
                   monthly_revenue = CASE WHEN (%s::text[])[1 + id %% 8] IN ('berkembang', 'berjalan', 'tersendat')
                                          THEN 400000 + (id %% 37) * 100000 END, recorded_by_id = %s,
                   recorded_at = now()
            WHERE due_on < DATE '2026-11-01' AND id %% 17 <> 0""", [OUTCOMES, OUTCOMES, user.id])
        cursor.execute("ANALYZE")


def measure(client, url: str, *, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates compiled, plans cached
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, round(0.95 * len(times)) - 1)],
            "queries": len(queries)}


def baseline(*, runs: int) -> dict:
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _ in range(runs + 1):
            start = time.perf_counter()
            cursor.execute("SELECT count(*) FROM monitoring_visit")
            cursor.fetchone()
            times.append((time.perf_counter() - start) * 1000)
    times = sorted(times[1:])
    return {"p50": statistics.median(times), "p95": times[max(0, round(0.95 * len(times)) - 1)], "queries": 1}


def graduation_timing(*, runs: int = 3) -> dict:
    """Graduation recomputed from nothing for every family, median of ``runs``."""
    import datetime as dt

    from django.db import connection

    from monitoring.services.graduation import graduations_compute

    times, new = [], 0
    for _ in range(runs):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM recipients_candidateevent WHERE data ? 'graduation'")
            cursor.execute("DELETE FROM monitoring_graduation")
        start = time.perf_counter()
        new = graduations_compute(today=dt.date(2026, 12, 1))
        times.append((time.perf_counter() - start) * 1000)
    return {"median": statistics.median(times), "graduated": new}


def refresh_timing(*, runs: int = 3) -> dict:
    """The cohort summary rewritten for every area (the nightly job's share, also inside graduation
    above) and for one area (what saving a visit adds), median of ``runs``."""
    from monitoring.models import Visit
    from monitoring.services.cohorts import cohort_rounds_refresh, family_times_refresh
    from regions.models import Kabupaten

    area = Kabupaten.objects.get(code="64.72").id
    family = Visit.objects.exclude(outcome="").values_list("candidate_id", flat=True).first()
    figures = {}
    for name, refresh, scope in (("all", cohort_rounds_refresh, {}), ("area", cohort_rounds_refresh, {"kabupaten_id": area}),
                                 ("times", family_times_refresh, {}), ("family", family_times_refresh, {"candidate_id": family})):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            refresh(**scope)
            times.append((time.perf_counter() - start) * 1000)
        figures[name] = statistics.median(times)
    return figures


def survival_query(*, runs: int) -> dict:
    """The province's survival query as first written, row by row over every family-round with two
    sorted windows (kept in the tests as the definition the pages must equal): what the survival page
    ran before, and the cohort page once per year. The figure to beat."""
    import datetime as dt

    from accounts.models import User
    from monitoring.tests.test_cohorts import survival_by_rows
    from programmes.models import ProgrammeYear

    user, year = User.objects.get(username="bench_prov"), ProgrammeYear.objects.get(year=2025)
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        survival_by_rows(user, programme_year=year, per="kabupaten", today=dt.date(2026, 12, 1))
        times.append((time.perf_counter() - start) * 1000)
    times = sorted(times[1:])
    return {"p50": statistics.median(times), "p95": times[max(0, round(0.95 * len(times)) - 1)], "queries": 1}


def query_cpu(*, rows: bool, runs: int = 5) -> float:
    """CPU (this process + the database backend, parallel workers off) of one survival query."""
    import datetime as dt

    from django.db import connection

    from accounts.models import User
    from bench_goods_reports import _backend_cpu_ms
    from monitoring import selectors
    from monitoring.tests.test_cohorts import survival_by_rows
    from programmes.models import ProgrammeYear

    user, year = User.objects.get(username="bench_prov"), ProgrammeYear.objects.get(year=2025)
    query = survival_by_rows if rows else selectors.survival
    with connection.cursor() as c:
        c.execute("SET max_parallel_workers_per_gather = 0")
    query(user, programme_year=year, per="kabupaten", today=dt.date(2026, 12, 1))
    backend, own = _backend_cpu_ms(), time.process_time()
    for _ in range(runs):
        query(user, programme_year=year, per="kabupaten", today=dt.date(2026, 12, 1))
    spent = (_backend_cpu_ms() - backend) + (time.process_time() - own) * 1000
    with connection.cursor() as c:
        c.execute("RESET max_parallel_workers_per_gather")
    return spent / runs


def run(candidates: int, handovers: int, *, runs: int = 20, out=print, reuse: bool = False) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import Role, User
    from monitoring.models import Visit
    from regions.models import Kabupaten

    setup_test_environment()
    from recipients.models import Candidate

    if not (reuse and Candidate.objects.filter(status="handed_over").count() == handovers):
        seed(candidates=candidates, handovers=handovers)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM recipients_candidate")
        n_candidates = cursor.fetchone()[0]
    out(f"seeded: {n_candidates:,} candidates, {handovers:,} handovers, {Visit.objects.count():,} visits "
        f"({Visit.objects.filter(visited_on__isnull=False).count():,} done)")
    officer, _ = User.objects.get_or_create(username="bench_smd", defaults={
        "role": Role.OFFICER, "kabupaten": Kabupaten.objects.get(code="64.72")})
    out(f"load average before measuring: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores shared)")
    figures = {"baseline": baseline(runs=runs), "graduation": graduation_timing(),
               "survival query": survival_query(runs=runs), "refresh": refresh_timing()}
    out(f"graduation recomputed for {handovers:,} handovers: {figures['graduation']['median']:.0f} ms (median of 3; "
        f"target < 2000 ms), {figures['graduation']['graduated']:,} graduated; "
        f"baseline count(*) visits {figures['baseline']['p50']:.1f} ms")
    r = figures["refresh"]
    out(f"rewritten (median of 3; the nightly graduation run does both 'every'): cohort summary every area "
        f"{r['all']:.0f} ms, one area {r['area']:.0f} ms; family times every family {r['times']:.0f} ms, one family "
        f"{r['family']:.1f} ms (a visit saved rewrites one area and one family)")
    out(f"{'page':<22}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    out(f"{'count(*) visits':<22}{figures['baseline']['p50']:>9.1f}{figures['baseline']['p95']:>9.1f}{1:>9}")
    sq = figures["survival query"]
    out(f"{'survival rows (prov)':<22}{sq['p50']:>9.1f}{sq['p95']:>9.1f}{1:>9}  (the query before: survival page, "
        f"and cohort page per year)")
    for who in ("bench_prov", "bench_smd"):
        client = Client()
        client.force_login(User.objects.get(username=who))
        for page, url in PAGES.items():
            figure = figures[f"{page}/{who}"] = measure(client, url, runs=runs)
            out(f"{page + ' (' + ('province' if who == 'bench_prov' else 'Samarinda') + ')':<22}"
                f"{figure['p50']:>9.1f}{figure['p95']:>9.1f}{figure['queries']:>9}")
    from bench_goods_reports import cpu_per_request  # the app's process + its database backend, per request

    client = Client()
    client.force_login(User.objects.get(username="bench_prov"))
    for page in ("cohorts", "survival"):
        figures[f"cpu/{page}"] = cpu_per_request(client, PAGES[page])
        out(f"CPU per request, {page} (province): {figures[f'cpu/{page}']:.0f} ms (wall time on a shared machine "
            f"measures the neighbours too)")
    out(f"CPU per call of the province survival query: row by row (before) {query_cpu(rows=True):.0f} ms, "
        f"one pass (now) {query_cpu(rows=False):.0f} ms")
    out(f"load average after measuring: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return figures


def main():
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # --reuse: measure again on the data a previous run seeded (same counts), without seeding.
    run(100_000, 20_000, reuse="--reuse" in sys.argv)


if __name__ == "__main__":
    main()
