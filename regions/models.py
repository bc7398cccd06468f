"""Kemendagri regions. The kabupaten/kota is the unit of scoping; a deployment may serve several
provinces, each a scope above its kabupaten/kota."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("kode"), max_length=2, unique=True)  # "64"
    name = models.CharField(_("nama"), max_length=100, unique=True)
    # The kop surat of its papers (BAST, the decree's annex, the report), one line per line.
    letterhead = models.TextField(
        _("kop surat"), blank=True,
        help_text=_("Satu baris kop per baris. Jika kosong: provinsi utama aplikasi ini memakai kop yang diatur di "
                    "server, provinsi lain “PEMERINTAH PROVINSI <NAMA>” dan “DINAS SOSIAL”."))
    # Where its papers are signed ("Ditetapkan di Banjarbaru"): the seat of its Dinas Sosial.
    paper_place = models.CharField(
        _("tempat penetapan"), max_length=100, blank=True,
        help_text=_("Kota tempat surat ditandatangani. Jika kosong: provinsi utama aplikasi ini memakai kota yang "
                    "diatur di server, provinsi lain nama provinsinya."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")

    def __str__(self):
        return self.name


class Kabupaten(models.Model):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="kabupaten_set",
                                 verbose_name=_("provinsi"))
    code = models.CharField(_("kode"), max_length=5, unique=True)  # dotted: "64.72"
    # Unique within its province: two provinces may each have a "Kabupaten Tengah".
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="kabupaten_unique_name"),
        ]

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
    kabupaten = models.ForeignKey(Kabupaten, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="kecamatan_set")
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

    kecamatan = models.ForeignKey(Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT,
                                  related_name="kelurahan_set")
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
