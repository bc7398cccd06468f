"""Named PostgreSQL advisory locks: every lock of the project, with its key scheme, in one place.

Transaction-level (``pg_advisory_xact_lock``): held until the surrounding transaction ends, so a
crash can never leave one behind. Keys are ``hashtext('uep.<name>:<parts>')``.
"""

from django.db import connection


def _lock(name: str, *parts) -> None:
    assert connection.in_atomic_block, "an advisory transaction lock only lives inside a transaction"
    key = ":".join(["uep." + name, *(str(p) for p in parts)])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def lock_quota_area(*, programme_year_id: int, kabupaten_id: int) -> None:
    """Every change of one area's places or of the people in them, for one year."""
    _lock("quota", programme_year_id, kabupaten_id)


def lock_proposals(*, programme_year_id: int) -> None:
    """Saving candidates of a year: a NIK is proposed once a year across every area."""
    _lock("proposals", programme_year_id)


def lock_stock(*, kabupaten_id: int, item_id: int) -> None:
    """Moves of one item's stock in one kabupaten/kota: on-hand is counted, then written."""
    _lock("stock", kabupaten_id, item_id)


def lock_facilitator(*, facilitator_id: int) -> None:
    """Assigning families to one pendamping: their count is checked, then written."""
    _lock("facilitator", facilitator_id)


def lock_allocation(*, contract_id: int, kabupaten_id: int) -> None:
    """Deliveries of one contract into one kabupaten/kota, and changes of its allocation there: what was
    delivered is counted against the allocation, then written."""
    _lock("allocation", contract_id, kabupaten_id)


def lock_cohort_area(*, kabupaten_id: int) -> None:
    """Rewriting one area's rows of the cohort summary (monitoring/services/cohorts.py): deleted, then inserted."""
    _lock("cohort", kabupaten_id)


def lock_family_times(*, candidate_id: int | None) -> None:
    """Rewriting a family's row of ``monitoring.FamilyTimes`` (``None``: every family's, which waits for
    the single ones and holds them off): read from the visits, then written."""
    with connection.cursor() as cursor:
        if candidate_id is None:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('uep.family_times'))")
            return
        cursor.execute("SELECT pg_advisory_xact_lock_shared(hashtext('uep.family_times'))")
    _lock("family_times", candidate_id)


# Session-level, the one exception: a background job holds it for the whole run while it writes its
# progress in short transactions the page can read. It is released in ``finally``, and by
# PostgreSQL when a killed worker's connection closes, so a crash still leaves none behind.
def _job_key(job_id: int) -> str:
    return f"uep.job:{job_id}"


def job_hold(*, job_id: int) -> bool:
    """Take the job for this worker; False when another worker is making it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [_job_key(job_id)])
        return cursor.fetchone()[0]


def job_release(*, job_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [_job_key(job_id)])


def job_held_sql(column: str) -> str:
    """SQL true when a worker holds the job whose id is ``column`` (the sweep's and Stop's test):
    taking the transaction-level lock fails only while a session holds the job's lock."""
    return f"NOT pg_try_advisory_xact_lock(hashtext('uep.job:' || {column}))"


# Session-level too: the worker handing one notice to the provider holds it from the claim to the
# recorded outcome; the sweep sends again a notice left "sending" that no session holds.
def _notice_key(notice_id: int) -> str:
    return f"uep.notice:{notice_id}"


def notice_hold(*, notice_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [_notice_key(notice_id)])
        return cursor.fetchone()[0]


def notice_release(*, notice_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [_notice_key(notice_id)])


def notice_held_sql(column: str) -> str:
    return f"NOT pg_try_advisory_xact_lock(hashtext('uep.notice:' || {column}))"
