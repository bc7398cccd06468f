"""In-kind packages (never cash) and their handover to the recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ScopedQuerySet, scoped_queryset


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


class TrainingSession(models.Model):
    """A bimbingan teknis (bimtek): how to use the goods and run the business, before the handover."""

    programme_year = models.ForeignKey("quotas.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="training_sessions")
    date = models.DateField(_("tanggal"))
    venue = models.CharField(_("tempat"), max_length=200)
    topic = models.CharField(_("materi"), max_length=200)
    participants = models.ManyToManyField("recipients.Candidate", verbose_name=_("peserta"),
                                          related_name="training_sessions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("bimbingan teknis")
        verbose_name_plural = _("bimbingan teknis")

    def __str__(self):
        return f"{self.topic} ({self.date:%d/%m/%Y})"


class BusinessState(models.TextChoices):
    GROWING = "growing", _("Berkembang")
    RUNNING = "running", _("Berjalan")
    STRUGGLING = "struggling", _("Tersendat")
    CLOSED = "closed", _("Tutup")


@pghistory.track(model_name="MonitoringVisitHistory")
class MonitoringVisit(models.Model):
    """A pendampingan/monitoring visit after the handover: is the business still running?"""

    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                  related_name="monitoring_visits")
    visited_on = models.DateField(_("tanggal kunjungan"))
    state = models.CharField(_("kondisi usaha"), max_length=12, choices=BusinessState.choices)
    monthly_revenue = models.PositiveBigIntegerField(_("omzet per bulan (Rp)"), null=True, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    photo = models.ImageField(_("foto usaha"), upload_to="monitoring/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("kunjungan monitoring")
        verbose_name_plural = _("kunjungan monitoring")

    def __str__(self):
        return f"{self.candidate} {self.visited_on:%d/%m/%Y}: {self.get_state_display()}"
