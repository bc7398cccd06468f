"""The public complaint form and tracking page (no login), and the staff pages of complaints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import writer_required
from accounts.scoping import object_for
from accounts.throttling import client_ip
from grievances import services
from grievances.forms import GrievanceForm, GrievanceUpdateForm, RecordedGrievanceForm, TrackForm
from grievances.models import Grievance, Status
from public import limits

PAGE_SIZE = 50


def _form_errors(form, error):
    for message in getattr(error, "messages", [str(error)]):
        form.add_error(None, message)


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
        grievance = services.grievance_submit(**form.cleaned_data)
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
            grievance = services.grievance_by_code(code=form.cleaned_data["code"])
        form = TrackForm()
    return render(request, "grievances/track.html", {"form": form, "grievance": grievance, "asked": asked,
                                                     "refused": status == 429}, status=status)


@writer_required
def record(request):
    form = RecordedGrievanceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            grievance = services.grievance_submit(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Pengaduan dicatat. Berikan kode pelacakan %(code)s kepada pelapor.")
                             % {"code": grievance.code})
            return redirect("grievances:detail", grievance.pk)
    return render(request, "grievances/record.html", {"form": form})


@login_required
def staff_list(request):
    qs = Grievance.objects.visible_to(request.user).select_related("kabupaten")
    status = request.GET.get("status")
    if status in Status.values:
        qs = qs.filter(status=status)
    return render(request, "grievances/list.html", {
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")), "statuses": Status.choices,
        "status": status})


@login_required
def detail(request, pk: int):
    grievance = object_for(request.user, Grievance.objects.select_related("kabupaten", "recorded_by"), pk=pk)
    form = GrievanceUpdateForm(request.POST or None, initial={"status": grievance.status})
    if request.method == "POST":
        if not Grievance.objects.writable_by(request.user).filter(pk=grievance.pk).exists():
            raise PermissionDenied(_("Peran Anda hanya dapat membaca."))
        if form.is_valid():
            try:
                services.grievance_update(grievance=grievance, user=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Status pengaduan disimpan."))
                return redirect("grievances:detail", grievance.pk)
    return render(request, "grievances/detail.html", {"grievance": grievance, "form": form})
