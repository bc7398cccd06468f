from django.urls import path
from django.utils.translation import gettext_lazy as _

from fieldwork import views
from uep.navigation import MONITORING

app_name = "fieldwork"

urlpatterns = [
    path("", views.shell, name="shell"),
    path("saya/", views.whoami, name="whoami"),
    path("daftar-kerja/", views.worklist, name="worklist"),
    path("kirim/", views.send, name="send"),
    path("konflik/", views.conflicts, name="conflicts"),
    path("konflik/foto/<int:pk>/", views.conflict_photo, name="conflict_photo"),
    path("konflik/<int:pk>/selesaikan/", views.conflict_settle, name="conflict_settle"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (MONITORING, _("Kerja lapangan (luring)"), "fieldwork:shell", lambda user: user.can_write),
    (MONITORING, _("Konflik kunjungan"), "fieldwork:conflicts", lambda user: user.can_write),
]
