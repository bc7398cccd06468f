"""Pages of the goods: the catalogue, package assignment, the needs list, stock and the reconciliation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import provincial_required
from accounts.scoping import object_for
from disbursements import reports
from disbursements.forms_goods import PackageAssignForm
from disbursements.models import PackageType, StockBalance
from disbursements.reservation import reserved_quantities
from disbursements.selectors import package_of
from disbursements.services import catalogue
from disbursements.services.assignment import package_assign
from programmes.years import programme_year_for
from recipients.models import Candidate
from uep.formatting import rupiah
from uep.forms import add_service_error
from uep.xlsx import xlsx_bytes

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def catalogue_list(request):
    programme_year = programme_year_for(request)
    packages = (PackageType.objects.visible_to(request.user).filter(programme_year=programme_year)
                .prefetch_related("lines__item")
                if programme_year else PackageType.objects.none())
    return render(request, "disbursements/catalogue.html", {"programme_year": programme_year, "packages": packages})


@require_POST
@provincial_required
def package_toggle(request, package_id: int):
    package = _package(request.user, package_id)
    try:
        if package.is_active:
            catalogue.package_deactivate(package=package, user=request.user)
            messages.success(request, _("Paket %(code)s dinonaktifkan.") % {"code": package.code})
        else:
            catalogue.package_activate(package=package, user=request.user)
            messages.success(request, _("Paket %(code)s diaktifkan.") % {"code": package.code})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('disbursements:catalogue')}?tahun={package.programme_year_id}")


def _package(user, package_id):
    """A package of the user's province, else 404."""
    return object_for(user, PackageType.objects.select_related("programme_year"), pk=package_id)


@provincial_required
def package_assign_view(request, candidate_id: int):
    candidate = object_for(request.user, Candidate.objects.select_related("person", "kabupaten"), write=True,
                           pk=candidate_id)
    current = package_of(candidate=candidate)
    # Reached from the handover day, the needs page or Penyaluran: back there once saved.
    back = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = ""
    form = PackageAssignForm(request.POST or None, programme_year_id=candidate.programme_year_id,
                             province_id=candidate.kabupaten.province_id,
                             initial={"package": current})
    if request.method == "POST" and form.is_valid():
        try:
            package_assign(candidate=candidate, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Paket %(name)s ditetapkan.") % {"name": candidate.name})
            return redirect(back or reverse("recipients:candidate_detail", args=[candidate.id]))
    return render(request, "disbursements/package_assign.html",
                  {"form": form, "candidate": candidate, "current": current, "back": back})


@login_required
def needs_list(request):
    programme_year = programme_year_for(request)
    data = reports.needs_list(user=request.user, programme_year=programme_year) if programme_year else {
        "rows": [], "without_package": [], "total_value": 0}
    if request.GET.get("format") == "xlsx":
        return _xlsx(xlsx_bytes(
            headers=[_("Kode wilayah"), _("Kabupaten/Kota"), _("Kode barang"), _("Barang"), _("Spesifikasi"),
                     _("Satuan"), _("Jumlah"), _("Nilai (Rp)"), _("Penerima")],
            rows=([r["kabupaten_code"], r["kabupaten"], r["item_code"], r["item"], r["specification"], r["unit"],
                   r["quantity"], r["value"], r["recipients"]] for r in data["rows"]),
            sheet=_("Kebutuhan barang")), f"kebutuhan-barang-{programme_year.year if programme_year else ''}.xlsx")
    page = Paginator(data["rows"], 200).get_page(request.GET.get("page"))
    return render(request, "disbursements/needs.html", {"programme_year": programme_year, "page": page, **data})


@login_required
def reconciliation(request):
    programme_year = programme_year_for(request)
    if programme_year is None:
        data, contracts = {"rows": [], "differences": [], "totals": {}}, []
    else:
        data = reports.reconciliation_by_area(user=request.user, programme_year=programme_year)
        contracts = reports.reconciliation_by_contract(user=request.user, programme_year=programme_year)
    if request.GET.get("format") == "xlsx":
        return _xlsx(xlsx_bytes(
            headers=[_("Kabupaten/Kota"), _("Barang"), _("Satuan"), _("Dipesan"), _("Nilai dipesan (Rp)"),
                     _("Diterima"), _("Nilai diterima (Rp)"), _("Ditolak rusak"), _("Diserahkan"),
                     _("Nilai diserahkan (Rp)"), _("Buku stok: diterima"), _("Buku stok: diserahkan"),
                     _("Buku stok: dikembalikan"), _("Buku stok: rusak"), _("Buku stok: dihapusbukukan"),
                     _("Buku stok: pengganti"), _("Stok menurut mutasi"), _("Stok tercatat"), _("Seimbang")],
            rows=([r["kabupaten"], r["item"], r["unit"], r["ordered"], r["ordered_value"], r["delivered"],
                   r["delivered_value"], r["rejected"], r["handed_over"], r["handed_over_value"],
                   r["moves_received"], r["moves_handed_over"], r["moves_returned"], r["moves_damaged"],
                   r["moves_written_off"], r["moves_replacement"], r["expected_on_hand"], r["on_hand"],
                   _("ya") if r["balanced"] else _("tidak")] for r in data["rows"]),
            sheet=_("Rekonsiliasi")), f"rekonsiliasi-{programme_year.year if programme_year else ''}.xlsx")
    return render(request, "disbursements/reconciliation.html",
                  {"programme_year": programme_year, "contracts": contracts, **data})


@login_required
def stock_list(request):
    balances = (StockBalance.objects.visible_to(request.user).select_related("kabupaten", "item")
                .order_by("kabupaten__code", "item__name"))
    page = Paginator(balances, PAGE_SIZE).get_page(request.GET.get("page"))
    reserved = reserved_quantities(kabupaten_ids={b.kabupaten_id for b in page}, item_ids={b.item_id for b in page})
    for b in page:
        b.reserved = reserved.get((b.kabupaten_id, b.item_id), 0)
        b.available = b.on_hand - b.reserved
        b.short = max(0, -b.available)
    return render(request, "disbursements/stock.html", {"page": page})



@provincial_required
def package_edit(request, package_id: int | None = None):
    """Create a package of the year, or change its items; the catalogue service checks the cap."""
    from django.db import transaction

    from disbursements.forms_goods import PackageForm, PackageLineFormSet

    package = _package(request.user, package_id) if package_id else None
    programme_year = package.programme_year if package else programme_year_for(request)
    initial = {"code": package.code, "name": package.name, "sector": package.sector,
               "description": package.description} if package else None
    lines_initial = [{"item": line.item, "quantity": line.quantity, "unit_price": line.unit_price}
                     for line in package.lines.select_related("item")] if package else []
    form = PackageForm(request.POST or None, initial=initial)
    formset = PackageLineFormSet(request.POST or None, initial=lines_initial, prefix="isi")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        lines = [catalogue.LineInput(f.cleaned_data["item"], f.cleaned_data["quantity"], f.cleaned_data["unit_price"])
                 for f in formset if f.cleaned_data.get("item")]
        try:
            with transaction.atomic():
                package = catalogue.package_save(package=package, programme_year=programme_year, user=request.user,
                                                 **form.cleaned_data)
                # The service returns the package with the value of its new lines.
                package = catalogue.package_lines_set(package=package, lines=lines, user=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Paket %(code)s disimpan, nilainya %(value)s.")
                             % {"code": package.code, "value": rupiah(package.value)})
            return redirect(f"{reverse('disbursements:catalogue')}?tahun={programme_year.year}")
    return render(request, "disbursements/package_form.html", {
        "form": form, "formset": formset, "package": package, "programme_year": programme_year})
