"""A background file's page, its state for the poller, its download, and Resume/Stop when it is stuck."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scoping import object_for
from audit.models import DataAccess
from audit.services.access import data_access_record
from exports import services
from exports.models import Job
from exports.registry import kind_for
from exports.tasks import job_send
from uep.formatting import angka


def _message(job: Job) -> str:
    if job.status == Job.Status.DONE:
        return _("%(n)s data selesai, siap diunduh.") % {"n": angka(job.done)} if job.done else _("Siap diunduh.")
    if job.finished:
        return job.message or job.get_status_display()
    if job.total:
        return _("%(done)s dari %(total)s selesai") % {"done": angka(job.done), "total": angka(job.total)}
    return job.get_status_display()


def _state(job: Job) -> dict:
    """The one progress contract every background page polls (static/js/progress.js)."""
    return {"status": job.status, "progress": job.percent, "done": job.finished, "message": _message(job),
            "stuck": services.job_is_stuck(job), "redirect": ""}


@login_required
@require_GET
def detail(request, pk):
    job = object_for(request.user, Job.objects.prefetch_related("files"), pk=pk)
    return render(request, "exports/detail.html", {
        "job": job, "state": _state(job), "may_manage": services.may_manage(user=request.user, job=job),
        "back": _back(job)})


def _back(job: Job) -> tuple[str, str] | None:
    """The page the job was asked from (url, label), for the back link."""
    back = kind_for(job.kind).back
    if back is None:
        return None
    try:
        name, kwargs, label = back(job)
        return reverse(name, kwargs=kwargs), label
    except (KeyError, NoReverseMatch):  # params of an older row
        return None


@login_required
@require_GET
def status(request, pk):
    return JsonResponse(_state(object_for(request.user, Job.objects, pk=pk)))


@login_required
@require_GET
def download(request, pk, file_id):
    job = object_for(request.user, Job.objects, pk=pk)
    job_file = job.files.filter(pk=file_id).first() if job.status == Job.Status.DONE else None
    if job_file is None:
        raise Http404
    if kind_for(job.kind).personal_data:
        data_access_record(user=request.user, action=DataAccess.Action.EXPORT, subject=job.subject or job.kind_label,
                           kabupaten=job.kabupaten, row_count=job.done,
                           detail={"job": job.id, "kind": job.kind, "file": job_file.name,
                                   "full_nik": job.full_numbers, **job.params})
    content_type = mimetypes.guess_type(job_file.name)[0] or "application/octet-stream"
    response = FileResponse(job_file.file.open("rb"), as_attachment=True, filename=job_file.name,
                            content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def _act(request, pk, act, done_message: str) -> tuple[Job, bool]:
    job = object_for(request.user, Job.objects, pk=pk)
    try:
        act(job=job, user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", None) or [str(error)]))
        return job, False
    messages.success(request, done_message)
    return job, True


@login_required
@require_POST
def resume(request, pk):
    job, resumed = _act(request, pk, services.job_resume, _("Berkas dikirim lagi ke antrean."))
    if resumed:
        job_send(job)
    return redirect(reverse("exports:detail", kwargs={"pk": job.pk}))


@login_required
@require_POST
def stop(request, pk):
    job, _stopped = _act(request, pk, services.job_stop, _("Pembuatan berkas dihentikan."))
    return redirect(reverse("exports:detail", kwargs={"pk": job.pk}))
