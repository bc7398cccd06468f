from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fieldwork import views as fieldwork_views
from uep import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("akun/masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/tahun/", views.year_choose, name="year_choose"),
    path("akun/ubah-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/ubah-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("calon/", include("recipients.urls")),
    path("verifikasi/", include("verification.urls")),
    path("kuota/", include("quotas.urls")),
    path("penyaluran/", include("disbursements.urls")),
    path("ekspor/", include("exports.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("lapangan/", include("fieldwork.urls")),
    path("sw.js", fieldwork_views.service_worker, name="service_worker"),
    path("naskah/", include("papers.urls")),
    path("persetujuan/", include("approvals.urls")),
    path("", include("public.urls")),
    path("pengaduan/", include("grievances.urls")),
    path("pemberitahuan/", include("notices.urls")),
    path("data-pribadi/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]
