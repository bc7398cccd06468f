"""Who signs the official papers: per programme year, the official of each kabupaten/kota who hands the
goods over (PIHAK PERTAMA of its BASTs) and the province's Kepala Dinas who signs the decree (SK)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import scoped_queryset


@pghistory.track(model_name="SignatoryHistory")
class Signatory(models.Model):
    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="+")
    # The kabupaten's, or (kabupaten empty) the one whose Kepala Dinas Sosial signs the decree.
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    # Empty: the province (the Kepala Dinas Sosial Provinsi, who signs the decree).
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    name = models.CharField(_("nama"), max_length=150)
    nip = models.CharField(_("NIP"), max_length=18)
    position = models.CharField(_("jabatan"), max_length=200)
    rank = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = scoped_queryset("kabupaten", province_field="province").as_manager()

    class Meta:
        ordering = ["programme_year", "kabupaten__code"]
        verbose_name = _("penandatangan")
        verbose_name_plural = _("penandatangan")
        constraints = [
            models.UniqueConstraint(fields=["programme_year", "kabupaten"], name="signatory_once_per_area"),
            models.UniqueConstraint(fields=["programme_year", "province"], condition=models.Q(kabupaten__isnull=True),
                                    name="signatory_once_for_province"),
        ]

    def __str__(self):
        return f"{self.name} ({self.position})"
