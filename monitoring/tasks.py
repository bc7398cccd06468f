from uep.tasks import task


@task
def rounds_schedule() -> int:
    """The nightly beat job: every handed-over family gets its visits due in each round."""
    from monitoring.schedule import rounds_schedule as schedule

    return schedule()


def _report_failed(report_id: int, *, message: str) -> None:
    from monitoring.models import Report

    Report.objects.filter(id=report_id).update(status=Report.Status.FAILED, message=message)


@task(fail=_report_failed)
def report_build(report_id: int) -> None:
    from monitoring.report import report_build as build

    build(report_id=report_id)


@task
def graduations_compute() -> int:
    """The nightly beat job: record the families that graduated by today, in every year."""
    from monitoring.graduation import graduations_compute as compute
    from monitoring.schedule import wita_today

    return compute(today=wita_today())
