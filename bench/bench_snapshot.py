"""Snapshot load: 1,000,000 rows against a raw COPY of the same file into a bare table, same run.

Target: the full load (typed COPY into the partition, set-based checks, index, attach,
statistics) takes at most twice the raw COPY. Run: .venv/bin/python bench/bench_snapshot.py [--rows N]
Uses its own database (BENCH_DATABASE_URL, default uep_bench); the CSV is cached in bench/out/.
"""

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time

from _env import ROOT  # noqa: E402 - sets up the path and the scratch database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "ensure_database.py")], check=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from verification.services import snapshots
    from verification.models import Snapshot
    from verification.synthetic import HEADER, generate_snapshot_file

    call_command("migrate", verbosity=0)
    csv_path = ROOT / "bench" / "out" / f"snapshot_{args.rows}.csv"
    if not csv_path.exists():
        t = time.perf_counter()
        generate_snapshot_file(rows=args.rows, out=csv_path)
        print(f"generated {csv_path.name} in {time.perf_counter() - t:.1f} s")
    size_mb = csv_path.stat().st_size / 1e6

    def raw_copy() -> float:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_raw_copy")
            cursor.execute("CREATE TABLE bench_raw_copy (" + ", ".join(f"{c.lower()} text" for c in HEADER) + ")")
            t = time.perf_counter()
            with open(csv_path, "rb") as fh, cursor.cursor.copy(
                    "COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                while block := fh.read(1 << 20):
                    copy.write(block)
            elapsed = time.perf_counter() - t
            cursor.execute("DROP TABLE bench_raw_copy")
        return elapsed

    def clean_slate() -> None:
        # The records table without earlier bench loads, so that each load writes into similar space.
        for old in Snapshot.objects.filter(jobs__isnull=True):
            snapshots.snapshot_delete(snapshot=old)

    def full_load() -> tuple[float, Snapshot]:
        t = time.perf_counter()
        snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), label="bench", path=csv_path)
        snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
        elapsed = time.perf_counter() - t
        assert snapshot.status == Snapshot.Status.READY, snapshot.message
        return elapsed, snapshot

    print(f"file: {args.rows:,} rows, {size_mb:.0f} MB")
    # The machine is noisy: raw COPY and the full load alternate, and the median of the ratios is the figure.
    ratios = []
    for run in range(1, args.repeat + 1):
        clean_slate()
        raw = raw_copy()
        full, snapshot = full_load()
        ratios.append(full / raw)
        print(f"run {run}: raw COPY into a bare table {raw:5.2f} s, full snapshot load {full:5.2f} s "
              f"({snapshot.loaded_count:,} loaded, {snapshot.refused_count:,} refused): {full / raw:.2f}x")
    print(f"ratio, median of {len(ratios)}: {statistics.median(ratios):.2f}x (target <= 2.00x)")

    # Not a target: one value COPY cannot read (an Excel-mangled NIK, here on the last line, the
    # worst place) makes the load copy the file again around it. Measured so its cost is known.
    bad_path = csv_path.with_name(f"snapshot_{args.rows}_one_bad_row.csv")
    if not bad_path.exists():
        with open(csv_path, "rb") as src, open(bad_path, "wb") as dst:
            while block := src.read(1 << 20):
                dst.write(block)
            dst.write(b"DTKSBAD,6.47203E+15,6472030411246619,Siti Bad,P,1974-02-07,64.72,Samarinda Ulu,Sidodadi,4\n")
    csv_path = bad_path
    clean_slate()
    full, snapshot = full_load()
    print(f"same file plus one unreadable NIK: {full:5.2f} s ({snapshot.loaded_count:,} loaded, "
          f"{snapshot.refused_count:,} refused)")


if __name__ == "__main__":
    main()
