from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("cek-status/", views.status_check, name="status"),
]
