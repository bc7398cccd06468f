from django.urls import path
from django.utils.translation import gettext_lazy as _

from recipients import views
from uep.navigation import CALON

app_name = "recipients"

urlpatterns = [
    path("", views.candidate_list, name="candidate_list"),
    path("ekspor/", views.candidate_export, name="candidate_export"),
    path("<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("unggahan/", views.upload_list, name="upload_list"),
    path("unggahan/baru/", views.upload_create, name="upload_create"),
    path("unggahan/templat/", views.upload_template, name="upload_template"),
    path("unggahan/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("unggahan/<int:pk>/status/", views.upload_status, name="upload_status"),
    path("unggahan/<int:pk>/konfirmasi/", views.upload_confirm, name="upload_confirm"),
    path("unggahan/<int:pk>/batal/", views.upload_cancel, name="upload_cancel"),
    path("unggahan/<int:pk>/lanjutkan/", views.upload_confirm_resume, name="upload_confirm_resume"),
    path("unggahan/<int:pk>/hentikan/", views.upload_confirm_stop, name="upload_confirm_stop"),
    path("unggahan/<int:pk>/ditolak/", views.upload_refusals, name="upload_refusals"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (CALON, _("Calon penerima"), "recipients:candidate_list", lambda user: True),
    (CALON, _("Unggah usulan"), "recipients:upload_create", lambda user: user.can_write),
    (CALON, _("Riwayat unggahan"), "recipients:upload_list", lambda user: True),
]
