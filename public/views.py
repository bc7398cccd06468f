"""The public pages: no login, small, Indonesian. Every answer of the status check is one template."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.throttling import client_ip
from public.forms import StatusLookupForm
from public.limits import LimitsUnavailable
from public.models import StatusLookup
from public.services import status_lookup

REFUSED = (StatusLookup.Outcome.REFUSED_ADDRESS, StatusLookup.Outcome.REFUSED_NIK)


@require_http_methods(["GET", "POST"])
def status_check(request):
    answer, status = None, 200
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            try:
                answer = status_lookup(nik=form.cleaned_data["nik"], birth_date=form.cleaned_data["tanggal_lahir"],
                                       address=client_ip(request))
            except LimitsUnavailable:
                status = 503
            else:
                status = 429 if answer.outcome in REFUSED else 200
            # The NIK typed is never sent back, whatever the answer.
            form = StatusLookupForm()
    else:
        form = StatusLookupForm()
    response = render(request, "public/status.html", {"form": form, "answer": answer, "unavailable": status == 503},
                      status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response
