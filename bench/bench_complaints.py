"""Benchmark: the complaints' beat job and monthly table at 100,000 complaints over a year in the 10 areas.

- The escalation job (``grievances_escalate``) taking every breached complaint one step up (about 10,000:
  one INSERT of the event and one UPDATE per complaint, in batches of 500 under SKIP LOCKED), then its second
  run (nothing to do: the idempotent case beat meets every hour). Baseline, same run: one set-based
  ``UPDATE ... SET level = level + 1`` of the same rows, rolled back (the floor of any per-row design).
- The monthly table for the province (one GROUP BY with a median, median of 5 runs) and for one area. Baseline,
  same run: ``SELECT count(*)`` of the month's complaints.

Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_complaints .venv/bin/python bench/bench_complaints.py
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401

TOTAL = 100_000
NOW = dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def setup():
    import subprocess

    subprocess.run([sys.executable, str(_env.ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def grow():
    """100,000 complaints received through 2026, set-based; those of the last weeks still open, a tenth of them
    past their holder's deadline at NOW."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM grievances_grievance WHERE code LIKE 'B%%'")
        if c.fetchone()[0] >= TOTAL:
            c.execute("DELETE FROM grievances_escalation")  # a rerun starts from the same state
            c.execute("ALTER TABLE grievances_escalation DISABLE TRIGGER USER")
            return
        c.execute("""
            INSERT INTO grievances_grievance (code, category, channel, kabupaten_id, description, complainant_name,
                complainant_phone, status, resolution, received_at, updated_at, acknowledge_due_at, resolve_due_at,
                acknowledged_at, closed_at, level, level_due_at)
            SELECT 'B' || lpad(n::text, 9, '0'), (ARRAY['goods','selection','training','conduct'])[1 + n %% 4], 'web',
                   (SELECT id FROM regions_kabupaten ORDER BY code OFFSET n %% 10 LIMIT 1), 'x', '', '',
                   CASE WHEN n %% 10 = 0 OR r > %(open_from)s THEN 'in_progress' ELSE 'resolved' END, '', r, r,
                   r + interval '2 days', r + interval '14 days',
                   CASE WHEN n %% 3 = 0 THEN NULL ELSE r + interval '20 hours' END,
                   CASE WHEN n %% 10 = 0 OR r > %(open_from)s THEN NULL ELSE r + (n %% 20) * interval '1 day' END,
                   0, r + interval '14 days'
            FROM (SELECT n, timestamptz '2026-01-01 00:00+08' + (n * interval '1 second' * 315) AS r
                  FROM generate_series(1, %(total)s) n) s
        """, {"total": TOTAL, "open_from": NOW - dt.timedelta(days=30)})
        c.execute("ANALYZE grievances_grievance")


def timed(fn, repeat=1):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    setup()
    grow()
    from django.db import connection, transaction

    from accounts.models import Role, User

    from grievances.reports import monthly_table, month_bounds
    from grievances.services.escalation import breached, grievances_escalate
    from regions.models import Kabupaten, Province

    with connection.cursor() as c:
        c.execute("ALTER TABLE grievances_escalation ENABLE TRIGGER USER")
    waiting = breached(NOW).count()

    def plain_update():
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute("UPDATE grievances_grievance SET level = level + 1 WHERE status IN ('received', "
                          "'in_progress') AND level_due_at <= %s AND level < 2", [NOW])
                count = c.rowcount
            transaction.set_rollback(True)
        return count

    base, base_rows = timed(plain_update)
    first, steps = timed(lambda: grievances_escalate(now=NOW))
    second, again = timed(lambda: grievances_escalate(now=NOW))
    print(f"escalation: {steps:,} breached of {TOTAL:,} complaints: first run {first * 1000:,.0f} ms "
          f"({first / max(steps, 1) * 1e6:,.0f} us per complaint); second run {again} steps in {second * 1000:,.0f} ms")
    print(f"  baseline: one set-based UPDATE of the same {base_rows:,} rows {base * 1000:,.0f} ms "
          f"(waiting before the run: {waiting:,})")

    province, _ = User.objects.get_or_create(username="bench_complaints", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    officer, _ = User.objects.get_or_create(username="bench_complaints_smd", defaults={
        "role": Role.OFFICER, "kabupaten": Kabupaten.objects.get(code="64.72")})
    start, end = month_bounds(2026, 11)

    def count_month():
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM grievances_grievance WHERE received_at >= %s AND received_at < %s",
                      [start, end])
            return c.fetchone()[0]

    base, month_rows = timed(count_month, 5)
    whole, (rows, total) = timed(lambda: monthly_table(user=province, year=2026, month=11), 5)
    area, _ = timed(lambda: monthly_table(user=officer, year=2026, month=11), 5)
    print(f"monthly table, November 2026 ({total.received:,} complaints): province {whole * 1000:,.1f} ms, "
          f"one area {area * 1000:,.1f} ms (median of 5)")
    print(f"  baseline: count(*) of the month's {month_rows:,} complaints {base * 1000:,.1f} ms")
    with connection.cursor() as c:  # leave the scratch data as it was for the next run
        c.execute("ALTER TABLE grievances_escalation DISABLE TRIGGER USER")
        c.execute("DELETE FROM grievances_escalation")
        c.execute("UPDATE grievances_grievance SET level = 0, level_due_at = received_at + interval '14 days' "
                  "WHERE code LIKE 'B%%'")
        c.execute("ALTER TABLE grievances_escalation ENABLE TRIGGER USER")


if __name__ == "__main__":
    main()
