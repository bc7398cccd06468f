from celery import shared_task

from regions.services import regions_load


@shared_task(acks_late=True)
def regions_refresh() -> dict[str, int]:
    """Reload the reference regions from the shipped file (idempotent)."""
    return regions_load()
