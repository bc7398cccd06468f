"""An export is its owner's alone: everybody else, the province included, gets 404."""

from uep.tests.authz import Access, statuses

OWNER_ONLY = statuses(404, officer=200)


def world_extras(world):
    from django.core.files.base import ContentFile

    from exports.models import ExportJob

    job = ExportJob.objects.create(user=world["users"]["officer"], kind=ExportJob.Kind.CANDIDATES,
                                   status=ExportJob.Status.DONE, progress=100, row_count=1, full_numbers=True,
                                   filename="calon-penerima.xlsx", subject="Daftar calon penerima (XLSX)")
    job.file.save("calon-penerima.xlsx", ContentFile(b"PK rahasia"), save=True)
    return {"export": job}


def export_kwargs(world):
    return {"pk": world["export"].pk}


MATRIX = {
    "exports:detail": Access(OWNER_ONLY, kwargs=export_kwargs),
    "exports:status": Access(OWNER_ONLY, kwargs=export_kwargs),
    "exports:download": Access(OWNER_ONLY, kwargs=export_kwargs),
}
