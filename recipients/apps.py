from django.apps import AppConfig


class RecipientsConfig(AppConfig):
    name = "recipients"
    verbose_name = "Penerima"

    def ready(self):
        from recipients.jobs import register_kinds

        register_kinds()
