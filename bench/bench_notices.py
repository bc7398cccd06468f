"""Benchmark: the notices of a 1,680-recipient handover day (the whole 2025 programme's size).

Measured (median of three, each in a transaction rolled back afterwards, so every run starts from the
same data):
- the invitation in one action (``handover_invite``) with its notices, as shipped;
- the outbox write alone: one INSERT ... SELECT of 1,680 notices (``notices_for_candidates``);
- baseline in the same run: the same 1,680 notices written one by one (``notice_write`` per recipient),
  what a per-row hook would cost;
- sending them through the file adapter inline (``notice_send`` per notice: lock, claim, send, record).

Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_invite .venv/bin/python bench/bench_notices.py
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401
import bench_invite  # noqa: E402

RUNS = 3


class Rollback(Exception):
    pass


def timed(act) -> tuple[float, int]:
    from django.db import transaction

    from notices.models import Notice

    start = time.perf_counter()
    try:
        with transaction.atomic():
            act()
            elapsed = time.perf_counter() - start
            count = Notice.objects.filter(candidate__programme_year_id=2091).count()
            raise Rollback
    except Rollback:
        pass
    return elapsed, count


def recipients():
    from recipients.models import Candidate

    return Candidate.objects.filter(programme_year_id=2091, status="decided")


def outbox_set_based(day):
    from notices.models import Kind
    from notices.services.outbox import notices_for_candidates

    notices_for_candidates(kind=Kind.HANDOVER_INVITED, event=f"bench{day.id}", candidates=recipients(), text="x")


def outbox_row_by_row(day):
    from notices.models import Kind
    from notices.services.outbox import notice_write

    for c in recipients().values("pk", "kabupaten_id", "phone"):
        notice_write(kind=Kind.HANDOVER_INVITED, event=f"bench{day.id}:c{c['pk']}", kabupaten_id=c["kabupaten_id"],
                     phone=c["phone"], text="x", candidate_id=c["pk"])


def send_all(day):
    from notices.services.sending import notice_send, notices_to_send

    outbox_set_based(day)
    for notice_id in notices_to_send():
        notice_send(notice_id=notice_id)


def main():
    bench_invite.setup()
    from django.conf import settings

    day, user = bench_invite.world()
    recipients().update(phone="081234567890")
    settings.NOTICE_QUIET_FROM = settings.NOTICE_QUIET_UNTIL = 0
    settings.NOTICE_PROVIDER, settings.NOTICE_FILE_DIR = "file", tempfile.mkdtemp(prefix="bench-notices-")
    results = {}
    for name, act in (("invite + notices (one action)", lambda: bench_invite.one_action(day, user)),
                      ("outbox INSERT ... SELECT", lambda: outbox_set_based(day)),
                      ("outbox row by row (baseline)", lambda: outbox_row_by_row(day)),
                      ("send all (file adapter)", lambda: send_all(day))):
        runs = [timed(act) for _ in range(RUNS)]
        assert all(count == bench_invite.RECIPIENTS for _t, count in runs), (name, runs)
        results[name] = statistics.median(t for t, _c in runs)
    for name, seconds in results.items():
        print(f"{name:<32} {bench_invite.RECIPIENTS:,} notices: {seconds * 1000:8.0f} ms".replace(",", "."))


if __name__ == "__main__":
    main()
