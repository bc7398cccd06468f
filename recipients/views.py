from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import may_see_full_numbers, writer_required
from accounts.scoping import object_for
from audit.models import DataAccess
from audit.services.access import data_access_record
from exports.tasks import job_send
from notices.services.outbox import is_restricted
from recipients.exports import refused_rows_xlsx, template_xlsx
from recipients.forms import CandidateFilterForm, UploadForm
from recipients.jobs import candidates_export_start
from recipients.models import Upload
from recipients.services import upload as uploads
from recipients.selectors import (candidate_list_keys, candidate_timeline, candidates_filtered, candidates_visible_to,
                                  family_card_history, uploads_visible_to)
from recipients.tasks import upload_check_task, upload_confirm_task
from regions.selectors import kabupaten_visible_to
from programmes.years import programme_year_for
from uep.keyset import COUNT_CAP, SEARCH_COUNT_CAP, keyset_page_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTERS_KEY = "recipients_candidate_filters"
PAGE_SIZE = 50


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- candidates

def _filter_form(request) -> CandidateFilterForm:
    """Filters live in the session, not the URL: a NIK typed in the search box never lands in a URL. Without a
    year of its own the form shows the header's, the year the list is of."""
    data = dict(request.session.get(FILTERS_KEY) or {})
    year = programme_year_for(request)
    if not data.get("programme_year") and year is not None:
        data["programme_year"] = year.pk
    form = CandidateFilterForm(data, user=request.user)
    form.is_valid()
    return form


def _kept_filters(form: CandidateFilterForm) -> dict:
    """The filters that passed the form, as typed: what the session keeps and the access log records
    (a NUL or a forged id kept there would break every later page and export)."""
    form.is_valid()
    return {k: v for k, v in form.data.items() if k in form.fields and v and k not in form.errors}


def _with_year(request, filters: dict) -> dict:
    """Without a year in the filters the list shows the year chosen in the header."""
    return {**filters, "programme_year": filters.get("programme_year") or programme_year_for(request)}


@login_required
@require_http_methods(["GET", "POST"])
def candidate_list(request):
    if request.method == "POST" or request.GET.get("upload"):
        data = request.POST if request.method == "POST" else request.GET
        if "reset" in data:
            request.session.pop(FILTERS_KEY, None)
        else:
            request.session[FILTERS_KEY] = _kept_filters(CandidateFilterForm(data, user=request.user))
        return redirect("recipients:candidate_list")
    form = _filter_form(request)
    filters = _with_year(request, getattr(form, "cleaned_data", {}))
    page = keyset_page_for(request, candidates_filtered(user=request.user, filters=filters),
                           keys=candidate_list_keys(user=request.user, filters=filters), page_size=PAGE_SIZE,
                           salt="recipients.candidate_list", cap=SEARCH_COUNT_CAP if filters.get("q") else COUNT_CAP)
    return render(request, "recipients/candidate_list.html", {"form": form, "page": page,
                                                              "filtered": bool(request.session.get(FILTERS_KEY))})


@login_required
@require_GET
def candidate_export(request):
    """The list as filtered, written by a worker (100,000 rows took 34 s and 520 MB in the request)."""
    job = candidates_export_start(user=request.user, filters=_kept_filters(_filter_form(request)),
                                  year=getattr(programme_year_for(request), "year", None))
    job_send(job)
    return redirect("exports:detail", pk=job.pk)


@login_required
@require_GET
def candidate_detail(request, pk):
    candidate = get_object_or_404(candidates_visible_to(request.user), pk=pk)
    # A person who had the processing of their data restricted (privacy, UU 27/2022) is shown masked to everyone.
    restricted = is_restricted(person_id=candidate.person_id)
    full_nik = may_see_full_numbers(request.user, kabupaten_id=candidate.kabupaten_id) and not restricted
    if full_nik:
        data_access_record(user=request.user, action=DataAccess.Action.READ,
                           subject=_("NIK dan No. KK calon #%(id)d") % {"id": candidate.id},
                           kabupaten=candidate.kabupaten, row_count=1, detail={"candidate": candidate.id})
    return render(request, "recipients/candidate_detail.html", {
        "candidate": candidate, "person": candidate.person, "full_nik": full_nik, "restricted": restricted,
        "timeline": candidate_timeline(candidate=candidate),
        "family_cards": family_card_history(person=candidate.person, user=request.user) if full_nik else [],
    })


# ---------------------------------------------------------------- uploads

@login_required
@require_GET
def upload_list(request):
    qs = uploads_visible_to(request.user)
    kabupaten = request.GET.get("kabupaten")
    if kabupaten and kabupaten.isdigit() and request.user.sees_all_areas:
        qs = qs.filter(kabupaten_id=int(kabupaten))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "recipients/upload_list.html", {
        "page": page, "areas": kabupaten_visible_to(request.user) if request.user.sees_all_areas else None})


@writer_required
@require_http_methods(["GET", "POST"])
def upload_create(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user,
                      initial={"programme_year": programme_year_for(request)})
    if request.method == "POST" and form.is_valid():
        upload = uploads.upload_create(user=request.user, kabupaten=form.cleaned_data["kabupaten"],
                                       programme_year=form.cleaned_data["programme_year"],
                                       file=form.cleaned_data["file"])
        if uploads.upload_runs_inline(upload):
            uploads.upload_check(upload=upload)
        else:
            upload_check_task.delay(upload.id)
        return redirect("recipients:upload_detail", pk=upload.pk)
    return render(request, "recipients/upload_form.html", {"form": form})


@login_required
@require_GET
def upload_detail(request, pk):
    upload = get_object_or_404(uploads_visible_to(request.user), pk=pk)
    return render(request, "recipients/upload_detail.html", {
        "upload": upload, "can_act": request.user.can_work_in(upload.kabupaten_id),
        "refusals": upload.refusals[:1000], "more_refusals": max(len(upload.refusals) - 1000, 0),
    })


@login_required
@require_GET
def upload_status(request, pk):
    upload = get_object_or_404(uploads_visible_to(request.user), pk=pk)
    return JsonResponse({
        "status": upload.status, "progress": upload.progress, "done": not upload.is_running,
        "message": upload.get_status_display(),
        "redirect": reverse("recipients:upload_detail", kwargs={"pk": upload.pk}),
    })


@writer_required
@require_POST
def upload_confirm(request, pk):
    upload = object_for(request.user, Upload.objects, write=True, pk=pk)
    if upload.status == Upload.Status.PREVIEW and upload.accepted_count == 0:
        messages.error(request, _("Tidak ada baris yang bisa disimpan dari unggahan ini."))
        return redirect("recipients:upload_detail", pk=upload.pk)
    try:
        if upload.accepted_count > uploads.INLINE_MAX_ROWS:
            uploads.upload_start_confirm(upload=upload, user=request.user)
            upload_confirm_task.delay(upload.id)
        else:
            upload = uploads.upload_confirm(upload=upload, user=request.user)
            if upload.status == Upload.Status.CONFIRMED:
                messages.success(request, _("%(n)d calon tersimpan.") % {"n": upload.accepted_count})
    except uploads.UploadStateError as exc:
        messages.error(request, str(exc))
    return redirect("recipients:upload_detail", pk=upload.pk)


def _upload_act(request, pk, act, done: str, *, send_to_worker: bool = False):
    """Resume, stop or cancel an upload: the service decides whether it may, the officer reads why not."""
    upload = object_for(request.user, Upload.objects, write=True, pk=pk)
    try:
        act(upload=upload, user=request.user)
        if send_to_worker:
            upload_confirm_task.delay(upload.id)
        messages.success(request, done)
    except uploads.UploadStateError as exc:
        messages.error(request, str(exc))
    return redirect("recipients:upload_detail", pk=upload.pk)


@writer_required
@require_POST
def upload_confirm_resume(request, pk):
    """A stuck confirm (its worker was lost) is sent to a worker again now."""
    return _upload_act(request, pk, uploads.upload_confirm_resume, _("Penyimpanan dilanjutkan."),
                       send_to_worker=True)


@writer_required
@require_POST
def upload_confirm_stop(request, pk):
    return _upload_act(request, pk, uploads.upload_confirm_stop,
                       _("Penyimpanan dihentikan; tidak ada data yang tersimpan."))


@writer_required
@require_POST
def upload_cancel(request, pk):
    return _upload_act(request, pk, uploads.upload_cancel, _("Unggahan dibatalkan; tidak ada data yang disimpan."))


@writer_required
@require_GET
def upload_refusals(request, pk):
    upload = object_for(request.user, Upload.objects, write=True, pk=pk)
    data_access_record(user=request.user, action=DataAccess.Action.EXPORT,
                       subject=_("Baris ditolak unggahan #%(id)d") % {"id": upload.id}, kabupaten=upload.kabupaten,
                       row_count=len(upload.refused_rows), detail={"upload": upload.id})
    return _xlsx_response(refused_rows_xlsx(upload=upload), f"ditolak-unggahan-{upload.id}.xlsx")


@writer_required
@require_GET
def upload_template(request):
    kabupaten = request.user.kabupaten
    if request.user.is_provincial:
        code = request.GET.get("kabupaten", "")
        kabupaten = kabupaten_visible_to(request.user).filter(id=code).first() if code.isdigit() else None
    suffix = f"-{kabupaten.digits}" if kabupaten else ""
    year = programme_year_for(request)
    return _xlsx_response(template_xlsx(kabupaten=kabupaten, programme_year_id=year.pk if year else None),
                          f"templat-usulan-calon{suffix}.xlsx")
