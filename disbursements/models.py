"""In-kind packages (never cash) and their handover to the recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import scoped_queryset


class PackageType(models.Model):
    """A ready-to-use package of raw materials and equipment for one kind of business."""

    class Sector(models.TextChoices):
        FOOD = "food", _("Olahan pangan")
        CRAFT = "craft", _("Kerajinan")
        SERVICE = "service", _("Jasa")
        TRADE = "trade", _("Perdagangan")

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    sector = models.CharField(_("sektor"), max_length=10, choices=Sector.choices)
    items = models.TextField(_("isi paket"), help_text=_("Bahan baku dan peralatan, satu per baris."))
    value = models.PositiveBigIntegerField(_("nilai (Rp)"), default=5_000_000)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("jenis paket")
        verbose_name_plural = _("jenis paket")

    def __str__(self):
        return f"{self.code} - {self.name}"


@pghistory.track(model_name="HandoverHistory")
class Handover(models.Model):
    """The handover of a package, evidenced by a signed Berita Acara Serah Terima (BAST)."""

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                     related_name="handover")
    package_type = models.ForeignKey(PackageType, verbose_name=_("paket"), on_delete=models.PROTECT)
    date = models.DateField(_("tanggal serah terima"))
    bast_number = models.CharField(_("nomor BAST"), max_length=100, unique=True)
    bast_scan = models.FileField(_("pindaian BAST bertanda tangan"), upload_to="bast/%Y/", blank=True)
    photo = models.ImageField(_("foto serah terima"), upload_to="bast/%Y/", blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("serah terima")
        verbose_name_plural = _("serah terima")

    def __str__(self):
        return self.bast_number
