"""Pages of the desk and field verification; each starts from the user's scoped queryset."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import provincial_required, require_area
from exports.tasks import job_send
from programmes.years import programme_year_for
from recipients.models import Candidate
from regions.models import Kabupaten
from uep.formatting import angka
from uep.forms import add_service_error
from uep.keyset import COUNT_CAP, SEARCH_COUNT_CAP, keyset_page_for
from verification import selectors
from verification.forms import (
    FieldListFilterForm, FieldVisitForm, JobStartForm, PriorImportForm, SnapshotUploadForm,
)
from verification.jobs import results_export_start
from verification.loading import refusal_reasons
from verification.models import FieldVisitPhoto, PriorRecipient, Snapshot
from verification.services import batch, field_visits, snapshots
from verification.services.prior_recipients import prior_recipients_import
from verification.tasks import snapshot_load_task, verification_send_task

FIELD_PAGE_SIZE = 24
PAGE_SIZE = 50


@login_required
@require_GET
def index(request):
    jobs = Paginator(selectors.jobs_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "verification/index.html", {"jobs": jobs})


@provincial_required
@require_http_methods(["GET", "POST"])
def job_start(request):
    form = JobStartForm(request.POST or None, user=request.user, initial={"programme_year": programme_year_for(request)})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                job = batch.verification_job_start(
                    programme_year=form.cleaned_data["programme_year"], snapshot=form.cleaned_data["snapshot"],
                    kabupaten=form.cleaned_data["kabupaten"], reverify=form.cleaned_data["reverify"],
                    user=request.user)
                verification_send_task.delay(job.id)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return redirect("verification:job_detail", pk=job.pk)
    return render(request, "verification/job_start.html", {"form": form})


@login_required
@require_GET
def job_detail(request, pk):
    job = get_object_or_404(selectors.jobs_visible_to(request.user), pk=pk)
    summary = selectors.job_summary(job=job, user=request.user) if job.status == job.Status.DONE else []
    return render(request, "verification/job_detail.html", {"job": job, "summary": summary})


@login_required
@require_GET
def job_progress(request, pk):
    job = get_object_or_404(selectors.jobs_visible_to(request.user), pk=pk)
    finished = not job.is_active
    return JsonResponse({
        "progress": job.progress, "done": finished,
        "message": _("%(done)s dari %(total)s calon diverifikasi") % {"done": angka(job.done_count), "total": angka(job.total)},
        "redirect": reverse("verification:job_detail", kwargs={"pk": job.pk}) if finished else "",
    })


@provincial_required
@require_POST
def job_resume(request, pk):
    """Send a stuck (or failed) job's unfinished chunks to the workers again."""
    job = get_object_or_404(selectors.jobs_visible_to(request.user), pk=pk)
    try:
        with transaction.atomic():
            batch.verification_job_resume(job=job, user=request.user)
            verification_send_task.delay(job.id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Verifikasi #%(pk)s dilanjutkan.") % {"pk": job.pk})
    return redirect("verification:job_detail", pk=job.pk)


@provincial_required
@require_POST
def job_cancel(request, pk):
    """Stop a job; what was verified stays, and a new batch may start for the year."""
    job = get_object_or_404(selectors.jobs_visible_to(request.user), pk=pk)
    try:
        batch.verification_job_cancel(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Verifikasi #%(pk)s dibatalkan.") % {"pk": job.pk})
    return redirect("verification:job_detail", pk=job.pk)


@login_required
@require_GET
def job_export(request, pk):
    """The results of the user's area (or one kabupaten/kota for the province), to mend the list;
    written by a worker into a file (a 100,000-candidate job took 23 s in the request)."""
    job = get_object_or_404(selectors.jobs_visible_to(request.user), pk=pk)
    area = request.GET.get("kabupaten", "")
    if area:
        if not area.isdigit() or len(area) > 9:
            raise Http404
        results = selectors.job_results_visible_to(request.user, job=job)
        area = get_object_or_404(Kabupaten.objects.filter(id__in=results.values("candidate__kabupaten")), pk=area)
    export = results_export_start(user=request.user, job=job, kabupaten=area or None)
    job_send(export)
    return redirect("exports:detail", pk=export.pk)


@provincial_required
@require_http_methods(["GET", "POST"])
def snapshot_list(request):
    form = SnapshotUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            snapshot = snapshots.snapshot_create(extract_date=form.cleaned_data["extract_date"],
                                                 label=form.cleaned_data["label"], upload=form.cleaned_data["file"],
                                                 user=request.user)
            snapshot_load_task.delay(snapshot.id)
        return redirect("verification:snapshot_detail", pk=snapshot.pk)
    return render(request, "verification/snapshot_list.html",
                  {"form": form, "snapshots": Paginator(Snapshot.objects.select_related("loaded_by"), PAGE_SIZE)
                   .get_page(request.GET.get("page"))})


@provincial_required
@require_GET
def snapshot_detail(request, pk):
    snapshot = get_object_or_404(Snapshot, pk=pk)
    reasons = refusal_reasons()
    refusals = [(r["row"], reasons.get(r["reason"], r["reason"])) for r in snapshot.refusals]
    return render(request, "verification/snapshot_detail.html", {"snapshot": snapshot, "refusals": refusals})


@provincial_required
@require_GET
def snapshot_progress(request, pk):
    snapshot = get_object_or_404(Snapshot, pk=pk)
    finished = snapshot.status in (Snapshot.Status.READY, Snapshot.Status.FAILED, Snapshot.Status.DROPPED)
    return JsonResponse({"progress": snapshot.progress, "done": finished, "message": snapshot.message,
                         "redirect": reverse("verification:snapshot_detail", kwargs={"pk": pk}) if finished else ""})


@provincial_required
@require_http_methods(["GET", "POST"])
def prior_import(request):
    form = PriorImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = prior_recipients_import(name=upload.name, content=upload.read(),
                                         source=form.cleaned_data["source"], user=request.user)
        messages.success(request, _("%(n)s penerima terdahulu diimpor, %(s)s sudah ada, %(r)s baris ditolak.")
                         % {"n": result["created"], "s": result["skipped"], "r": len(result["refusals"])})
    counts = PriorRecipient.objects.values("scheme", "year").order_by("-year", "scheme")
    from django.db.models import Count

    return render(request, "verification/prior_import.html",
                  {"form": form, "result": result, "counts": counts.annotate(n=Count("id"))})


@login_required
@require_GET
def field_list(request):
    """Everyone waiting for a visit, paged, with a total, a search and area filters."""
    form = FieldListFilterForm(request.GET or None, user=request.user)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    filters["programme_year"] = programme_year_for(request)
    page = keyset_page_for(request, selectors.candidates_awaiting_field_visit(request.user, filters=filters),
                           keys=("id",), page_size=FIELD_PAGE_SIZE, salt="verification.field_list",
                           cap=SEARCH_COUNT_CAP if filters.get("q") else COUNT_CAP)
    visits = selectors.field_visits_visible_to(request.user)[:20]
    return render(request, "verification/field_list.html", {"form": form, "page": page, "visits": visits,
                                                            "filtered": bool(request.GET.get("q") or
                                                                             request.GET.get("kecamatan") or
                                                                             request.GET.get("kabupaten"))})


@login_required
@require_http_methods(["GET", "POST"])
def field_visit(request, pk):
    candidate = get_object_or_404(Candidate.objects.visible_to(request.user).select_related("person", "kabupaten"),
                                  pk=pk)
    require_area(request.user, candidate.kabupaten_id)
    form = FieldVisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            field_visits.field_visit_record(candidate=candidate, user=request.user,
                                            photos=form.cleaned_data["photos"], **{f: form.cleaned_data[f] for f in FieldVisitForm.Meta.fields})
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Verifikasi lapangan %(name)s tersimpan.") % {"name": candidate.name})
            return redirect("verification:field_list")
    visits = selectors.field_visits_visible_to(request.user).filter(candidate=candidate).prefetch_related("photos")
    return render(request, "verification/field_visit.html", {"candidate": candidate, "form": form, "visits": visits})


@login_required
@require_GET
def visit_photo(request, pk):
    photo = get_object_or_404(FieldVisitPhoto.objects.visible_to(request.user), pk=pk)
    return FileResponse(photo.image.open("rb"))
