"""The public complaint form and tracking page (no login), and the staff pages of complaints."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import may_change_national_rules, provincial_required, writer_required
from accounts.scoping import object_for
from accounts.throttling import client_ip
from grievances import deadlines, queues, reports
from grievances.clock import WITA
from grievances.forms import (DeadlinesForm, GrievanceForm, GrievanceUpdateForm, HolidayForm, RecordedGrievanceForm,
                              TrackForm)
from grievances.models import Channel, Escalation, Grievance, Holiday, Status
from grievances.services import calendar
from grievances.services.handling import grievance_by_code, grievance_submit, grievance_update
from public import limits
from uep.forms import add_service_error
from uep.xlsx import xlsx_bytes

PAGE_SIZE = 50


def _allowed(request, name: str, per_hour: int) -> bool:
    """Per address and hour. With Redis down a complaint is still taken (unlike the status check, it
    reveals nothing, and a lost complaint is worse than a few unlimited ones)."""
    try:
        return limits.hit(name=name, key=client_ip(request) or "unknown", limit=per_hour, window_seconds=3600)
    except limits.LimitsUnavailable:
        return True


@require_http_methods(["GET", "POST"])
def submit(request):
    form = GrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _allowed(request, "grievance", 10):
            return render(request, "grievances/submit.html", {"form": form, "refused": True}, status=429)
        grievance = grievance_submit(**form.cleaned_data)
        # The code is shown on this answer, never put in a URL.
        return render(request, "grievances/received.html", {"grievance": grievance})
    return render(request, "grievances/submit.html", {"form": form})


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    grievance, asked, status = None, False, 200
    if request.method == "POST" and form.is_valid():
        if not _allowed(request, "track", 30):
            status = 429
        else:
            asked = True
            grievance = grievance_by_code(code=form.cleaned_data["code"])
        form = TrackForm()
    return render(request, "grievances/track.html", {"form": form, "grievance": grievance, "asked": asked,
                                                     "refused": status == 429}, status=status)


@writer_required
def record(request):
    form = RecordedGrievanceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            grievance = grievance_submit(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pengaduan dicatat. Berikan kode pelacakan %(code)s kepada pelapor.")
                             % {"code": grievance.code})
            return redirect("grievances:detail", grievance.pk)
    return render(request, "grievances/record.html", {"form": form})


@login_required
def staff_list(request):
    """Every complaint the user sees, whichever way it came in (the visits' goods complaints too); the
    Beranda's queues link here with ``?antrian=``."""
    queue = request.GET.get("antrian")
    if queue in queues.QUEUES:
        qs = queues.queue(user=request.user, name=queue, now=timezone.now())
    else:
        queue, qs = None, Grievance.objects.visible_to(request.user)
    qs = qs.select_related("kabupaten")
    status = request.GET.get("status")
    if status in Status.values:
        qs = qs.filter(status=status)
    channel = request.GET.get("saluran")
    if channel in Channel.values:
        qs = qs.filter(channel=channel)
    return render(request, "grievances/list.html", {
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")), "statuses": Status.choices,
        "status": status, "queue": queue, "channel": channel, "channels": Channel.choices, "now": timezone.now()})


@login_required
def detail(request, pk: int):
    grievance = object_for(request.user, Grievance.objects.select_related("kabupaten", "recorded_by"), pk=pk)
    form = GrievanceUpdateForm(request.POST or None, initial={"status": grievance.status})
    if request.method == "POST":
        if not Grievance.objects.writable_by(request.user).filter(pk=grievance.pk).exists():
            raise PermissionDenied(_("Peran Anda hanya dapat membaca."))
        if form.is_valid():
            try:
                grievance_update(grievance=grievance, user=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Status pengaduan disimpan."))
                return redirect("grievances:detail", grievance.pk)
    return render(request, "grievances/detail.html", {
        "grievance": grievance, "form": form, "now": timezone.now(),
        "escalations": Escalation.objects.filter(grievance=grievance).order_by("at", "id"),
        "goods": getattr(grievance, "goods_detail", None)})


@provincial_required
@require_http_methods(["GET", "POST"])
def deadlines_page(request):
    """Provincial staff set their province's working days per category; the holiday table is national (who keeps
    it: ``may_change_national_rules``). The superuser without a province sets a province's days in the admin."""
    province = request.user.province
    form = None
    if province is not None:
        form = DeadlinesForm(request.POST if "days" in request.POST else None,
                             current=deadlines.resolve_working_days(province_id=province.pk))
    holiday_form = HolidayForm(request.POST if "holiday" in request.POST else None)
    if request.method == "POST" and "days" in request.POST and form is not None and form.is_valid():
        try:
            calendar.deadlines_set(days=form.cleaned_data, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Batas waktu disimpan; berlaku untuk pengaduan yang masuk sesudah ini."))
            return redirect("grievances:deadlines")
    if request.method == "POST" and "holiday" in request.POST and holiday_form.is_valid():
        try:
            calendar.holiday_add(user=request.user, **holiday_form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(holiday_form, error)
        else:
            messages.success(request, _("Hari libur ditambahkan."))
            return redirect("grievances:deadlines")
    today = timezone.localdate()
    return render(request, "grievances/deadlines.html", {
        "form": form, "province": province, "holiday_form": holiday_form,
        "may_change_holidays": may_change_national_rules(request.user),
        "acknowledge_days": deadlines.ACKNOWLEDGE_WORKING_DAYS, "escalated_days": deadlines.ESCALATED_WORKING_DAYS,
        "holidays": Holiday.objects.filter(date__gte=dt.date(today.year, 1, 1))})


@provincial_required
@require_POST
def holiday_delete(request, pk: int):
    holiday = get_object_or_404(Holiday, pk=pk)
    calendar.holiday_remove(holiday=holiday, user=request.user)
    messages.success(request, _("Hari libur %(name)s dihapus.") % {"name": holiday.name})
    return redirect("grievances:deadlines")


def _month(request) -> tuple[int, int]:
    """?bulan=2026-12; anything else is the current month in WITA."""
    try:
        year, month = (int(part) for part in request.GET.get("bulan", "").split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    today = timezone.now().astimezone(WITA).date()
    return today.year, today.month


@login_required
def monthly(request):
    year, month = _month(request)
    rows, total = reports.monthly_table(user=request.user, year=year, month=month)
    previous = (year - (month == 1), 12 if month == 1 else month - 1)
    following = (year + (month == 12), 1 if month == 12 else month + 1)
    return render(request, "grievances/monthly.html", {
        "rows": rows, "total": total, "month": dt.date(year, month, 1), "bulan": f"{year}-{month:02d}",
        "previous": "%d-%02d" % previous, "following": "%d-%02d" % following})


@login_required
def monthly_xlsx(request):
    year, month = _month(request)
    rows, total = reports.monthly_table(user=request.user, year=year, month=month)
    content = xlsx_bytes(headers=reports.HEADERS, rows=reports.monthly_sheet_rows(rows, total),
                         sheet=f"Pengaduan {year}-{month:02d}")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="pengaduan-{year}-{month:02d}.xlsx"'
    return response
