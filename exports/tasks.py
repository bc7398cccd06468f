from uep.tasks import task


def _failed(job_id: int, *, message: str) -> None:
    from exports.services import job_fail

    job_fail(job_id=job_id, message=message)


@task(fail=_failed)
def job_make_task(job_id: int) -> None:
    from exports.services import job_make

    job_make(job_id=job_id)


@task
def jobs_sweep_task() -> list[int]:
    from exports.services import jobs_sweep

    return jobs_sweep()
