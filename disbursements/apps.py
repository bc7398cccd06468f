from django.apps import AppConfig


class DisbursementsConfig(AppConfig):
    name = "disbursements"
    verbose_name = "Penyaluran"

    def ready(self):
        from disbursements.jobs import register_kinds

        register_kinds()
