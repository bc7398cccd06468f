from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = "Verifikasi"

    def ready(self):
        from verification.jobs import register_kinds

        register_kinds()
