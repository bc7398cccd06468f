"""Never over the quota: several browsers deciding at once, as real parallel PostgreSQL transactions."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from quotas import selectors
from quotas.services import decision, ledger
from recipients.models import Candidate, CandidateStatus as S

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]  # threads racing on real transactions


def run_together(jobs):
    """Start every job at the same moment, each in its own thread with its own database connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(i, job):
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", job())
        except ValidationError as exc:
            results[i] = ("refused", exc.messages[0])
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[i] = ("error", str(exc).replace("\n", " | "))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_parallel_single_decisions_fill_exactly_the_quota(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 5)
    candidates = eligible(samarinda, 12)
    provincial = users["provincial"]

    results = run_together([lambda c=c: decision.candidate_decide(candidate=c, user=provincial)
                            for c in candidates])

    outcomes = [r[0] for r in results]
    assert outcomes.count("ok") == 5, results
    assert outcomes.count("refused") == 7, results
    assert {r[1] for r in results if r[0] == "refused"} == {
        "Kuota Kota Samarinda 2025 sudah penuh: 5 dari 5 tempat terisi."}
    assert Candidate.objects.filter(kabupaten=samarinda, status=S.DECIDED).count() == 5


def test_parallel_bulk_decisions_fill_exactly_the_quota(programme_year, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 10)
    eligible(samarinda, 30)
    provincial = users["provincial"]

    results = run_together([lambda: decision.candidates_decide_bulk(
        programme_year=programme_year, kabupaten=samarinda, count=4, user=provincial) for _ in range(6)])

    # 4 + 4 fit in 10; after that 2 places are left, so every further batch of 4 is refused whole.
    assert [r[0] for r in results].count("ok") == 2, results
    assert all(r[0] in ("ok", "refused") for r in results), results
    assert selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda) == 8


def test_lowering_a_quota_while_deciding_never_leaves_more_decided_than_places(
        programme_year, plan, samarinda, set_quota, eligible, users):
    set_quota(samarinda, 6)
    candidates = eligible(samarinda, 6)
    provincial = users["provincial"]
    jobs = [lambda c=c: decision.candidate_decide(candidate=c, user=provincial) for c in candidates]
    jobs.append(lambda: ledger.quota_entry_add(programme_year=programme_year, kabupaten=samarinda, document=plan,
                                                 places=-3, reason="Pengurangan", user=provincial))

    results = run_together(jobs)

    assert all(r[0] in ("ok", "refused") for r in results), results
    quota = selectors.quota_of(programme_year=programme_year, kabupaten=samarinda)
    decided = selectors.occupied_count(programme_year=programme_year, kabupaten=samarinda)
    assert decided <= quota
    assert quota in (3, 6)
