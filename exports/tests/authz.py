"""A background file with full numbers is its owner's alone: everybody else, the province included, gets 404."""

from uep.tests.authz import Access, statuses

OWNER_ONLY = statuses(404, officer=200)
OWNER_ACTS = statuses(404, officer=302)


def world_extras(world):
    from django.core.files.base import ContentFile

    from exports.models import Job, JobFile

    job = Job.objects.create(user=world["users"]["officer"], kind="recipients.candidates", status=Job.Status.DONE,
                             done=1, total=1, full_numbers=True, subject="Daftar calon penerima (XLSX)")
    JobFile.objects.create(job=job, name="calon-penerima.xlsx", file=ContentFile(b"PK rahasia", name="calon.xlsx"))
    return {"job": job}


def job_kwargs(world):
    return {"pk": world["job"].pk}


MATRIX = {
    "exports:detail": Access(OWNER_ONLY, kwargs=job_kwargs),
    "exports:status": Access(OWNER_ONLY, kwargs=job_kwargs),
    "exports:download": Access(OWNER_ONLY, kwargs=lambda w: {"pk": w["job"].pk, "file_id": w["job"].files.get().pk}),
    "exports:resume": Access(OWNER_ACTS, method="post", kwargs=job_kwargs),
    "exports:stop": Access(OWNER_ACTS, method="post", kwargs=job_kwargs),
}
