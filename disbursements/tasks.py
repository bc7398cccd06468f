from uep.tasks import task


def _fail(job_id, *, message):
    from disbursements.printing import print_job_fail

    print_job_fail(job_id, message=message)


@task(fail=_fail)
def print_job_run(job_id: int) -> None:
    from disbursements.printing import print_job_make

    print_job_make(job_id=job_id)
