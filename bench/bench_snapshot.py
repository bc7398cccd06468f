"""Snapshot load: 1,000,000 rows against a raw COPY of the same file into a bare table, same run.

Target: the full load (staging COPY, set-based checks, insert, index, statistics) takes at
most twice the raw COPY. Run: .venv/bin/python bench/bench_snapshot.py [--rows N]
Uses its own database (BENCH_DATABASE_URL, default uep_bench); the CSV is cached in bench/out/.
"""

import argparse
import datetime as dt
import subprocess
import sys
import time

from _env import ROOT  # noqa: E402 - sets up the path and the scratch database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from verification import services
    from verification.models import Snapshot
    from verification.synthetic import HEADER, generate_snapshot_file

    call_command("migrate", verbosity=0)
    csv_path = ROOT / "bench" / "out" / f"snapshot_{args.rows}.csv"
    if not csv_path.exists():
        t = time.perf_counter()
        generate_snapshot_file(rows=args.rows, out=csv_path)
        print(f"generated {csv_path.name} in {time.perf_counter() - t:.1f} s")
    size_mb = csv_path.stat().st_size / 1e6

    # A clean slate for the records table, so that both runs write into similar space.
    for snapshot in Snapshot.objects.filter(jobs__isnull=True):
        services.snapshot_delete(snapshot=snapshot)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_copy")
        cursor.execute("CREATE TABLE bench_raw_copy (" + ", ".join(f"{c.lower()} text" for c in HEADER) + ")")
        t = time.perf_counter()
        with open(csv_path, "rb") as fh, cursor.cursor.copy(
                "COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            while block := fh.read(1 << 20):
                copy.write(block)
        raw = time.perf_counter() - t
        cursor.execute("DROP TABLE bench_raw_copy")

    t = time.perf_counter()
    snapshot = services.snapshot_create(extract_date=dt.date(2025, 6, 30), label="bench", path=csv_path)
    snapshot = services.snapshot_load(snapshot_id=snapshot.id)
    full = time.perf_counter() - t
    assert snapshot.status == Snapshot.Status.READY, snapshot.message
    print(f"file: {args.rows:,} rows, {size_mb:.0f} MB")
    print(f"raw COPY into a bare table: {raw:6.2f} s")
    print(f"full snapshot load:         {full:6.2f} s  ({snapshot.loaded_count:,} loaded, "
          f"{snapshot.refused_count:,} refused)")
    print(f"ratio: {full / raw:.2f}x (target <= 2.00x)")


if __name__ == "__main__":
    main()
