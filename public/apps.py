from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Layanan publik (cek status)"
