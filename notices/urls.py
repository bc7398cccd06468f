from django.urls import path
from django.utils.translation import gettext_lazy as _

from notices import views
from uep.navigation import MONITORING

app_name = "notices"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("gagal/", views.failed, name="failed"),
    path("balasan/", views.inbound, name="inbound"),
]

NAVIGATION = [
    (MONITORING, _("Pemberitahuan ke keluarga"), "notices:summary", lambda user: True),
]
