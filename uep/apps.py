from django.apps import AppConfig


class UepConfig(AppConfig):
    """The project package as an app: its system checks (``uep/checks.py``)."""

    name = "uep"
    verbose_name = "UEP"

    def ready(self):
        from uep import checks  # noqa: F401 - registers the checks
