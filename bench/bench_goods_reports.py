"""Benchmark: the needs list and the reconciliation pages at 20,000 handovers (p95 of 20 requests each, target
<= 300 ms), with their query counts at 2,000 and at 20,000 handovers (constant), beside the home page
measured in the same run as the baseline of a page that reads almost nothing. The CPU per request (the app's
process and its database backend) is printed too: on a machine shared with other work the wall time
measures the neighbours as much as the page.

Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_goods .venv/bin/python bench/bench_goods_reports.py
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401

# Pages rendered by the test client need the static files' names without a collectstatic manifest.
import os  # noqa: E402

os.environ.setdefault("DJANGO_DEBUG", "true")

YEAR = 2091


def setup():
    import subprocess

    subprocess.run([sys.executable, str(_env.ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)


def grow(total: int):
    """Handovers up to ``total``, spread over the 10 areas, written set-based (SQL), as received."""
    from django.db import connection

    from accounts.models import Role, User

    from disbursements.models import Item, PackageType
    from disbursements.services.catalogue import LineInput, package_activate, package_lines_set
    from programmes.models import ProgrammeYear
    from regions.models import Province

    year, _ = ProgrammeYear.objects.get_or_create(year=YEAR, defaults={"training_required": False})
    user, _ = User.objects.get_or_create(username="bench_goods", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    package = PackageType.objects.filter(programme_year=year, code="PG-BENCH").first()
    if package is None:
        package = PackageType.objects.create(programme_year=year, province=Province.objects.get(code="64"), code="PG-BENCH", name="Paket uji", sector="food")
        items = [Item.objects.get_or_create(code=f"BENCHG-{n}", defaults={"name": f"Barang {n}", "unit": "unit"})[0]
                 for n in range(8)]
        package_lines_set(package=package, lines=[LineInput(i, 2, 100_000) for i in items], user=user)
        package_activate(package=package, user=user)
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM disbursements_handover h JOIN recipients_candidate c ON c.id = h.candidate_id "
                  "WHERE c.programme_year_id = %s", [YEAR])
        have = c.fetchone()[0]
        if have >= total:
            return user, year
        c.execute(f"""
            WITH k AS (SELECT id, code, row_number() OVER (ORDER BY code) - 1 AS n FROM regions_kabupaten),
            kec AS (SELECT DISTINCT ON (kabupaten_id) id, kabupaten_id FROM regions_kecamatan ORDER BY kabupaten_id, id),
            kel AS (SELECT DISTINCT ON (kecamatan_id) id, kecamatan_id FROM regions_kelurahan ORDER BY kecamatan_id, id),
            s AS (SELECT g FROM generate_series({have + 1}, {total}) g),
            p AS (INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
                  SELECT '6472' || lpad(g::text, 12, '0'), 'Penerima ' || g, 'L', DATE '1980-01-01', now() FROM s
                  ON CONFLICT DO NOTHING RETURNING id, nik)
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
                kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status, requested_package, notes,
                status, created_at, created_by_id)
            SELECT p.id, 'Penerima ' || p.id, 'L', DATE '1980-01-01', {YEAR}, k.id, kec.id, kel.id, 'Jl. Uji', '', p.nik, 1, 'Gorengan', 'BERJALAN', 'PG-BENCH', '',
                   'handed_over', now(), {user.id}
            FROM p JOIN k ON k.n = (substr(p.nik, 5)::bigint % 10) JOIN kec ON kec.kabupaten_id = k.id
            JOIN kel ON kel.kecamatan_id = kec.id""")
        c.execute(f"""
            INSERT INTO disbursements_handover (candidate_id, package_type_id, outcome, date, bast_number, bast_scan,
                notes, recorded_by_id, recorded_at)
            SELECT c.id, {package.id}, 'received', DATE '2091-06-02', 'B/' || c.id, '', '', {user.id}, now()
            FROM recipients_candidate c LEFT JOIN disbursements_handover h ON h.candidate_id = c.id
            WHERE c.programme_year_id = {YEAR} AND h.id IS NULL""")
        c.execute(f"""
            INSERT INTO disbursements_handoverline (handover_id, item_id, quantity, unit_price, serial_numbers)
            SELECT h.id, pi.item_id, pi.quantity, pi.unit_price, '' FROM disbursements_handover h
            JOIN disbursements_packageitem pi ON pi.package_id = h.package_type_id
            LEFT JOIN disbursements_handoverline l ON l.handover_id = h.id
            WHERE h.package_type_id = {package.id} AND l.id IS NULL""")
        # The ledger as the handovers would have left it: one move per line, totals on the balance.
        c.execute(f"""
            INSERT INTO disbursements_stockmove (kabupaten_id, item_id, kind, quantity, handover_line_id, note, at,
                                                 user_id)
            SELECT c.kabupaten_id, l.item_id, 'handed_over', l.quantity, l.id, h.bast_number, now(), {user.id}
            FROM disbursements_handoverline l JOIN disbursements_handover h ON h.id = l.handover_id
            JOIN recipients_candidate c ON c.id = h.candidate_id
            LEFT JOIN disbursements_stockmove m ON m.handover_line_id = l.id
            WHERE c.programme_year_id = {YEAR} AND m.id IS NULL""")
        c.execute("""
            INSERT INTO disbursements_stockbalance (kabupaten_id, item_id, on_hand, received, handed_over,
                handed_over_value, returned, damaged, replacement)
            SELECT m.kabupaten_id, m.item_id, 0, SUM(m.quantity), SUM(m.quantity), SUM(m.quantity * l.unit_price), 0, 0, 0
            FROM disbursements_stockmove m JOIN disbursements_handoverline l ON l.id = m.handover_line_id
            GROUP BY 1, 2
            ON CONFLICT (kabupaten_id, item_id) DO UPDATE SET received = EXCLUDED.received,
                handed_over = EXCLUDED.handed_over, handed_over_value = EXCLUDED.handed_over_value""")
        # What autovacuum does on a live database after bulk inserts: statistics, and the visibility map
        # that lets the reconciliation sum the ledger from its index alone.
        c.execute("VACUUM ANALYZE")
    return user, year


def _backend_cpu_ms() -> float:
    """CPU time the database backend of this connection has used (Linux /proc; the server is local)."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_per_request(client, url: str, runs: int = 10) -> float:
    """Mean CPU (this process + the database backend, parallel workers off) per request: on a shared
    machine the wall time says more about the neighbours than about the page."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SET max_parallel_workers_per_gather = 0")
    client.get(url, secure=True)
    backend, own = _backend_cpu_ms(), time.process_time()
    for _ in range(runs):
        client.get(url, secure=True)
    spent = (_backend_cpu_ms() - backend) + (time.process_time() - own) * 1000
    with connection.cursor() as c:
        c.execute("RESET max_parallel_workers_per_gather")
    return spent / runs


def measure(client, url: str, runs: int = 20) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from django.db import reset_queries

    client.get(url, secure=True)  # warm: session, years
    reset_queries()  # the request clears the log it starts with (DEBUG logs every query)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, secure=True)
        assert response.status_code == 200, response.status_code
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url, secure=True)
        times.append(time.perf_counter() - start)
    return statistics.quantiles(times, n=20)[18] * 1000, len(queries)


def main():
    setup()
    from django.test import Client

    results = {}
    for total in (2_000, 20_000):
        user, year = grow(total)
        client = Client()
        client.force_login(user)
        results[total] = {name: (*measure(client, f"{url}?tahun={YEAR}"),
                                 cpu_per_request(client, f"{url}?tahun={YEAR}"))
                          for name, url in [("kebutuhan", "/penyaluran/kebutuhan/"),
                                            ("rekonsiliasi", "/penyaluran/rekonsiliasi/"), ("beranda (acuan)", "/")]}
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name in results[20_000]:
        p95, queries, cpu = results[20_000][name]
        print(f"{name}: p95 {p95:.0f} ms at 20,000 handovers (target <= 300 ms), CPU {cpu:.0f} ms per request "
              f"(app + database, {results[2_000][name][2]:.0f} ms at 2,000); queries "
              f"{results[2_000][name][1]} at 2,000 and {queries} at 20,000")


if __name__ == "__main__":
    main()
