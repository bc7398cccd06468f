"""A file made in the background (an export, a BAST print, the yearly report): one model for every kind.

The kinds are registered by their apps (``exports.registry``); this app knows none of them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import ScopedQuerySet


class JobQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Its owner's, and the masked jobs of a shared kind (a print, the report) of an area the user
        sees; a job of the whole province (no area) only to who sees every area. A file with full
        numbers is its owner's alone."""
        from exports.registry import shared_kinds

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        shared = models.Q(kind__in=shared_kinds(), full_numbers=False)
        if not user.sees_all_areas:
            shared &= models.Q(kabupaten_id=user.kabupaten_id) if user.kabupaten_id else models.Q(pk__in=[])
        elif (areas := user.area_ids()) is not None:
            # A province's staff: its areas' files, and the whole-province files its own people asked for.
            shared &= (models.Q(kabupaten_id__in=areas)
                       | models.Q(kabupaten__isnull=True, user__province_id=user.province_id))
        return self.filter(models.Q(user=user) | shared)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu giliran")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Siap diunduh")
        FAILED = "failed", _("Gagal")
        STOPPED = "stopped", _("Dihentikan")

    # A registered kind's name (``exports.registry``), e.g. "disbursements.bast".
    kind = models.CharField(_("jenis"), max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.PROTECT,
                             related_name="+")
    # What the user asked for, read again by the worker within the same user's scope, so the file
    # never holds more than the user's screen.
    params = models.JSONField(_("permintaan"), default=dict, blank=True)
    # The area the file is of (none: the province); what a shared kind is shown by, and the access log's.
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    full_numbers = models.BooleanField(_("NIK/KK lengkap"), default=False)
    subject = models.CharField(_("data"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("selesai"), default=0)
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    # When its task was last sent: the sweep sends again a job not done, not held, sent over a lease ago.
    sent_at = models.DateTimeField(_("dikirim ke antrean"), null=True, blank=True)
    resends = models.PositiveSmallIntegerField(_("dikirim ulang oleh sapuan"), default=0)
    progressed_at = models.DateTimeField(_("kemajuan terakhir"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("berkas latar belakang")
        verbose_name_plural = _("berkas latar belakang")
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_recent"),
                   models.Index(fields=["kind", "-created_at"], name="job_kind_recent"),
                   models.Index(fields=["status"], name="job_unfinished",
                                condition=models.Q(status__in=["queued", "running"]))]

    def __str__(self):
        return f"{self.kind_label} #{self.pk}"

    @property
    def kind_label(self) -> str:
        from exports.registry import kind_label

        return kind_label(self.kind)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.STOPPED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, round(100 * self.done / self.total)) if self.total else 0


class JobFile(models.Model):
    """One file a job made (the yearly report makes a PDF and an XLSX)."""

    job = models.ForeignKey(Job, verbose_name=_("berkas latar belakang"), on_delete=models.CASCADE,
                            related_name="files")
    file = models.FileField(_("berkas"), upload_to="berkas/%Y/%m/")
    name = models.CharField(_("nama berkas"), max_length=150)

    class Meta:
        ordering = ["job", "id"]
        verbose_name = _("berkas")
        verbose_name_plural = _("berkas")

    def __str__(self):
        return self.name
