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
