"""Who read or exported personal data (UU 27/2022). Changes themselves are recorded by
django-pghistory triggers on each tracked model, which also catch bulk writes and COPY."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import scoped_queryset
from uep.formatting import waktu


class DataAccess(models.Model):
    class Action(models.TextChoices):
        READ = "read", _("Lihat data lengkap")
        EXPORT = "export", _("Ekspor")

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT)
    action = models.CharField(_("tindakan"), max_length=10, choices=Action.choices)
    subject = models.CharField(_("data"), max_length=200)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  null=True, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    detail = models.JSONField(_("rincian"), default=dict, blank=True)

    # A read of the whole province (no kabupaten) belongs to the reader's province.
    objects = scoped_queryset("kabupaten", province_field="user__province").as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("akses data pribadi")

    def __str__(self):
        return f"{waktu(self.at)} {self.user} {self.get_action_display()} {self.subject}"
