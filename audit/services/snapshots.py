"""Registry snapshots kept and dropped.

A whole province's DTSEN extract is about 670 MB on disk with its index (4,000,000 rows) and a new
one comes every few months, so the ones nothing rests on any more are detached and dropped
(``manage.py drop_snapshots``, nightly on Celery beat). A snapshot is kept while:
- it is among the newest ``SNAPSHOT_KEEP_LATEST`` ready ones (the next verification uses the newest);
- a verification against it is queued or running;
- a decision rests on it: it is the snapshot of the latest desk verification of a candidate who
  passed it (awaiting the field visit or the decision, decided, on the reserve list, trained or
  handed over): the decision ranked them by that snapshot's desil (``Candidate.desil_dtks``);
- a desil-movement figure rests on it: for each programme year with handovers, the newest snapshot
  after its first handover, the one the monitoring pages, the yearly report and the target page
  compare against (``monitoring.selectors.snapshots_after_handover``).
A dropped snapshot keeps its row (status "Dihapus", its counts, the verifications that name it);
its rows leave the database. The verification results keep what the rules saw (registry desil,
name, kabupaten) in their ``facts``, so a refusal is still explained after the drop.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from monitoring.selectors import snapshots_after_handover
from programmes.models import ProgrammeYear
from recipients.lifecycle import PASSED_DESK
from recipients.models import CandidateStatus
from verification import loading
from verification.models import Snapshot, VerificationJob

log = logging.getLogger(__name__)

ACTIVE_JOBS = (VerificationJob.Status.QUEUED, VerificationJob.Status.RUNNING)
# Why a snapshot is kept, as the command prints it.
NEWEST, VERIFYING, DECISION, DESIL_MOVEMENT = ("newest", "verification running", "decision",
                                              "desil movement")


@dataclass
class SnapshotsDrop:
    kept: dict[int, list[str]] = field(default_factory=dict)  # snapshot id -> why
    dropped: dict[int, int] = field(default_factory=dict)  # snapshot id -> bytes freed (or to free)
    skipped: list[int] = field(default_factory=list)  # busy now (a lock not granted): next run


# The snapshot of each candidate's latest desk verification, for the candidates who passed it.
DECISION_SNAPSHOTS = """
SELECT DISTINCT j.snapshot_id
FROM recipients_candidate c
CROSS JOIN LATERAL (
  SELECT r.job_id FROM verification_verificationresult r WHERE r.candidate_id = c.id ORDER BY r.job_id DESC LIMIT 1
) latest
JOIN verification_verificationjob j ON j.id = latest.job_id
WHERE c.status = ANY(%s)
"""


def snapshots_kept(*, keep_latest: int) -> dict[int, list[str]]:
    """Every snapshot that must stay, with the reasons."""
    kept: dict[int, set[str]] = defaultdict(set)
    ready = Snapshot.objects.filter(status=Snapshot.Status.READY)
    for snapshot_id in ready.order_by("-extract_date", "-id").values_list("id", flat=True)[:keep_latest]:
        kept[snapshot_id].add(NEWEST)
    for snapshot_id in VerificationJob.objects.filter(status__in=ACTIVE_JOBS).values_list("snapshot_id", flat=True):
        kept[snapshot_id].add(VERIFYING)
    with connection.cursor() as cursor:
        cursor.execute(DECISION_SNAPSHOTS, [[str(status) for status in PASSED_DESK]])
        for (snapshot_id,) in cursor.fetchall():
            kept[snapshot_id].add(DECISION)
    handed_over = ProgrammeYear.objects.filter(candidates__status=CandidateStatus.HANDED_OVER).distinct()
    for year in handed_over:
        newest = snapshots_after_handover(programme_year=year).order_by("-extract_date", "-id").first()
        if newest is not None:
            kept[newest.id].add(DESIL_MOVEMENT)
    return {snapshot_id: sorted(reasons) for snapshot_id, reasons in kept.items()}


def snapshots_drop(*, keep_latest: int | None = None, dry_run: bool = False) -> SnapshotsDrop:
    """Detach and drop the partition of every ready snapshot nothing rests on; idempotent."""
    keep_latest = settings.SNAPSHOT_KEEP_LATEST if keep_latest is None else keep_latest
    result = SnapshotsDrop(kept=snapshots_kept(keep_latest=keep_latest))
    unused = (Snapshot.objects.filter(status=Snapshot.Status.READY).exclude(id__in=result.kept)
              .order_by("extract_date", "id").values_list("id", flat=True))
    for snapshot_id in unused:
        if dry_run:
            result.dropped[snapshot_id] = _partition_bytes(snapshot_id)
            continue
        try:
            freed = _snapshot_drop(snapshot_id=snapshot_id)
        except DatabaseError:  # the registry busy past the lock timeout: the next run takes it
            result.skipped.append(snapshot_id)
            continue
        if freed is not None:
            result.dropped[snapshot_id] = freed
            log.info("snapshot %s dropped, %s bytes freed", snapshot_id, freed)
    return result


def _partition_bytes(snapshot_id: int) -> int:
    with connection.cursor() as cursor:
        return loading.snapshot_bytes(cursor, snapshot_id)


def _snapshot_drop(*, snapshot_id: int) -> int | None:
    """One snapshot, in one transaction under its row lock: ``verification_job_start`` takes the
    same lock, so no verification can start against a snapshot while its rows go."""
    with transaction.atomic():
        snapshot = Snapshot.objects.select_for_update().filter(id=snapshot_id, status=Snapshot.Status.READY).first()
        if snapshot is None or VerificationJob.objects.filter(snapshot_id=snapshot_id, status__in=ACTIVE_JOBS).exists():
            return None
        freed = _partition_bytes(snapshot_id)
        table = loading.partition_name(snapshot_id)
        with connection.cursor() as cursor:
            # DETACH locks the whole registry: wait a little for a running verification, never long.
            cursor.execute("SET LOCAL lock_timeout = '10s'")
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if cursor.fetchone()[0]:
                cursor.execute(f"ALTER TABLE verification_registryrecord DETACH PARTITION {table}")
                cursor.execute(f"DROP TABLE {table}")  # and its province tables
        Snapshot.objects.filter(id=snapshot_id).update(status=Snapshot.Status.DROPPED, dropped_at=timezone.now())
    return freed
