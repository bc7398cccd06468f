"""The notices' tasks: thin, each imports its service inside (no import cycle)."""

from uep.tasks import task


@task
def notices_send_task(notice_ids: list[int]) -> int:
    from notices.services.sending import notice_send

    return sum(notice_send(notice_id=i) == "sent" for i in notice_ids)


@task
def notices_sweep_task() -> int:
    """Periodic (celery beat): hand every notice due now to a worker, in small tasks."""
    from django.conf import settings

    from notices.services.sending import notices_to_send

    ids = notices_to_send()
    size = settings.NOTICE_TASK_SIZE
    for start in range(0, len(ids), size):
        notices_send_task.delay(ids[start:start + size])
    return len(ids)
