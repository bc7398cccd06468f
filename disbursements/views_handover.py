"""Pages of the handover: handover days, invitations, each recipient's outcome, BAST PDFs and scans."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require_area, require_writer, writer_required
from accounts.scoping import object_for
from approvals.selectors import proposed_message
from disbursements.forms_goods import SCAN_KEPT, HandoverDayForm, InviteFilterForm, OutcomeForm
from disbursements.jobs import (BAST, DAY_ATTENDANCE, attendance_print_start, bast_print_start,
                               day_attendance_print_start)
from disbursements.models import Handover, HandoverDay, TrainingSession
from disbursements.printing import bast_paper
from disbursements.reservation import StockShort, uncovered
from disbursements.selectors import evidence_pending, invitable
from disbursements.services import four_eyes, handover as acts
from exports.models import Job
from exports.tasks import job_send
from programmes.years import programme_year_for
from recipients.models import Candidate
from regions.selectors import kabupaten_visible_to
from uep.formatting import angka
from uep.forms import add_service_error

PAGE_SIZE = 50


@login_required
def day_list(request):
    programme_year = programme_year_for(request)
    areas = kabupaten_visible_to(request.user)
    days = HandoverDay.objects.visible_to(request.user).filter(programme_year=programme_year).select_related(
        "kabupaten").annotate(
        invited=Count("handovers", filter=~Q(handovers__outcome=Handover.Outcome.CANCELLED)),
        evidence_pending=Count("handovers", filter=Q(handovers__outcome=Handover.Outcome.RECEIVED,
                                                     handovers__bast_scan=""))).order_by("-date", "-id")
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
                add_service_error(form, error)
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
    pending = evidence_pending(handovers)
    evidence_only = request.GET.get("bukti") == "belum"
    may_write = request.user.can_write and request.user.can_work_in(day.kabupaten_id)
    context = {"day": day, "jobs": Job.objects.visible_to(request.user).filter(kind__in=[BAST, DAY_ATTENDANCE],
                                                                             params__day=day.id)[:5],
               "may_write": may_write, "evidence_only": evidence_only, "pending_count": pending.count(),
               "page": Paginator(pending if evidence_only else handovers, PAGE_SIZE).get_page(request.GET.get("page")),
               "uncovered": uncovered(kabupaten_id=day.kabupaten_id, day_id=day.id),
               "paper": bast_paper(programme_year_id=day.programme_year_id, kabupaten_id=day.kabupaten_id)}
    for h in context["page"]:
        h.short = context["uncovered"].get(h.id, [])
    if may_write:
        form = InviteFilterForm(request.GET or None, day=day)
        ready = invitable(day=day, user=request.user, **(form.filters() if form.is_valid() else {}))
        context.update(filter_form=form, ready_count=ready.count(),
                       invitable=Paginator(ready.select_related("kecamatan", "kelurahan").order_by("name", "pk"),
                                           PAGE_SIZE).get_page(request.GET.get("undang")),
                       filter_query=urlencode({k: request.GET[k] for k in form.fields if request.GET.get(k)})
                       if form.is_valid() else "")
    return render(request, "disbursements/day_detail.html", context)


def _ids(values) -> list[int]:
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise Http404 from None


def _refusal(error: ValidationError) -> str:
    """A refusal as one message; a stock shortage links to where the delivery is recorded."""
    text = " ".join(error.messages)
    if isinstance(error, StockShort):
        return format_html('{} <a href="{}">{}</a>', text, reverse("disbursements:deliveries"),
                           _("Catat penerimaan barang"))
    return text


@require_POST
@login_required
def day_invite(request, day_id: int):
    """Invite the ticked recipients, or with ``semua`` every ready recipient of the filter, in one action."""
    day = object_for(request.user, HandoverDay.objects.select_related("kabupaten"), write=True, pk=day_id)
    if request.POST.get("semua") == "1":
        form = InviteFilterForm(request.POST, day=day)
        if not form.is_valid():
            messages.error(request, _("Saringan tidak valid; tidak ada yang diundang."))
            return redirect("disbursements:day_detail", day.id)
        candidates = invitable(day=day, user=request.user, **form.filters())
    else:
        ids = _ids(request.POST.getlist("candidates"))
        candidates = list(Candidate.objects.writable_by(request.user).filter(pk__in=ids)) or ids
    try:
        invited = acts.handover_invite(day=day, candidates=candidates, user=request.user)
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("%(n)s penerima diundang; barangnya dicadangkan dari stok.")
                         % {"n": angka(len(invited))})
    return redirect("disbursements:day_detail", day.id)


@login_required
def handover_outcome(request, handover_id: int):
    handover = object_for(request.user, Handover.objects.select_related("candidate__person", "day", "package_type"),
                          write=True, pk=handover_id)
    require_area(request.user, handover.candidate.kabupaten_id)
    lines = list(handover.lines.select_related("item"))
    form = OutcomeForm(request.POST or None, request.FILES or None, lines=lines, scan_kept=bool(handover.bast_scan))
    if request.method == "POST" and form.is_valid():
        outcome, notes, scan = form.cleaned_data["outcome"], form.cleaned_data["notes"], form.cleaned_data["bast_scan"]
        try:
            if outcome == Handover.Outcome.RECEIVED:
                received = acts.Received(serial_numbers=form.serials(), bast_scan=scan,
                                         photos=(form.cleaned_data["photo"],), notes=notes)
                if not four_eyes.has_evidence(handover=handover, received=received):  # a second person approves
                    approval = four_eyes.handover_receive_propose(handover=handover, user=request.user,
                                                                  received=received)
                    messages.success(request, proposed_message(approval))
                    return redirect("disbursements:day_detail", handover.day_id) if handover.day_id else redirect(
                        "recipients:candidate_detail", handover.candidate_id)
                acts.handover_receive(handover=handover, user=request.user, received=received)
            elif outcome == Handover.Outcome.ABSENT:
                acts.handover_absent(handover=handover, user=request.user, notes=notes)
            elif outcome == Handover.Outcome.REFUSED:
                acts.handover_refuse(handover=handover, user=request.user, reason=notes)
            elif outcome == Handover.Outcome.CANCELLED:
                acts.handover_cancel(handover=handover, user=request.user, reason=notes)
            else:  # the place moves to the reserve list: a second person approves
                approval = four_eyes.handover_replace_propose(handover=handover, user=request.user, reason=notes)
                messages.success(request, proposed_message(approval))
                return redirect("disbursements:day_detail", handover.day_id) if handover.day_id else redirect(
                    "recipients:candidate_detail", handover.candidate_id)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _refusal(error) if isinstance(error, ValidationError) else str(error))
            if outcome == Handover.Outcome.RECEIVED and scan:
                # The family has signed: the chosen scan stays with its BAST, never chosen again.
                acts.handover_scan_attach(handover=handover, scan=scan, user=request.user)
                form.add_error(None, _("Pindaian BAST %(name)s sudah disimpan pada BAST %(number)s; tidak perlu "
                                       "diunggah lagi.") % {"name": scan.name, "number": handover.bast_number})
                form.fields["bast_scan"].help_text = SCAN_KEPT
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
@writer_required
def print_create(request, kind: str, target_id: int):
    full_nik = request.POST.get("full_nik") == "1"
    if kind == "bast":
        day = object_for(request.user, HandoverDay.objects, pk=target_id)
        job = bast_print_start(user=request.user, day=day, full_nik=full_nik)
        short = uncovered(kabupaten_id=day.kabupaten_id, day_id=day.id)
        if short:
            messages.warning(request, _("%(n)s undangan di acara ini belum tertutup stok; barangnya belum ada di "
                                        "gudang. Lihat daftarnya di halaman acara.") % {"n": len(short)})
    elif kind == "daftar-hadir-penyaluran":
        day = object_for(request.user, HandoverDay.objects, pk=target_id)
        job = day_attendance_print_start(user=request.user, day=day, full_nik=full_nik)
    elif kind == "daftar-hadir":
        session = object_for(request.user, TrainingSession.objects, pk=target_id)
        job = attendance_print_start(user=request.user, session=session, full_nik=full_nik)
    else:
        raise Http404
    job_send(job)
    return redirect("exports:detail", job.id)
