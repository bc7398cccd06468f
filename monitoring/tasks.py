from uep.tasks import task


@task
def rounds_schedule() -> int:
    """The nightly beat job: every handed-over family gets its visits due in each round."""
    from monitoring.services.rounds import rounds_schedule as schedule

    return schedule()


@task
def graduations_compute() -> int:
    """The nightly beat job: record the families that graduated by today, in every year."""
    from monitoring.schedule import wita_today
    from monitoring.services.graduation import graduations_compute as compute

    return compute(today=wita_today())


@task
def visit_notices_task() -> int:
    """Daily (celery beat, 06:40 WITA): tell the families whose monitoring visit falls due soon."""
    from monitoring.schedule import wita_today
    from monitoring.services.rounds import visit_notices_write

    return visit_notices_write(today=wita_today())
