from django.apps import AppConfig


class DisbursementsConfig(AppConfig):
    name = "disbursements"
    verbose_name = "Penyaluran"

    def ready(self):
        # Registers the acts that need a second person (approvals.registry).
        from disbursements import four_eyes  # noqa: F401
