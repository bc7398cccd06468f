"""A big export, written by a worker into a file the user downloads when it is ready."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    class Kind(models.TextChoices):
        CANDIDATES = "candidates", _("Daftar calon penerima")
        VERIFICATION = "verification", _("Hasil verifikasi DTKS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang disiapkan")
        DONE = "done", _("Siap diunduh")
        FAILED = "failed", _("Gagal")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    # What the user asked for (filters, the verification job, an area): read again by the worker
    # with the same user's scope, so the file never holds more than the user's screen.
    params = models.JSONField(_("permintaan"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    total = models.PositiveIntegerField(_("jumlah baris"), default=0)
    row_count = models.PositiveIntegerField(_("baris tertulis"), default=0)
    full_numbers = models.BooleanField(_("NIK/KK lengkap"), default=False)
    file = models.FileField(_("berkas"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("nama berkas"), max_length=100, blank=True)
    # For the access log of each download: what the file holds, and its area (none: the province).
    subject = models.CharField(_("data"), max_length=200, blank=True)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    message = models.CharField(_("pesan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ekspor")
        verbose_name_plural = _("ekspor")
        indexes = [models.Index(fields=["user", "-created_at"], name="export_user_recent")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
