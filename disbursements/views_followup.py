"""Pages of contracts and deliveries, the delivery check and complaints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import require_provincial, writer_required
from accounts.scoping import object_for
from disbursements.services import checks, complaints, procurement
from disbursements.forms_goods import (CheckAnswerForm, CheckDrawForm, ComplaintForm, ComplaintResolveForm,
                                       DeliveryForm)
from disbursements.models import (Complaint, Contract, ContractAllocation, ContractLine, Delivery, DeliveryCheck,
                                  DeliveryCheckEntry, DeliveryLine, HandoverLine)
from recipients.models import Candidate
from regions.selectors import kabupaten_visible_to
from uep.forms import add_service_error
from uep.uploads import evidence_clean
from programmes.years import programme_year_for

PAGE_SIZE = 50


@login_required
def delivery_list(request):
    deliveries = (Delivery.objects.visible_to(request.user)
                  .select_related("contract__vendor", "kabupaten", "replaces")
                  .annotate(has_damage=Exists(DeliveryLine.objects.filter(delivery=OuterRef("pk"),
                                                                          quantity_damaged__gt=0)))
                  .prefetch_related("lines__contract_line__item"))
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    contracts = (Contract.objects.visible_to(request.user).filter(programme_year=programme_year_for(request),
                                         lines__allocations__in=ContractAllocation.objects.visible_to(request.user))
                 .select_related("vendor").distinct())
    return render(request, "disbursements/delivery_list.html", {"page": page, "contracts": contracts})


@writer_required
def delivery_create(request, contract_id: int):
    contract = object_for(request.user, Contract.objects.select_related("vendor"), pk=contract_id)
    areas = kabupaten_visible_to(request.user)
    kabupaten = request.user.kabupaten or areas.filter(code=request.GET.get("kabupaten") or "").first() \
        or areas.first()
    if kabupaten is None:
        raise PermissionDenied(_("Akun Anda tidak terikat pada kabupaten/kota mana pun: penerimaan barang tidak dapat dicatat."))
    lines = ContractLine.objects.filter(contract=contract, allocations__kabupaten=kabupaten).select_related("item")
    form = DeliveryForm(request.POST or None, contract_lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            photos = [evidence_clean(f, allow_pdf=False) for f in request.FILES.getlist("photos")]
            procurement.delivery_record(contract=contract, kabupaten=kabupaten, user=request.user, lines=form.lines(),
                                        photos=photos, received_on=form.cleaned_data["received_on"],
                                        vendor_bast_number=form.cleaned_data["vendor_bast_number"],
                                        notes=form.cleaned_data["notes"])
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Penerimaan barang dicatat; stok %(area)s bertambah.") % {"area": kabupaten.name})
            return redirect("disbursements:deliveries")
    return render(request, "disbursements/delivery_form.html", {
        "form": form, "contract": contract, "kabupaten": kabupaten,
        "areas": areas if request.user.sees_all_areas else None})


@login_required
def check_list(request):
    programme_year = programme_year_for(request)
    form = CheckDrawForm(request.POST or None)
    if request.method == "POST":
        require_provincial(request.user)
        if form.is_valid():
            try:
                check = checks.delivery_check_draw(programme_year=programme_year, user=request.user,
                                                   **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return redirect("disbursements:check_detail", check.id)
    runs = DeliveryCheck.objects.filter(programme_year=programme_year)
    return render(request, "disbursements/check_list.html", {
        "programme_year": programme_year, "runs": runs, "form": form})


@login_required
def check_detail(request, check_id: int):
    check = get_object_or_404(DeliveryCheck, pk=check_id)  # a province-wide draw; its entries are scoped below
    entries = (DeliveryCheckEntry.objects.visible_to(request.user).filter(check_run=check)
               .select_related("handover__candidate__person", "kabupaten"))
    strata = [{"kabupaten": k, **check.strata.get(str(k.id), {"population": 0, "sample": 0})}
              for k in kabupaten_visible_to(request.user) if str(k.id) in check.strata]
    return render(request, "disbursements/check_detail.html", {
        "check": check, "strata": strata, "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))})


@login_required
def check_entry(request, entry_id: int):
    entry = object_for(request.user, DeliveryCheckEntry.objects.select_related("handover__candidate__person"),
                       write=True, pk=entry_id)
    lines = HandoverLine.objects.filter(handover_id=entry.handover_id).select_related("item")
    form = CheckAnswerForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = checks.check_answer(entry=entry, user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Jawaban dicatat.") + (
                " " + _("Pengaduan dibuka.") if complaint else ""))
            return redirect("disbursements:check_detail", entry.check_run_id)
    return render(request, "disbursements/check_entry.html", {"form": form, "entry": entry})


@login_required
def complaint_create(request, candidate_id: int):
    candidate = object_for(request.user, Candidate.objects.select_related("person"), write=True, pk=candidate_id)
    lines = HandoverLine.objects.filter(handover__candidate=candidate).select_related("item")
    form = ComplaintForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = complaints.complaint_open(candidate=candidate, user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pengaduan dicatat. Berikan kode pelacakan %(code)s kepada pelapor.")
                             % {"code": complaint.grievance.code})
            return redirect("grievances:detail", complaint.grievance_id)
    return render(request, "disbursements/complaint_form.html", {"form": form, "candidate": candidate})


@login_required
def complaint_resolve(request, complaint_id: int):
    complaint = object_for(request.user, Complaint.objects.select_related("candidate__person", "handover_line__item",
                                                                          "grievance"),
                           write=True, pk=complaint_id)
    form = ComplaintResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaints.complaint_resolve(complaint=complaint, user=request.user,
                                         resolution=form.cleaned_data["resolution"],
                                         replacement_quantity=form.cleaned_data["replacement_quantity"] or 0,
                                         rejected=form.cleaned_data["rejected"])
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pengaduan ditutup."))
            return redirect("grievances:detail", complaint.grievance_id)
    return render(request, "disbursements/complaint_resolve.html", {"form": form, "complaint": complaint})


