"""The verification app's tasks: thin, each imports its service inside (no import cycle)."""

from uep.tasks import task


def _snapshot_failed(snapshot_id: int, *, message: str) -> None:
    from verification.services.snapshots import snapshot_fail

    snapshot_fail(snapshot_id=snapshot_id, message=message)


@task(fail=_snapshot_failed)
def snapshot_load_task(snapshot_id: int) -> int:
    from verification.services.snapshots import snapshot_load

    return snapshot_load(snapshot_id=snapshot_id).loaded_count


def _chunk_failed(chunk_id: int, *, message: str) -> None:
    from verification.services.batch import verification_chunk_fail

    verification_chunk_fail(chunk_id=chunk_id, message=message)


@task(fail=_chunk_failed)
def verification_chunk_task(chunk_id: int) -> int:
    from verification.services.batch import verification_chunk_run

    return verification_chunk_run(chunk_id=chunk_id)


def _send_chunks(*, job_id: int | None = None) -> int:
    from verification.services.batch import chunks_to_send

    ids = chunks_to_send(job_id=job_id)
    for chunk_id in ids:
        verification_chunk_task.delay(chunk_id)
    return len(ids)


@task
def verification_send_task(job_id: int) -> int:
    """Send one task per chunk of a job just started or resumed."""
    return _send_chunks(job_id=job_id)


@task
def verification_sweep_task() -> int:
    """Periodic (celery beat): send again every chunk whose worker was lost."""
    return _send_chunks()
