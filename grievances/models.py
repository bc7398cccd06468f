"""Complaints (pengaduan) from anyone: the public form, or an officer recording a call, a message or a visit."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import may_handle_sensitive
from accounts.scoping import ProvinceQuerySet, ScopedQuerySet
from uep.formatting import tanggal


class Category(models.TextChoices):
    SELECTION = "selection", _("Penetapan penerima (yang layak tidak diusulkan, atau yang tidak layak menerima)")
    GOODS = "goods", _("Barang bantuan")
    TRAINING = "training", _("Bimbingan teknis (bimtek)")
    CONDUCT = "conduct", _("Sikap petugas atau pendamping")
    PUNGLI = "pungli", _("Pungutan liar (diminta uang atau imbalan)")
    FRAUD = "fraud", _("Penipuan atau penyelewengan")
    HARASSMENT = "harassment", _("Pelecehan atau eksploitasi seksual")
    PERSONAL_DATA = "personal_data", _("Data pribadi (bocor atau disalahgunakan)")


# These never reach the area's own officer (the officer may be the one complained about): only provincial
# staff holding the "handle_sensitive" permission see them (accounts.permissions.may_handle_sensitive).
SENSITIVE = frozenset({Category.PUNGLI, Category.FRAUD, Category.HARASSMENT, Category.PERSONAL_DATA})


class Channel(models.TextChoices):
    WEB = "web", _("Formulir daring")
    PHONE = "phone", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    IN_PERSON = "in_person", _("Datang langsung")
    # Raised by an officer from a delivery check or a monitoring visit (disbursements/services/complaints.py).
    VISIT = "visit", _("Kunjungan (uji petik atau monitoring)")


class Status(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROGRESS = "in_progress", _("Sedang ditangani")
    RESOLVED = "resolved", _("Selesai")
    REJECTED = "rejected", _("Ditolak")


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.RESOLVED, Status.REJECTED)


class Level(models.IntegerChoices):
    """Who answers for a complaint now: escalation moves it up one step (grievances/services/escalation.py)."""

    AREA = 0, _("Petugas kabupaten/kota")
    PROVINCE = 1, _("Petugas pengaduan provinsi")
    HEAD = 2, _("Kepala bidang")


class GrievanceQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        visible = super().visible_to(user)
        return visible if may_handle_sensitive(user) else visible.exclude(category__in=SENSITIVE)

    def writable_by(self, user):
        writable = super().writable_by(user)
        return writable if may_handle_sensitive(user) else writable.exclude(category__in=SENSITIVE)


class Grievance(models.Model):
    # Shown to the complainant at once; the public tracking page takes it and shows the status only.
    code = models.CharField(_("kode pelacakan"), max_length=12, unique=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("saluran"), max_length=12, choices=Channel.choices)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    description = models.TextField(_("uraian"), max_length=5000)
    # Anonymous complaints are allowed: both may stay empty.
    complainant_name = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    complainant_phone = models.CharField(_("No. HP pelapor"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    resolution = models.TextField(_("penyelesaian"), blank=True)
    # A default, not auto_now_add: the services pass the moment they were given (tests freeze the clock).
    received_at = models.DateTimeField(_("diterima pada"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)
    # Empty for the public form; the officer who took the call, message or visit otherwise.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")

    # The family raised it at a visit: the case it is about (disbursements' goods complaint links here too).
    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="grievances")
    # The clock (grievances/deadlines.py), fixed when the complaint is received: a later change of the
    # category's days does not move a promise already made.
    acknowledge_due_at = models.DateTimeField(_("batas ditanggapi"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("batas selesai"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    # Who answers now, and the moment that holder is breached (escalation.py moves both).
    level = models.PositiveSmallIntegerField(_("ditangani oleh"), choices=Level.choices, default=Level.AREA)
    level_due_at = models.DateTimeField(_("batas tingkat ini"), null=True, blank=True)

    objects = GrievanceQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("pengaduan masyarakat")
        verbose_name_plural = _("pengaduan masyarakat")
        permissions = [
            ("handle_sensitive", _("Menangani pengaduan sensitif (pungli, penipuan, pelecehan, data pribadi)")),
            ("head_of_division", _("Kepala bidang: menerima eskalasi terakhir pengaduan")),
        ]
        indexes = [models.Index(fields=["kabupaten", "status"], name="grievance_area_status"),
                   # The beat job's one query: open complaints whose holder is breached.
                   models.Index(fields=["level_due_at"], name="grievance_open_level_due",
                                condition=models.Q(status__in=["received", "in_progress"]))]

    def __str__(self):
        return self.code

    @property
    def sensitive(self) -> bool:
        return self.category in SENSITIVE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def acknowledge_by(self):
        """The last day still in time to acknowledge it, as pages print it."""
        from grievances.clock import last_day_of

        return last_day_of(self.acknowledge_due_at) if self.acknowledge_due_at else None

    @property
    def resolve_by(self):
        from grievances.clock import last_day_of

        return last_day_of(self.resolve_due_at) if self.resolve_due_at else None


def start_level(category: str) -> int:
    """Sensitive complaints start at the designated provincial officer, never at the area."""
    return Level.PROVINCE if category in SENSITIVE else Level.AREA


class EscalationQuerySet(ScopedQuerySet):
    scope_field = "grievance__kabupaten"

    def visible_to(self, user):
        visible = super().visible_to(user)
        return visible if may_handle_sensitive(user) else visible.exclude(grievance__category__in=SENSITIVE)


class Escalation(models.Model):
    """One step up the region tree of one complaint. Append-only: a trigger refuses UPDATE and DELETE, so the
    history of who let a complaint wait cannot be rewritten (the escalation job only ever inserts)."""

    class Reason(models.TextChoices):
        NOT_ACKNOWLEDGED = "not_acknowledged", _("Tidak ditanggapi dalam 1 hari kerja")
        NOT_RESOLVED = "not_resolved", _("Tidak selesai dalam batas waktu")

    grievance = models.ForeignKey(Grievance, verbose_name=_("pengaduan"), on_delete=models.PROTECT,
                                  related_name="escalations")
    from_level = models.PositiveSmallIntegerField(_("dari"), choices=Level.choices)
    to_level = models.PositiveSmallIntegerField(_("ke"), choices=Level.choices)
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)
    # The breached deadline, and the new holder's.
    breached_due_at = models.DateTimeField(_("batas yang terlewati"))
    new_due_at = models.DateTimeField(_("batas baru"))
    at = models.DateTimeField(_("waktu"))

    objects = EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("eskalasi pengaduan")
        verbose_name_plural = _("eskalasi pengaduan")
        # Running the job twice, or two workers at once, cannot escalate a complaint to one level twice.
        constraints = [models.UniqueConstraint(fields=["grievance", "to_level"], name="escalation_once_per_level")]
        triggers = [pgtrigger.Protect(name="escalation_append_only", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self):
        return f"{self.grievance} {self.get_from_level_display()} -> {self.get_to_level_display()}"


class CategoryDeadline(models.Model):
    """How many working days a category's complaints have to be resolved in one province, set by its staff.
    A category without a row has its default (DEFAULT_RESOLVE_WORKING_DAYS)."""

    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    resolve_working_days = models.PositiveSmallIntegerField(_("hari kerja untuk selesai"))
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["category"]
        verbose_name = _("batas waktu pengaduan")
        verbose_name_plural = _("batas waktu pengaduan")
        constraints = [models.CheckConstraint(name="resolve_days_in_range",
                                              condition=models.Q(resolve_working_days__gte=1,
                                                                 resolve_working_days__lte=60)),
                       models.UniqueConstraint(
                           fields=["province", "category"], name="category_deadline_unique",
                           violation_error_message=_("Kategori ini sudah punya batas waktu di provinsi itu; ubah "
                                                     "barisnya."))]

    def __str__(self):
        return _("%(category)s: %(days)s hari kerja") % {"category": self.get_category_display(),
                                                          "days": self.resolve_working_days}


class Holiday(models.Model):
    """A national holiday (or cuti bersama) on which the complaints' clock stops; seeded for 2026 and 2027."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")

    def __str__(self):
        return f"{tanggal(self.date)} {self.name}"
