"""The approval of an act by a second person (maker-checker, "empat mata").

The approvals app knows none of the acts: an app registers each of its acts in ``approvals.registry``
with the function that applies it; an Approval row holds what was proposed, by whom, and what became
of it. The year and the area are plain columns so that any app (the quota check among them) can count
what pending proposals hold without this app knowing what a quota is.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ProvinceQuerySet, scoped_queryset
from approvals import registry


class ApprovalStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu persetujuan")
    APPROVED = "disetujui", _("Disetujui")
    SENT_BACK = "dikembalikan", _("Dikembalikan")
    CANCELLED = "dibatalkan", _("Dibatalkan pengusul")
    WAIVED = "tanpa_pemeriksa", _("Tanpa pemeriksa (empat mata dimatikan)")


@pghistory.track(model_name="ApprovalHistory")
class Approval(models.Model):
    Status = ApprovalStatus

    kind = models.CharField(_("tindakan"), max_length=50)
    year = models.PositiveSmallIntegerField(_("tahun program"))
    kabupaten = models.ForeignKey("regions.Kabupaten", on_delete=models.PROTECT, null=True, blank=True,
                                  verbose_name=_("kabupaten/kota"))
    # The places of the area's quota the proposal holds while it waits, as its act counts them.
    places = models.IntegerField(_("tempat"), default=0)
    target_id = models.BigIntegerField(_("ID data sasaran"), null=True, blank=True)
    payload = models.JSONField(_("isian"), default=dict, blank=True)
    summary = models.TextField(_("usulan"))
    status = models.CharField(_("status"), max_length=20, choices=ApprovalStatus.choices,
                              default=ApprovalStatus.PENDING)
    maker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("pengusul"))
    made_at = models.DateTimeField(_("diusulkan pada"), default=timezone.now)
    checker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
                                blank=True, verbose_name=_("pemeriksa"))
    checked_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    reason = models.TextField(_("alasan dikembalikan"), blank=True)
    apply_error = models.TextField(_("gagal dijalankan"), blank=True)

    # An act of the whole province (no kabupaten: a budget document, a switch) belongs to its maker's.
    objects = scoped_queryset("kabupaten", province_field="maker__province").as_manager()

    class Meta:
        ordering = ["-made_at", "-id"]
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")
        indexes = [models.Index(fields=["status", "year", "kabupaten", "kind"], name="approval_pending_idx")]
        constraints = [
            # The rule itself, below every setting: nobody approves what they proposed.
            models.CheckConstraint(condition=Q(checker__isnull=True) | ~Q(checker=F("maker")),
                                   name="approval_checker_is_not_maker"),
            models.CheckConstraint(condition=Q(status__in=["menunggu", "dibatalkan", "tanpa_pemeriksa"])
                                   | Q(checker__isnull=False, checked_at__isnull=False),
                                   name="approval_checked_has_checker"),
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.summary[:80]}"


@pghistory.track(model_name="FourEyesSwitchHistory")
class FourEyesSwitch(models.Model):
    """A province's switch of four eyes for one act of a year; rows are only added, the newest one counts (the
    log)."""

    province = models.ForeignKey("regions.Province", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("provinsi"))
    year = models.PositiveSmallIntegerField(_("tahun program"))
    kind = models.CharField(_("tindakan"), max_length=50)
    enabled = models.BooleanField(_("empat mata aktif"))
    reason = models.TextField(_("alasan"))
    switched_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("oleh"))
    switched_at = models.DateTimeField(_("pada"), default=timezone.now)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["-switched_at", "-id"]
        verbose_name = _("saklar empat mata")
        verbose_name_plural = _("saklar empat mata")
        indexes = [models.Index(fields=["province", "year", "kind", "-switched_at"], name="four_eyes_switch_idx")]

    def __str__(self):
        return f"{self.year} {self.act_label}: {_('aktif') if self.enabled else _('mati')}"

    @property
    def act_label(self) -> str:
        return registry.act_label(self.kind)
