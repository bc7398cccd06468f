from uep.tasks import task


def _failed(job_id: int, *, message: str) -> None:
    from exports.services import export_fail

    export_fail(job_id, message=message)


@task(fail=_failed)
def export_run_task(job_id: int) -> None:
    from exports.services import export_run

    export_run(job_id=job_id)
