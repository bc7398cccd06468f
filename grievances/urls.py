from django.urls import path
from django.utils.translation import gettext_lazy as _

from grievances import views
from uep.navigation import MONITORING

app_name = "grievances"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("lacak/", views.track, name="track"),
    path("catat/", views.record, name="record"),
    path("daftar/", views.staff_list, name="list"),
    path("daftar/<int:pk>/", views.detail, name="detail"),
    path("batas-waktu/", views.deadlines_page, name="deadlines"),
    path("batas-waktu/libur/<int:pk>/hapus/", views.holiday_delete, name="holiday_delete"),
    path("bulanan/", views.monthly, name="monthly"),
    path("bulanan/xlsx/", views.monthly_xlsx, name="monthly_xlsx"),
]

# (stage, label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (MONITORING, _("Pengaduan masyarakat"), "grievances:list", lambda user: True),
    (MONITORING, _("Rekap pengaduan bulanan"), "grievances:monthly", lambda user: True),
    (MONITORING, _("Batas waktu pengaduan"), "grievances:deadlines", lambda user: user.is_provincial),
]
