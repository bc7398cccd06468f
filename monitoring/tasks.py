from uep.tasks import task


@task
def rounds_schedule() -> int:
    """The nightly beat job: every handed-over family gets its visits due in each round."""
    from monitoring.schedule import rounds_schedule as schedule

    return schedule()
