"""The goods' tasks: thin, each imports its service inside (no import cycle)."""

from uep.tasks import task


@task
def handover_reminders_task() -> int:
    """Daily (celery beat, 06:30 WITA): remind the families invited to a handover day 3 days ahead."""
    from django.utils import timezone

    from disbursements.services.handover import handover_reminders_write

    return handover_reminders_write(today=timezone.localdate())
