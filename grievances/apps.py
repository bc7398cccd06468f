from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "grievances"
    verbose_name = "Pengaduan masyarakat"

    def ready(self):
        from grievances.selectors import notices_of_sensitive_complaints_hidden
        from notices.selectors import NOTICE_HIDERS

        if notices_of_sensitive_complaints_hidden not in NOTICE_HIDERS:
            NOTICE_HIDERS.append(notices_of_sensitive_complaints_hidden)
