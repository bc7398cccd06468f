"""Pages of the stock ledger: its moves, the warehouse's acts (return, damage, write-off) and the vendor's
replacement of goods found damaged on arrival."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import require_provincial, writer_required
from accounts.scoping import object_for
from disbursements.forms_goods import DeliveryForm, StockActForm
from disbursements.models import ContractLine, Delivery, HandoverLine, StockMove
from disbursements.services import procurement, stock
from regions.selectors import kabupaten_visible_to
from uep.formatting import angka
from uep.forms import add_service_error
from uep.uploads import evidence_clean

PAGE_SIZE = 50

# The slug in the address, the service, the page's title.
ACTS = {
    "kembali": (stock.stock_return, gettext_lazy("Pengembalian barang ke gudang")),
    "rusak": (stock.stock_damage, gettext_lazy("Barang rusak di gudang")),
    "hapus": (stock.stock_write_off, gettext_lazy("Penghapusan barang (hapus buku)")),
}


@writer_required
def stock_act(request, act: str):
    if act not in ACTS:
        raise Http404
    service, title = ACTS[act]
    if act == "hapus":
        require_provincial(request.user)
    areas = kabupaten_visible_to(request.user) if request.user.sees_all_areas else None
    form = StockActForm(request.POST or None, areas=areas, with_bast=act == "kembali")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kabupaten = data.get("kabupaten") or request.user.kabupaten
        arguments = {"kabupaten": kabupaten, "item": data["item"], "quantity": data["quantity"],
                     "reason": data["reason"], "user": request.user}
        try:
            if data.get("bast_number"):
                arguments["handover_line"] = _bast_line(request.user, data["bast_number"], data["item"])
            service(**arguments)
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(act)s dicatat: %(quantity)s %(unit)s %(item)s di %(area)s.")
                             % {"act": title, "quantity": angka(data["quantity"]), "unit": data["item"].unit,
                                "item": data["item"].name, "area": kabupaten.name})
            return redirect("disbursements:stock_moves")
    return render(request, "disbursements/stock_act.html", {"form": form, "title": title, "act": act})


def _bast_line(user, bast_number: str, item) -> HandoverLine:
    line = (HandoverLine.objects.visible_to(user).filter(handover__bast_number=bast_number.strip(), item=item)
            .select_related("handover").first())
    if line is None:
        raise ValidationError(_("BAST %(bast)s dengan barang %(item)s tidak ditemukan di wilayah Anda.")
                              % {"bast": bast_number.strip(), "item": item.name})
    return line


@login_required
def stock_moves(request):
    moves = (StockMove.objects.visible_to(request.user)
             .select_related("kabupaten", "item", "user", "delivery_line__delivery", "handover_line__handover"))
    kind = request.GET.get("jenis")
    if kind in StockMove.Kind.values:
        moves = moves.filter(kind=kind)
    return render(request, "disbursements/stock_moves.html", {
        "page": Paginator(moves, PAGE_SIZE).get_page(request.GET.get("page")), "kinds": StockMove.Kind.choices,
        "kind": kind})


@writer_required
def delivery_replace(request, delivery_id: int):
    delivery = object_for(request.user, Delivery.objects.select_related("contract__vendor", "kabupaten", "replaces"),
                          write=True, pk=delivery_id)
    original = delivery.replaces or delivery
    outstanding = procurement.replacement_outstanding(delivery=original)
    lines = ContractLine.objects.filter(pk__in=outstanding).select_related("item")
    form = DeliveryForm(request.POST or None, contract_lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            photos = [evidence_clean(f, allow_pdf=False) for f in request.FILES.getlist("photos")]
            procurement.delivery_replace(delivery=original, user=request.user, lines=form.lines(), photos=photos,
                                         received_on=form.cleaned_data["received_on"],
                                         vendor_bast_number=form.cleaned_data["vendor_bast_number"],
                                         notes=form.cleaned_data["notes"])
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Penggantian barang rusak dicatat; stok %(area)s bertambah.")
                             % {"area": original.kabupaten.name})
            return redirect("disbursements:deliveries")
    return render(request, "disbursements/delivery_form.html", {
        "form": form, "contract": original.contract, "kabupaten": original.kabupaten, "replaces": original,
        "outstanding": [(line, outstanding[line.id]) for line in lines]})
