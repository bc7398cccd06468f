from django.urls import path
from django.utils.translation import gettext_lazy as _

from disbursements import views, views_bast, views_followup, views_goods, views_handover, views_purchasing, views_stock
from uep.navigation import MONITORING, PENYALURAN

app_name = "disbursements"

urlpatterns = [
    path("", views.recipient_list, name="recipient_list"),
    path("bimtek/", views.training_create, name="training_create"),
    path("bimtek/undang/", views.training_invite, name="training_invite"),
    path("<int:candidate_id>/serah-terima/", views.handover_create, name="handover_create"),
    path("katalog/", views_goods.catalogue_list, name="catalogue"),
    path("paket/<int:package_id>/aktif/", views_goods.package_toggle, name="package_toggle"),
    path("paket/baru/", views_goods.package_edit, name="package_create"),
    path("paket/<int:package_id>/", views_goods.package_edit, name="package_edit"),
    path("<int:candidate_id>/paket/", views_goods.package_assign_view, name="package_assign"),
    path("kebutuhan/", views_goods.needs_list, name="needs_list"),
    path("rekonsiliasi/", views_goods.reconciliation, name="reconciliation"),
    path("stok/", views_goods.stock_list, name="stock"),
    path("stok/mutasi/", views_stock.stock_moves, name="stock_moves"),
    path("stok/catat/<slug:act>/", views_stock.stock_act, name="stock_act"),
    path("penerimaan/<int:delivery_id>/ganti/", views_stock.delivery_replace, name="delivery_replace"),
    path("acara/", views_handover.day_list, name="day_list"),
    path("acara/<int:day_id>/", views_handover.day_detail, name="day_detail"),
    path("acara/<int:day_id>/undang/", views_handover.day_invite, name="day_invite"),
    path("acara/<int:day_id>/pindaian/", views_handover.day_scans, name="day_scans"),
    path("serah-terima/<int:handover_id>/hasil/", views_handover.handover_outcome, name="handover_outcome"),
    path("cetak/<slug:kind>/<int:target_id>/", views_handover.print_create, name="print_create"),
    path("bast/cek/", views_bast.bast_check_form, name="bast_check_form"),
    path("bast/cek/<str:code>/", views_bast.bast_check, name="bast_check"),
    path("kontrak/", views_purchasing.contract_list, name="contracts"),
    path("kontrak/baru/", views_purchasing.contract_edit, name="contract_create"),
    path("kontrak/<int:contract_id>/ubah/", views_purchasing.contract_edit, name="contract_edit"),
    path("barang/", views_purchasing.item_list, name="items"),
    path("barang/baru/", views_purchasing.item_edit, name="item_create"),
    path("barang/<int:item_id>/", views_purchasing.item_edit, name="item_edit"),
    path("harga/", views_purchasing.price_list, name="prices"),
    path("penyedia/", views_purchasing.vendor_list, name="vendors"),
    path("penyedia/baru/", views_purchasing.vendor_edit, name="vendor_create"),
    path("penyedia/<int:vendor_id>/", views_purchasing.vendor_edit, name="vendor_edit"),
    path("penerimaan/", views_followup.delivery_list, name="deliveries"),
    path("kontrak/<int:contract_id>/terima/", views_followup.delivery_create, name="delivery_create"),
    path("uji-petik/", views_followup.check_list, name="checks"),
    path("uji-petik/<int:check_id>/", views_followup.check_detail, name="check_detail"),
    path("uji-petik/sampel/<int:entry_id>/", views_followup.check_entry, name="check_entry"),
    path("<int:candidate_id>/pengaduan/", views_followup.complaint_create, name="complaint_create"),
    path("pengaduan/<int:complaint_id>/", views_followup.complaint_resolve, name="complaint_resolve"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (PENYALURAN, _("Penyaluran paket"), "disbursements:recipient_list", lambda user: True),
    (PENYALURAN, _("Serah terima"), "disbursements:day_list", lambda user: True),
    (PENYALURAN, _("Barang"), "disbursements:needs_list", lambda user: True),
]
