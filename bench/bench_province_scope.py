"""Benchmark: the candidate list of a province's staff now that a province is a scope, beside the same
list for the superuser without a province (every province: the list as provincial staff had it before),
measured in the same run, at N candidates spread over Kaltim's ten areas and Kalsel's two.

Run: .venv/bin/python bench/bench_province_scope.py [--candidates 300000] [--repeat 15]
Uses its own database (BENCH_DATABASE_URL, default uep_bench_province), seeded once set-based.
Prints p50/p95 of the first page (keyset), the plan of the first page (it must walk the
(kabupaten, year, name, id) index, never sort the province's rows), and the load average.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uep_bench_province")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401 - the scratch database and settings

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

KALSEL = _env.ROOT / "regions" / "tests" / "data" / "wilayah_kalsel_sample.csv"


def seed(candidates: int):
    from accounts.models import Role, User
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate
    from regions.models import Province
    from regions.services import regions_load

    regions_load(path=KALSEL)
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    kaltim, kalsel = Province.objects.get(code="64"), Province.objects.get(code="63")
    users = {
        "provinsi": User.objects.get_or_create(username="bench_prov", defaults={"role": Role.PROVINCIAL,
                                                                              "province": kaltim})[0],
        "operator": User.objects.get_or_create(username="bench_operator", defaults={
            "role": Role.ADMIN, "is_superuser": True, "is_staff": True, "province": None})[0],
    }
    if Candidate.objects.count() >= candidates:
        return year, users
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM recipients_candidateevent; DELETE FROM recipients_candidate; "
                       "DELETE FROM recipients_person")
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT (6472010101800000 + g)::text, 'Warga ' || md5(g::text), CASE WHEN g %% 2 = 0 THEN 'P' ELSE 'L' END,
                   date '1980-01-01' + (g %% 9000), now()
            FROM generate_series(1, %s) g
        """, [candidates])
        cursor.execute("""
            WITH k AS (SELECT row_number() OVER (ORDER BY kb.code) - 1 AS i, kb.id AS kabupaten_id,
                              (SELECT min(kc.id) FROM regions_kecamatan kc WHERE kc.kabupaten_id = kb.id) AS kecamatan_id
                       FROM regions_kabupaten kb)
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
              kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status,
              requested_package, notes, status, created_at, created_by_id)
            SELECT p.id, p.name, p.sex, p.birth_date, %s, k.kabupaten_id, k.kecamatan_id,
                   (SELECT min(kl.id) FROM regions_kelurahan kl WHERE kl.kecamatan_id = k.kecamatan_id),
                   'Jl. Bench', '', p.nik, 3, 'Gorengan', 'BERJALAN', '',  '', 'proposed', now(), %s
            FROM recipients_person p JOIN k ON k.i = p.id %% (SELECT count(*) FROM k)
        """, [year.year, users["provinsi"].id])
        cursor.execute("ANALYZE")
    del kalsel
    return year, users


def first_page_sql(user, year):
    from recipients.selectors import candidate_list_keys, candidates_filtered

    filters = {"programme_year": year}
    qs = candidates_filtered(user=user, filters=filters)
    return qs.order_by(*candidate_list_keys(user=user, filters=filters))[:51].query.sql_with_params()


def timed(user, year, repeat):
    """The first page as the list view reads it (keyset, the count capped)."""
    from recipients.selectors import candidate_list_keys, candidates_filtered
    from uep.keyset import keyset_page

    filters = {"programme_year": year}
    keys = candidate_list_keys(user=user, filters=filters)
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        keyset_page(candidates_filtered(user=user, filters=filters), keys=keys, page_size=50, cursor=None,
                    salt="bench")
        times.append((time.perf_counter() - start) * 1000)
    times = sorted(times[1:])
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    year, users = seed(args.candidates)
    print(f"{args.candidates:,} candidates, load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    for label, user in (("before: every province (superuser, no filter)", users["operator"]),
                        ("after: Kaltim's staff (kabupaten_id IN ...)", users["provinsi"])):
        sql, params = first_page_sql(user, year)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        p50, p95 = timed(user, year, args.repeat)
        print(f"\n{label}: first page p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print("  " + "\n  ".join(plan))
    print(f"\nload average after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
