"""An export's progress page, its state for the progress bar, and the download: its owner's only."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.models import DataAccess
from audit.services import data_access_record
from exports.models import ExportJob
from uep.formatting import angka

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _own_job(request, pk) -> ExportJob:
    return get_object_or_404(ExportJob.objects.filter(user=request.user), pk=pk)


def _message(job: ExportJob) -> str:
    if job.status == ExportJob.Status.DONE:
        return _("%(n)s baris siap diunduh.") % {"n": angka(job.row_count)}
    if job.status == ExportJob.Status.FAILED:
        return job.message or _("Ekspor gagal.")
    if job.total:
        return _("%(done)s dari %(total)s baris ditulis") % {"done": angka(job.row_count), "total": angka(job.total)}
    return job.get_status_display()


@login_required
@require_GET
def detail(request, pk):
    job = _own_job(request, pk)
    return render(request, "exports/detail.html", {"job": job, "message": _message(job)})


@login_required
@require_GET
def status(request, pk):
    job = _own_job(request, pk)
    return JsonResponse({"progress": job.progress, "done": job.finished, "message": _message(job),
                         "redirect": reverse("exports:detail", kwargs={"pk": job.pk}) if job.finished else ""})


@login_required
@require_GET
def download(request, pk):
    job = _own_job(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    data_access_record(user=request.user, action=DataAccess.Action.EXPORT,
                       subject=job.subject or job.get_kind_display(), kabupaten=job.kabupaten, row_count=job.row_count,
                       detail={"export": job.id, "full_nik": job.full_numbers, **job.params})
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=XLSX)
    response["Cache-Control"] = "no-store"
    return response
