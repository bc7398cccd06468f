from django.apps import AppConfig


class DisbursementsConfig(AppConfig):
    name = "disbursements"
    verbose_name = "Penyaluran"

    def ready(self):
        from disbursements.jobs import register_kinds
        from disbursements.selectors import packages_offered
        from recipients.selectors import PACKAGE_CATALOGUES

        PACKAGE_CATALOGUES.append(packages_offered)

        register_kinds()
        # Registers the acts that need a second person (approvals.registry).
        from disbursements.services import four_eyes  # noqa: F401
