from django.urls import path
from django.utils.translation import gettext_lazy as _

from privacy import views
from uep.navigation import MONITORING

app_name = "privacy"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("catat/", views.request_record, name="record"),
    path("<int:pk>/", views.request_detail, name="detail"),
]

NAVIGATION = [
    (MONITORING, _("Permintaan hak atas data"), "privacy:list", lambda user: user.can_write),
]
