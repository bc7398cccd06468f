from regions.services import regions_load
from uep.tasks import task


@task
def regions_refresh() -> dict[str, int]:
    """Reload the reference regions from the shipped file (idempotent)."""
    return regions_load()
