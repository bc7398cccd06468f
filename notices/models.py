"""The outbox of notices to families (SMS/WhatsApp), the numbers that replied STOP, and the people
whose data processing is restricted (UU 27/2022): no notice goes to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import ScopedQuerySet
from uep.formatting import mask_nik, tanggal


class Kind(models.TextChoices):
    DECIDED = "decided", _("Ditetapkan sebagai penerima")
    TRAINING_INVITED = "training_invited", _("Undangan bimtek")
    HANDOVER_INVITED = "handover_invited", _("Undangan penyerahan paket")
    HANDOVER_REMINDER = "handover_reminder", _("Pengingat 3 hari sebelum penyerahan")
    VISIT_DUE = "visit_due", _("Kunjungan monitoring jatuh tempo")
    COMPLAINT_RECEIVED = "complaint_received", _("Pengaduan diterima")
    COMPLAINT_RESOLVED = "complaint_resolved", _("Pengaduan selesai")


class Status(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    # Handed to the provider by a worker; the outcome is written when it answers. A worker killed here
    # leaves it so; the sweep finds it no longer held and sends it again under the same idempotency key.
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")
    OPTED_OUT = "opted_out", _("Berhenti berlangganan (STOP)")
    RESTRICTED = "restricted", _("Pemrosesan data dibatasi")
    NO_PHONE = "no_phone", _("Tanpa nomor HP")


class Notice(models.Model):
    # One per (event, recipient): "<kind>:<event>:<recipient>", e.g. "handover_invited:day17:cand42".
    # Also the idempotency key told to the provider, so a second send of the same notice is dropped there.
    key = models.CharField(_("kunci"), max_length=120, unique=True)
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    # The case it is about (empty for a complaint from someone who is not a candidate).
    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("calon"), on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="+")
    # International form without "+": 6281234567890. Empty: nobody to send to (status no_phone).
    phone = models.CharField(_("No. HP"), max_length=20, blank=True)
    text = models.CharField(_("isi"), max_length=160)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    # Not sent before this moment: quiet hours (21:00-07:00 WITA) and the pause after a failed attempt.
    not_before = models.DateTimeField(_("dikirim paling cepat"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    # When the sweep last gave it to a task; sent again only a lease later.
    queued_at = models.DateTimeField(_("diantrekan pada"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    provider = models.CharField(_("penyedia"), max_length=20, blank=True)
    provider_ref = models.CharField(_("nomor pesan di penyedia"), max_length=100, blank=True)
    error = models.CharField(_("galat terakhir"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        indexes = [models.Index(fields=["status", "not_before"], name="notice_due_idx",
                                condition=models.Q(status__in=["pending", "sending"])),
                   models.Index(fields=["kabupaten", "kind", "status"], name="notice_summary_idx")]

    def __str__(self):
        # Its page's title: what it tells and when, not its key ("handover_invited:day2:c29").
        return f"{self.get_kind_display()}, {tanggal(self.created_at)}"


class OptOut(models.Model):
    """A number that replied STOP/BERHENTI: no further notice is sent to it (counted as opted out)."""

    phone = models.CharField(_("No. HP"), max_length=20, unique=True)
    at = models.DateTimeField(_("pada"), auto_now_add=True)
    word = models.CharField(_("balasan"), max_length=160)

    class Meta:
        verbose_name = _("nomor berhenti berlangganan")
        verbose_name_plural = _("nomor berhenti berlangganan")

    def __str__(self):
        # Titles, breadcrumbs and the admin's recent actions show the row by this: the number masked.
        return mask_nik(self.phone)


class Restriction(models.Model):
    """A person who asked to restrict the processing of their data (UU 27/2022 art. 11): no notice."""

    person = models.OneToOneField("recipients.Person", verbose_name=_("orang"), on_delete=models.CASCADE,
                                  related_name="+")
    since = models.DateTimeField(_("sejak"), auto_now_add=True)
    reason = models.CharField(_("dasar"), max_length=200)

    class Meta:
        verbose_name = _("pembatasan pemrosesan")
        verbose_name_plural = _("pembatasan pemrosesan")

    def __str__(self):
        return _("%(person)s, sejak %(date)s") % {"person": self.person, "date": tanggal(self.since)}
