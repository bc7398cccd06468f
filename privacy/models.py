"""A family's request about its own data (UU 27/2022): to see it, to correct it, or to restrict its
processing; answered within 3 x 24 hours."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scoping import ScopedQuerySet

# UU 27/2022 art. 32-34: the controller answers a request to see, correct or restrict within 3 x 24 hours.
ANSWER_WITHIN = dt.timedelta(hours=72)


class Kind(models.TextChoices):
    SEE = "see", _("Melihat data dan riwayat pemrosesannya")
    CORRECT = "correct", _("Membetulkan data")
    RESTRICT = "restrict", _("Membatasi pemrosesan data")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Datang langsung")
    PHONE = "phone", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LETTER = "letter", _("Surat")


class DataRequest(models.Model):
    kind = models.CharField(_("permintaan"), max_length=10, choices=Kind.choices)
    # The person's NIK as the family gave it: the request is about that NIK even if the system holds nothing.
    nik = models.CharField(_("NIK"), max_length=16)
    person = models.ForeignKey("recipients.Person", verbose_name=_("orang"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    requester_name = models.CharField(_("nama pemohon"), max_length=150)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    details = models.TextField(_("isi permintaan"), max_length=3000, blank=True)
    # When the family asked (the clock starts then, not when it was typed in).
    received_at = models.DateTimeField(_("diterima pada"))
    due_at = models.DateTimeField(_("batas jawaban"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ditutup oleh"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    outcome = models.TextField(_("yang dilakukan"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["closed_at", "due_at"]
        verbose_name = _("permintaan hak atas data")
        verbose_name_plural = _("permintaan hak atas data")
        constraints = [models.CheckConstraint(name="data_request_closed_with_outcome",
                                              condition=models.Q(closed_at__isnull=True) | ~models.Q(outcome=""))]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def breached(self, now: dt.datetime | None = None) -> bool:
        """Answered late, or still open past its 3 x 24 hours."""
        end = self.closed_at or now or timezone.now()
        return end > self.due_at
