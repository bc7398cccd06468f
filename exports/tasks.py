import logging

from django.utils.translation import gettext as _

from uep.tasks import task

logger = logging.getLogger(__name__)

BROKER_DOWN = _("Antrean proses latar belakang (Redis) tidak dapat dihubungi, jadi berkas ini tidak dibuat. "
                "Coba lagi beberapa menit lagi; bila terulang, hubungi administrator.")


def _failed(job_id: int, *, message: str) -> None:
    from exports.services import job_fail

    job_fail(job_id=job_id, message=message)


@task(fail=_failed)
def job_make_task(job_id: int) -> None:
    from exports.services import job_make

    job_make(job_id=job_id)


def job_send(job) -> bool:
    """Send a job to a worker (whoever asked for it calls this after the service). With the broker
    down the job is failed at once with a message saying so, instead of a 500 and a job queued forever."""
    try:
        job_make_task.delay(job.id)
    except Exception:  # noqa: BLE001 - whatever kept the task from the broker, the user is told
        logger.exception("job %s: the broker did not take the task", job.id)
        _failed(job.id, message=BROKER_DOWN)
        return False
    return True


@task
def jobs_sweep_task() -> list[int]:
    """Every JOB_SWEEP_SECONDS: send again every job that lost its worker."""
    from exports.services import jobs_to_send

    ids = jobs_to_send()
    for job_id in ids:
        job_make_task.delay(job_id)
    return ids
