from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Jejak audit")

    def ready(self):
        # The admin sections of django-axes and django-pghistory, whose names are not
        # translatable strings, in Indonesian like the rest of the admin.
        apps.get_app_config("axes").verbose_name = _("Pembatasan login")
        apps.get_app_config("pghistory").verbose_name = _("Riwayat perubahan")
        events = apps.get_model("pghistory", "Events")
        events._meta.verbose_name = _("perubahan data")
        events._meta.verbose_name_plural = _("perubahan data")
        for field, label in [("pgh_created_at", _("waktu")), ("pgh_obj_model", _("jenis data")),
                             ("pgh_obj_id", _("nomor data")), ("pgh_label", _("peristiwa")),
                             ("pgh_data", _("isi")), ("pgh_diff", _("perubahan")), ("pgh_context", _("konteks")),
                             ("pgh_slug", _("kode peristiwa")), ("pgh_id", _("nomor peristiwa"))]:
            try:
                events._meta.get_field(field).verbose_name = label
            except Exception:  # noqa: BLE001 - a field a later pghistory drops keeps its own name
                continue
        from audit.events_admin import register_history_admins

        register_history_admins()
