from django.urls import path  # noqa: F401

app_name = "disbursements"

urlpatterns = []

# (label, url name, who sees it) for the navigation bar.
NAVIGATION = []
