"""Kemendagri regions of Kalimantan Timur. The kabupaten/kota is the unit of scoping."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kabupaten(models.Model):
    code = models.CharField(_("kode"), max_length=5, unique=True)  # dotted: "64.72"
    name = models.CharField(_("nama"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        return self.name

    @property
    def digits(self) -> str:
        """The four digits that open a NIK or KK registered here."""
        return self.code.replace(".", "")

    @property
    def short_name(self) -> str:
        return self.name.removeprefix("Kabupaten ").removeprefix("Kota ")


class Kecamatan(models.Model):
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan_set")
    code = models.CharField(_("kode"), max_length=8, unique=True)  # "64.72.01"
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        constraints = [models.UniqueConstraint(fields=["kabupaten", "name"], name="kecamatan_unique_name")]

    def __str__(self):
        return self.name


class Kelurahan(models.Model):
    """A kelurahan (urban) or desa (village); the first digit of the last part says which."""

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="kelurahan_set")
    code = models.CharField(_("kode"), max_length=13, unique=True)  # "64.72.01.1001"
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kelurahan/desa")
        verbose_name_plural = _("kelurahan/desa")

    def __str__(self):
        return self.name

    @property
    def is_desa(self) -> bool:
        return self.code.rsplit(".", 1)[1].startswith("2")
