from django.apps import AppConfig


class QuotasConfig(AppConfig):
    name = "quotas"
    verbose_name = "Kuota"

    def ready(self):
        # Registers the acts that need a second person (approvals.registry).
        from quotas.services import decision, ledger  # noqa: F401
