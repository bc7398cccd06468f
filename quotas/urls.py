from django.urls import path
from django.utils.translation import gettext_lazy as _

from quotas import views
from uep.navigation import PENETAPAN

app_name = "quotas"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("tahun/", views.years, name="years"),
    path("tahun/baru/", views.year_create, name="year_create"),
    path("tahun/<int:year>/", views.year_detail, name="year_detail"),
    path("tahun/<int:year>/ubah/", views.year_edit, name="year_edit"),
    path("tahun/<int:year>/dokumen/baru/", views.document_create, name="document_create"),
    path("dokumen/<int:pk>/ubah/", views.document_edit, name="document_edit"),
    path("tahun/<int:year>/kuota/", views.ledger, name="ledger"),
    path("tahun/<int:year>/kuota/tambah/", views.entry_add, name="entry_add"),
    path("tahun/<int:year>/kuota/sebar/", views.spread, name="spread"),
    path("tahun/<int:year>/penetapan/<str:code>/", views.decision, name="decision"),
    path("tahun/<int:year>/penetapan/<str:code>/tetapkan/", views.decide, name="decide"),
    path("tahun/<int:year>/penetapan/<str:code>/tetapkan/konfirmasi/", views.decide_confirm, name="decide_confirm"),
    path("tahun/<int:year>/penetapan/<str:code>/cadangan/", views.reserve_rebuild, name="reserve_rebuild"),
    path("tahun/<int:year>/penetapan/<str:code>/sk/", views.decree_save, name="decree_save"),
    path("tahun/<int:year>/penetapan/<str:code>/lampiran.xlsx", views.annex_xlsx, name="annex_xlsx"),
    path("tahun/<int:year>/penetapan/<str:code>/lampiran.pdf", views.annex_pdf, name="annex_pdf"),
    path("penetapan/calon/<int:pk>/batalkan/", views.withdraw, name="withdraw"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (PENETAPAN, _("Kuota & penetapan"), "quotas:overview", lambda user: user.is_authenticated),
    (PENETAPAN, _("Tahun program"), "quotas:years", lambda user: user.sees_all_areas),
]
