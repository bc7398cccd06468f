from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kemajuan/", views.status, name="status"),
    path("<int:pk>/unduh/<int:file_id>/", views.download, name="download"),
    path("<int:pk>/lanjutkan/", views.resume, name="resume"),
    path("<int:pk>/hentikan/", views.stop, name="stop"),
]
