"""The pages of the family's data requests: the list with its deadlines, recording one, and the
data-protection officer's page with what the system holds on the NIK and the closing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import may_handle_data_rights, require_data_protection, writer_required
from accounts.scoping import object_for
from audit.models import DataAccess
from audit.services.access import data_access_record
from privacy import selectors, services
from privacy.forms import CloseForm, DataRequestForm
from uep.forms import add_service_error

PAGE_SIZE = 50


@writer_required
def request_list(request):
    qs = selectors.requests_visible_to(request.user)
    if request.GET.get("status") == "terbuka":
        qs = qs.filter(closed_at__isnull=True)
    return render(request, "privacy/list.html", {"page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
                                                 "now": timezone.now(), "open_only": request.GET.get("status")})


@writer_required
@require_http_methods(["GET", "POST"])
def request_record(request):
    form = DataRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.data_request_record(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Permintaan dicatat. Batas jawaban: 3 x 24 jam sejak diterima."))
            return redirect("privacy:detail", created.pk)
    return render(request, "privacy/record.html", {"form": form})


@writer_required
@require_http_methods(["GET", "POST"])
def request_detail(request, pk: int):
    data_request = object_for(request.user, selectors.requests_visible_to(request.user), pk=pk)
    officer = may_handle_data_rights(request.user)
    form = CloseForm(request.POST or None)
    if request.method == "POST":
        require_data_protection(request.user)
        if form.is_valid():
            try:
                services.data_request_close(request=data_request, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Permintaan ditutup."))
                return redirect("privacy:detail", data_request.pk)
    holdings = None
    if officer:
        holdings = selectors.holdings_for(nik=data_request.nik)
        # Reading everything held on a NIK is itself a read of personal data.
        data_access_record(user=request.user, action=DataAccess.Action.READ, kabupaten=data_request.kabupaten,
                           subject=_("Permintaan hak atas data #%(id)s: data yang disimpan") % {"id": data_request.pk},
                           row_count=len(holdings.candidacies), detail={"data_request": data_request.pk})
    return render(request, "privacy/detail.html", {"r": data_request, "holdings": holdings, "form": form,
                                                   "officer": officer, "now": timezone.now()})
