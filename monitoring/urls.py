from django.urls import path
from django.utils.translation import gettext_lazy as _

from monitoring import views
from uep.navigation import LAPORAN, MONITORING

app_name = "monitoring"

urlpatterns = [
    path("", views.visit_list, name="visit_list"),
    path("kunjungan/<int:visit_id>/", views.visit_form, name="visit_form"),
    path("penerima/<int:candidate_id>/", views.recipient_detail, name="recipient_detail"),
    path("penerima/<int:candidate_id>/data-awal/", views.baseline_form, name="baseline_form"),
    path("pendamping/", views.facilitators, name="facilitators"),
    path("keberlanjutan/", views.survival, name="survival"),
    path("pendapatan/", views.income, name="income"),
    path("desil/", views.poverty, name="poverty"),
    path("alur/", views.pipeline, name="pipeline"),
    path("kelulusan/", views.graduation, name="graduation"),
    path("kohort/", views.cohorts, name="cohorts"),
    path("terdahulu/", views.prior_list, name="prior_list"),
    path("terdahulu/<int:follow_up_id>/", views.prior_detail, name="prior_detail"),
    path("kelulusan/aturan/", views.graduation_rule, name="graduation_rule"),
    path("kelulusan/hitung/", views.graduation_compute, name="graduation_compute"),
    path("laporan/", views.reports, name="reports"),
    path("laporan/buat/", views.report_request, name="report_request"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (MONITORING, _("Kunjungan monitoring"), "monitoring:visit_list", lambda user: True),
    (MONITORING, _("Pendamping"), "monitoring:facilitators", lambda user: True),
    (MONITORING, _("Penerima program terdahulu"), "monitoring:prior_list", lambda user: True),
    (LAPORAN, _("Keberlanjutan usaha"), "monitoring:survival", lambda user: True),
    (LAPORAN, _("Kelulusan"), "monitoring:graduation", lambda user: True),
    (LAPORAN, _("Kohort antartahun"), "monitoring:cohorts", lambda user: True),
    (LAPORAN, _("Alur & anggaran"), "monitoring:pipeline", lambda user: True),
    (LAPORAN, _("Laporan monev"), "monitoring:reports", lambda user: user.sees_all_areas),
]
