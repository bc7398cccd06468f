from django.urls import path
from django.utils.translation import gettext_lazy as _

from disbursements import views

app_name = "disbursements"

urlpatterns = [
    path("", views.recipient_list, name="recipient_list"),
    path("bimtek/", views.training_create, name="training_create"),
    path("<int:candidate_id>/serah-terima/", views.handover_create, name="handover_create"),
    path("<int:candidate_id>/monitoring/", views.monitoring_create, name="monitoring_create"),
    path("monitoring/", views.monitoring_summary, name="monitoring_summary"),
]

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = [
    (_("Penyaluran"), "disbursements:recipient_list", lambda user: True),
    (_("Monitoring"), "disbursements:monitoring_summary", lambda user: True),
]
