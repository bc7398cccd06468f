"""Visits recorded on a phone without signal, as they arrive: one row per visit the device made.

The device makes each visit's id (a UUID); the unique constraint on it is what makes sending twice
harmless. A visit that meets one recorded on the server meanwhile (the same family and round) is
kept here whole, photos included, until the area's officer settles the conflict.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import scoped_queryset


class Kind(models.TextChoices):
    MONITORING = "monitoring", _("Kunjungan monitoring")
    FIELD_VERIFICATION = "verifikasi", _("Verifikasi lapangan")


class SubmissionStatus(models.TextChoices):
    APPLIED = "diterima", _("Diterima")
    CONFLICT = "konflik", _("Konflik, menunggu keputusan")
    SETTLED = "diselesaikan", _("Konflik diselesaikan")


class Choice(models.TextChoices):
    """Which version a settled conflict kept."""

    SERVER = "server", _("Isian yang sudah ada di server")
    DEVICE = "perangkat", _("Isian dari perangkat")


@pghistory.track(model_name="SubmissionHistory")
class Submission(models.Model):
    client_id = models.UUIDField(_("kode kunjungan di perangkat"), unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                  related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                             related_name="+")
    status = models.CharField(_("status"), max_length=14, choices=SubmissionStatus.choices)
    # The visit it wrote or met: the due monitoring visit; the field visit made, or the one recorded meanwhile.
    monitoring_visit = models.ForeignKey("monitoring.Visit", verbose_name=_("kunjungan monitoring"),
                                         on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+")
    field_visit = models.ForeignKey("verification.FieldVisit", verbose_name=_("verifikasi lapangan"),
                                    on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    # The form's fields as the device sent them, read again when a conflict is settled for the device.
    payload = models.JSONField(_("isian"), default=dict)
    recorded_on_device = models.DateTimeField(_("dicatat di perangkat"), null=True, blank=True)
    received_at = models.DateTimeField(_("diterima server"), auto_now_add=True)
    settled_choice = models.CharField(_("keputusan"), max_length=10, choices=Choice.choices, blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diputuskan oleh"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    settled_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("kiriman dari perangkat")
        verbose_name_plural = _("kiriman dari perangkat")
        indexes = [models.Index(fields=["status"], name="submission_status",
                                condition=models.Q(status="konflik"))]

    def __str__(self):
        return f"{self.get_kind_display()} {self.client_id}"


class SubmissionPhoto(models.Model):
    """A photo of a visit in conflict, kept until it is settled (then moved to the visit or kept here)."""

    submission = models.ForeignKey(Submission, verbose_name=_("kiriman"), on_delete=models.CASCADE,
                                   related_name="photos")
    image = models.ImageField(_("foto"), upload_to="fieldwork/%Y/%m/")

    objects = scoped_queryset("submission__candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("foto kiriman")
        verbose_name_plural = _("foto kiriman")

    def __str__(self):
        return _("Foto %(number)s") % {"number": self.pk}
