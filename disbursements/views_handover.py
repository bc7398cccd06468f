"""Pages of the handover: handover days, invitations, each recipient's outcome, BAST PDFs and scans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require_area, require_writer
from accounts.scoping import object_for
from disbursements import handover as acts
from disbursements.forms_goods import HandoverDayForm, OutcomeForm
from disbursements.models import Handover, HandoverDay, PrintJob, TrainingSession
from disbursements.printing import print_job_create
from disbursements.tasks import print_job_run
from recipients.lifecycle import HANDOVER_READY
from recipients.models import Candidate
from regions.selectors import kabupaten_visible_to
from uep.tasks import enqueue_on_commit
from programmes.years import programme_year_for

PAGE_SIZE = 50


@login_required
def day_list(request):
    programme_year = programme_year_for(request)
    areas = kabupaten_visible_to(request.user)
    days = HandoverDay.objects.visible_to(request.user).filter(programme_year=programme_year).select_related(
        "kabupaten")
    form = HandoverDayForm(request.POST or None)
    if request.method == "POST":
        require_writer(request.user)
        kabupaten = request.user.kabupaten or areas.filter(code=request.POST.get("kabupaten")).first()
        if kabupaten is None:
            form.add_error(None, _("Pilih kabupaten/kota."))
        elif form.is_valid():
            try:
                day = acts.handover_day_create(programme_year=programme_year, kabupaten=kabupaten, user=request.user,
                                               **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            else:
                return redirect("disbursements:day_detail", day.id)
    page = Paginator(days, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disbursements/day_list.html", {
        "programme_year": programme_year, "page": page, "form": form,
        "areas": areas if request.user.sees_all_areas else None})


@login_required
def day_detail(request, day_id: int):
    day = object_for(request.user, HandoverDay.objects.select_related("kabupaten"), pk=day_id)
    handovers = (Handover.objects.filter(day=day).select_related("candidate__person", "package_type")
                 .order_by("bast_number"))
    invitable = (Candidate.objects.visible_to(request.user)
                 .filter(kabupaten=day.kabupaten, programme_year=day.programme_year_id, status__in=HANDOVER_READY)
                 .exclude(handover__outcome__in=[Handover.Outcome.INVITED, Handover.Outcome.RECEIVED,
                                                 Handover.Outcome.REFUSED, Handover.Outcome.REPLACED])
                 .select_related("person").order_by("name"))
    jobs = PrintJob.objects.filter(handover_day=day).order_by("-created_at")[:5]
    return render(request, "disbursements/day_detail.html", {
        "day": day, "page": Paginator(handovers, PAGE_SIZE).get_page(request.GET.get("page")),
        "invitable": Paginator(invitable, PAGE_SIZE).get_page(request.GET.get("undang")), "jobs": jobs,
        "may_write": request.user.can_write and request.user.can_work_in(day.kabupaten_id)})


def _ids(values) -> list[int]:
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise Http404 from None


@require_POST
@login_required
def day_invite(request, day_id: int):
    day = object_for(request.user, HandoverDay.objects.select_related("kabupaten"), write=True, pk=day_id)
    ids = _ids(request.POST.getlist("candidates"))
    candidates = Candidate.objects.writable_by(request.user).filter(pk__in=ids)
    try:
        invited = acts.handover_invite(day=day, candidates=list(candidates) or ids, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s penerima diundang.") % {"n": len(invited)})
    return redirect("disbursements:day_detail", day.id)


@login_required
def handover_outcome(request, handover_id: int):
    handover = object_for(request.user, Handover.objects.select_related("candidate__person", "day", "package_type"),
                          write=True, pk=handover_id)
    require_area(request.user, handover.candidate.kabupaten_id)
    lines = list(handover.lines.select_related("item"))
    form = OutcomeForm(request.POST or None, request.FILES or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        outcome, notes = form.cleaned_data["outcome"], form.cleaned_data["notes"]
        try:
            if outcome == Handover.Outcome.RECEIVED:
                acts.handover_receive(handover=handover, user=request.user, received=acts.Received(
                    serial_numbers=form.serials(), bast_scan=form.cleaned_data["bast_scan"],
                    photos=(form.cleaned_data["photo"],), notes=notes))
            elif outcome == Handover.Outcome.ABSENT:
                acts.handover_absent(handover=handover, user=request.user, notes=notes)
            elif outcome == Handover.Outcome.REFUSED:
                acts.handover_refuse(handover=handover, user=request.user, reason=notes)
            else:
                acts.handover_replace(handover=handover, user=request.user, reason=notes)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", None) or [str(error)]))
        else:
            messages.success(request, _("Hasil penyerahan %(number)s dicatat.") % {"number": handover.bast_number})
            return redirect("disbursements:day_detail", handover.day_id) if handover.day_id else redirect(
                "recipients:candidate_detail", handover.candidate_id)
    return render(request, "disbursements/handover_outcome.html", {"form": form, "handover": handover,
                                                                   "lines": lines})


@require_POST
@login_required
def day_scans(request, day_id: int):
    day = object_for(request.user, HandoverDay.objects, write=True, pk=day_id)
    files = request.FILES.getlist("scans")
    if not files:
        messages.error(request, _("Pilih berkas pindaian BAST."))
    else:
        report = acts.bast_scans_attach(files=files, user=request.user)
        if report.matched:
            messages.success(request, _("%(n)s pindaian dicocokkan dengan nomor BAST.") % {"n": len(report.matched)})
        for name, reason in report.refused:
            messages.error(request, _("%(name)s: %(reason)s") % {"name": name, "reason": reason})
    return redirect("disbursements:day_detail", day.id)


@require_POST
@login_required
def print_create(request, kind: str, target_id: int):
    full_nik = request.POST.get("full_nik") == "1"
    if full_nik:
        require_writer(request.user)
    if kind == "bast":
        day = object_for(request.user, HandoverDay.objects, pk=target_id)
        job = print_job_create(user=request.user, kind=PrintJob.Kind.BAST, handover_day=day, full_nik=full_nik)
    elif kind == "daftar-hadir":
        session = object_for(request.user, TrainingSession.objects, pk=target_id)
        job = print_job_create(user=request.user, kind=PrintJob.Kind.ATTENDANCE, training_session=session,
                               full_nik=full_nik)
    else:
        raise Http404
    enqueue_on_commit(print_job_run, job.id)
    return redirect("disbursements:print_detail", job.id)


@login_required
def print_detail(request, job_id: int):
    job = object_for(request.user, PrintJob.objects, pk=job_id)
    if request.GET.get("format") == "json":
        return JsonResponse({"status": job.status, "done": job.done, "total": job.total, "percent": job.percent,
                             "message": job.message})
    return render(request, "disbursements/print_detail.html", {"job": job})


@login_required
def print_download(request, job_id: int):
    job = object_for(request.user, PrintJob.objects, pk=job_id)
    if job.status != PrintJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1],
                        content_type="application/pdf")
