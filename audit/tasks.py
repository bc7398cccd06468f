"""The nightly personal-data jobs (scheduled in ``CELERY_BEAT_SCHEDULE``); each run is idempotent."""

from dataclasses import asdict

from uep.tasks import task


@task
def files_sweep_task() -> dict:
    from audit.services.files import files_sweep

    return files_sweep()


@task
def personal_data_anonymise_task() -> dict:
    from audit.services.retention import personal_data_anonymise

    return asdict(personal_data_anonymise(dry_run=False))


@task
def snapshots_drop_task() -> dict:
    from audit.services.snapshots import snapshots_drop

    result = snapshots_drop()
    return {"dropped": list(result.dropped), "freed_bytes": sum(result.dropped.values()), "skipped": result.skipped}
