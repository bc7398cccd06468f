"""Thin Celery wrappers; late acknowledgement, so a task killed in the middle runs again."""

import os

from celery import shared_task

from verification import services


@shared_task(acks_late=True)
def snapshot_load_task(snapshot_id: int) -> int:
    return services.snapshot_load(snapshot_id=snapshot_id).loaded_count


@shared_task(acks_late=True)
def verification_chunk_task(chunk_id: int) -> int:
    # Tests only: hold the chunk's transaction open, so that a worker can be killed inside it.
    pause = float(os.environ.get("VERIFICATION_TEST_CHUNK_PAUSE", "0") or 0)
    try:
        return services.verification_chunk_run(chunk_id=chunk_id, pause_seconds=pause)
    except Exception as exc:
        from verification.models import VerificationChunk

        job_id = VerificationChunk.objects.filter(id=chunk_id).values_list("job_id", flat=True).first()
        if job_id:
            services.verification_job_fail(job_id=job_id, message=f"{exc.__class__.__name__}: {exc}")
        raise
