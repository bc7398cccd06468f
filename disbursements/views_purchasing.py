"""Pages of purchasing, kept by provincial staff in the app: items, the year's price list, vendors, contracts
with their lines and each kabupaten/kota's allocation. Everyone signed in reads them; an officer reads only
their own area's allocations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import provincial_required, require_provincial
from accounts.scoping import object_for
from approvals.selectors import proposed_message
from disbursements.forms_purchasing import ContractForm, ContractLineFormSet, ItemForm, ItemPriceForm, VendorForm
from disbursements.models import Contract, ContractAllocation, ContractLine, Item, ItemPrice, Vendor
from disbursements.services import catalogue, four_eyes, procurement
from programmes.years import programme_year_for
from regions.selectors import kabupaten_visible_to
from uep.forms import add_service_error

PAGE_SIZE = 50


@login_required
def item_list(request):
    programme_year = programme_year_for(request)
    prices = ItemPrice.objects.visible_to(request.user).filter(programme_year=programme_year)
    items = Item.objects.prefetch_related(Prefetch("prices", queryset=prices, to_attr="year_prices"))
    return render(request, "disbursements/item_list.html", {
        "programme_year": programme_year, "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))})


@provincial_required
def item_edit(request, item_id: int | None = None):
    item = get_object_or_404(Item, pk=item_id) if item_id else None
    initial = {f: getattr(item, f) for f in ItemForm.base_fields} if item else None
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = catalogue.item_save(item=item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Barang %(code)s disimpan.") % {"code": item.code})
            return redirect("disbursements:items")
    return render(request, "disbursements/purchasing_form.html", {
        "form": form, "title": _("Ubah barang %(code)s") % {"code": item.code} if item else _("Barang baru"),
        "back": reverse("disbursements:items")})


@login_required
def price_list(request):
    """The year's price list; provincial staff set a price on the same page."""
    programme_year = programme_year_for(request)
    form = ItemPriceForm(request.POST or None, initial={"item": request.GET.get("barang")}
                         if (request.GET.get("barang") or "").isdigit() else None)
    if request.method == "POST":
        require_provincial(request.user)
        if programme_year is None:
            form.add_error(None, _("Belum ada tahun program."))
        elif form.is_valid():
            try:
                approval = four_eyes.item_price_propose(programme_year=programme_year, user=request.user,
                                                        **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, proposed_message(approval))
                return redirect(f"{reverse('disbursements:prices')}?tahun={programme_year.year}")
    prices = (ItemPrice.objects.visible_to(request.user).filter(programme_year=programme_year).select_related("item")
              .order_by("item__name"))
    return render(request, "disbursements/price_list.html", {
        "programme_year": programme_year, "form": form,
        "page": Paginator(prices, PAGE_SIZE).get_page(request.GET.get("page"))})


@login_required
def vendor_list(request):
    vendors = Vendor.objects.visible_to(request.user)
    return render(request, "disbursements/vendor_list.html", {
        "page": Paginator(vendors, PAGE_SIZE).get_page(request.GET.get("page"))})


@provincial_required
def vendor_edit(request, vendor_id: int | None = None):
    vendor = object_for(request.user, Vendor.objects, pk=vendor_id) if vendor_id else None
    initial = {f: getattr(vendor, f) for f in VendorForm.base_fields} if vendor else None
    form = VendorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            vendor = procurement.vendor_save(vendor=vendor, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Penyedia %(name)s disimpan.") % {"name": vendor.name})
            return redirect("disbursements:vendors")
    return render(request, "disbursements/purchasing_form.html", {
        "form": form, "title": _("Ubah penyedia") if vendor else _("Penyedia baru"),
        "back": reverse("disbursements:vendors")})


@login_required
def contract_list(request):
    """The year's contracts; each line with the allocations the user may read (an officer: their own area's)."""
    programme_year = programme_year_for(request)
    allocations = ContractAllocation.objects.visible_to(request.user).select_related("kabupaten").order_by(
        "kabupaten__code")
    lines = ContractLine.objects.select_related("item").prefetch_related(
        Prefetch("allocations", queryset=allocations, to_attr="visible_allocations"))
    contracts = (Contract.objects.visible_to(request.user).filter(programme_year=programme_year).select_related("vendor")
                 .prefetch_related(Prefetch("lines", queryset=lines)))
    if not request.user.sees_all_areas:
        contracts = contracts.filter(lines__allocations__in=allocations).distinct()
    page = Paginator(contracts, 20).get_page(request.GET.get("page"))
    return render(request, "disbursements/contract_list.html", {"programme_year": programme_year, "page": page})


@provincial_required
def contract_edit(request, contract_id: int | None = None):
    """A contract with its lines, each line's quantity shared among the kabupaten/kota."""
    contract = object_for(request.user, Contract.objects.select_related("programme_year"), pk=contract_id) \
        if contract_id else None
    programme_year = contract.programme_year if contract else programme_year_for(request)
    areas = list(kabupaten_visible_to(request.user).order_by("code"))
    initial, lines_initial = None, []
    if contract:
        initial = {"vendor": contract.vendor_id, "number": contract.number, "signed_on": contract.signed_on,
                   "notes": contract.notes}
        for line in contract.lines.prefetch_related("allocations"):
            lines_initial.append({"item": line.item_id, "quantity": line.quantity, "unit_price": line.unit_price,
                                  **{f"alloc_{a.kabupaten_id}": a.quantity for a in line.allocations.all()}})
    form = ContractForm(request.POST or None, initial=initial, user=request.user)
    formset = ContractLineFormSet(request.POST or None, initial=lines_initial, prefix="baris", areas=areas)
    if request.method == "POST" and programme_year is None:
        form.add_error(None, _("Belum ada tahun program."))
    elif request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            approval = four_eyes.contract_propose(programme_year=programme_year, contract=contract,
                                                  lines=formset.lines(), user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, proposed_message(approval))
            return redirect(f"{reverse('disbursements:contracts')}?tahun={programme_year.year}")
    return render(request, "disbursements/contract_form.html", {
        "form": form, "formset": formset, "contract": contract, "programme_year": programme_year, "areas": areas})
