from django.urls import path
from django.utils.translation import gettext_lazy as _

from approvals import views
from uep.navigation import PENETAPAN

app_name = "approvals"

urlpatterns = [
    path("", views.approval_list, name="list"),
    path("<int:pk>/", views.approval_detail, name="detail"),
    path("<int:pk>/setujui/", views.approval_approve, name="approve"),
    path("<int:pk>/kembalikan/", views.approval_send_back, name="send_back"),
    path("<int:pk>/batalkan/", views.approval_cancel, name="cancel"),
]

# Most acts that need a second person are the decision's (quotas, withdrawals); BASTs link from the Beranda.
NAVIGATION = [
    (PENETAPAN, _("Persetujuan"), "approvals:list", lambda user: user.is_authenticated and user.can_write),
]
