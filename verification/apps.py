from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = "Verifikasi"

    def ready(self):
        from recipients.selectors import KK_SOURCES
        from verification.jobs import register_kinds
        from verification.selectors import registry_kk_sightings

        KK_SOURCES.append(registry_kk_sightings)

        register_kinds()
