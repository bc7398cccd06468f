from django.urls import path
from django.utils.translation import gettext_lazy as _

from uep.navigation import VERIFIKASI
from verification import views

app_name = "verification"

urlpatterns = [
    path("", views.index, name="index"),
    path("mulai/", views.job_start, name="job_start"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/kemajuan/", views.job_progress, name="job_progress"),
    path("<int:pk>/lanjutkan/", views.job_resume, name="job_resume"),
    path("<int:pk>/batalkan/", views.job_cancel, name="job_cancel"),
    path("<int:pk>/unduh/", views.job_export, name="job_export"),
    path("snapshot/", views.snapshot_list, name="snapshot_list"),
    path("snapshot/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("snapshot/<int:pk>/kemajuan/", views.snapshot_progress, name="snapshot_progress"),
    path("penerima-terdahulu/", views.prior_import, name="prior_import"),
    path("lapangan/", views.field_list, name="field_list"),
    path("lapangan/calon/<int:pk>/", views.field_visit, name="field_visit"),
    path("lapangan/foto/<int:pk>/", views.visit_photo, name="visit_photo"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (VERIFIKASI, _("Verifikasi DTKS"), "verification:index", lambda user: True),
    (VERIFIKASI, _("Verifikasi lapangan"), "verification:field_list", lambda user: user.can_write),
    (VERIFIKASI, _("Snapshot DTKS"), "verification:snapshot_list", lambda user: user.is_provincial),
]
