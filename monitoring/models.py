"""After the handover: rounds of visits, pendamping, the baseline, the visits and the minimum wage."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ScopedQuerySet, scoped_queryset
from recipients.models import BusinessStatus, audit_trackers
from uep.formatting import angka, rupiah, tanggal


class Outcome(models.TextChoices):
    """What a visit found. The first four are the business's state; the rest: the family not reached."""

    GROWING = "berkembang", _("Berkembang")
    RUNNING = "berjalan", _("Berjalan")
    STRUGGLING = "tersendat", _("Tersendat")
    CLOSED = "tutup", _("Tutup")
    MOVED = "pindah", _("Pindah")
    NOT_FOUND = "tidak_ditemukan", _("Tidak ditemukan")
    REFUSED = "menolak", _("Menolak")
    DIED = "meninggal", _("Meninggal")


# The one definition of each group of outcomes, read by the visit form, survival and income.
STILL_RUNNING = (Outcome.GROWING, Outcome.RUNNING, Outcome.STRUGGLING)
REACHED = (*STILL_RUNNING, Outcome.CLOSED)
NOT_REACHED = (Outcome.MOVED, Outcome.NOT_FOUND, Outcome.REFUSED, Outcome.DIED)
# Events that end the following of a business other than its closure (survival's competing risks).
COMPETING = (Outcome.MOVED, Outcome.DIED)


class ItemUse(models.TextChoices):
    USED = "dipakai", _("Dipakai")
    IDLE = "tidak_dipakai", _("Tidak dipakai")
    SOLD = "dijual", _("Dijual")
    BROKEN = "rusak", _("Rusak")
    LOST = "hilang", _("Hilang")


# An item sold or lost needs a reason, like a business that closed.
USE_NEEDS_REASON = (ItemUse.SOLD, ItemUse.LOST)


class Round(models.Model):
    """A monitoring round of a programme year: a visit due so many months after each handover."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="monitoring_rounds")
    months = models.PositiveSmallIntegerField(_("bulan setelah serah terima"))

    class Meta:
        ordering = ["programme_year", "months"]
        verbose_name = _("putaran monitoring")
        verbose_name_plural = _("putaran monitoring")
        constraints = [models.UniqueConstraint(fields=["programme_year", "months"], name="round_once_per_year"),
                       models.CheckConstraint(condition=models.Q(months__gt=0), name="round_after_handover")]

    def __str__(self):
        return _("%(months)s bulan") % {"months": self.months}


@pghistory.track(model_name="FacilitatorHistory")
class Facilitator(models.Model):
    """A pendamping: mentors the families of one kabupaten/kota after the handover and visits them."""

    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="facilitators")
    name = models.CharField(_("nama"), max_length=150)
    phone = models.CharField(_("No. HP"), max_length=20, blank=True)
    # A pendamping who logs in sees their own list first.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("akun"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="facilitator")
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kabupaten", "name"]
        verbose_name = _("pendamping")
        verbose_name_plural = _("pendamping")

    def __str__(self):
        return self.name


@pghistory.track(model_name="AssignmentHistory")
class Assignment(models.Model):
    """Which pendamping follows a family; one pendamping per family."""

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                     related_name="facilitator_assignment")
    facilitator = models.ForeignKey(Facilitator, verbose_name=_("pendamping"), on_delete=models.PROTECT,
                                    related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ditugaskan oleh"),
                                    on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("ditugaskan pada"), auto_now=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        verbose_name = _("penugasan pendamping")
        verbose_name_plural = _("penugasan pendamping")

    def __str__(self):
        return f"{self.facilitator}: {self.candidate}"


@pghistory.track(model_name="BaselineHistory")
class Baseline(models.Model):
    """The business at the handover, against which every visit is compared."""

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                     related_name="monitoring_baseline")
    recorded_on = models.DateField(_("tanggal"))
    state = models.CharField(_("kondisi usaha"), max_length=10, choices=BusinessStatus.choices)
    monthly_revenue = models.PositiveBigIntegerField(_("omzet per bulan (Rp)"))
    assets = models.PositiveBigIntegerField(_("nilai aset usaha (Rp)"))
    workers = models.PositiveSmallIntegerField(_("jumlah pekerja"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        verbose_name = _("data awal usaha")
        verbose_name_plural = _("data awal usaha")

    def __str__(self):
        return f"{self.candidate} {tanggal(self.recorded_on)}"


# Statement-level audit: the daily job creates thousands of due visits in one INSERT.
@pghistory.track(*audit_trackers(), model_name="VisitHistory")
class Visit(models.Model):
    """A visit due in a round (created by the daily job), then done; or one outside the rounds."""

    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                  related_name="monitoring_visits")
    round = models.ForeignKey(Round, verbose_name=_("putaran"), on_delete=models.PROTECT, null=True, blank=True,
                              related_name="visits")
    due_on = models.DateField(_("jatuh tempo"), null=True, blank=True)
    visited_on = models.DateField(_("tanggal kunjungan"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices, blank=True)
    monthly_revenue = models.PositiveBigIntegerField(_("omzet per bulan (Rp)"), null=True, blank=True)
    assets = models.PositiveBigIntegerField(_("nilai aset usaha (Rp)"), null=True, blank=True)
    workers = models.PositiveSmallIntegerField(_("jumlah pekerja"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    photo = models.ImageField(_("foto usaha"), upload_to="monitoring/%Y/", blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    facilitator = models.ForeignKey(Facilitator, verbose_name=_("pendamping"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="visits")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), null=True, blank=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["due_on", "visited_on", "id"]
        verbose_name = _("kunjungan monitoring")
        verbose_name_plural = _("kunjungan monitoring")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "round"], name="visit_once_per_round"),
            models.CheckConstraint(condition=models.Q(visited_on__isnull=True) | ~models.Q(outcome=""),
                                   name="visit_done_has_outcome"),
        ]
        indexes = [models.Index(fields=["round", "due_on"], name="visit_round_due")]

    def __str__(self):
        return f"{self.candidate} {self.round or ''}"


class MinimumWage(models.Model):
    """The kabupaten/kota minimum wage (UMK) of a year, as set by the governor's decree."""

    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="minimum_wages")
    year = models.PositiveSmallIntegerField(_("tahun"))
    amount = models.PositiveBigIntegerField(_("UMK per bulan (Rp)"))
    decree_number = models.CharField(_("nomor keputusan"), max_length=150)
    decree_date = models.DateField(_("tanggal keputusan"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kabupaten"]
        verbose_name = _("UMK")
        verbose_name_plural = _("UMK")
        constraints = [models.UniqueConstraint(fields=["kabupaten", "year"], name="minimum_wage_once_per_year")]

    def __str__(self):
        return f"UMK {self.kabupaten} {self.year}"


class VisitItem(models.Model):
    """What became of one item of the BAST, as a visit found it."""

    visit = models.ForeignKey(Visit, verbose_name=_("kunjungan"), on_delete=models.CASCADE, related_name="items")
    line = models.ForeignKey("disbursements.HandoverLine", verbose_name=_("barang"), on_delete=models.PROTECT,
                             related_name="+")
    use = models.CharField(_("pemakaian"), max_length=14, choices=ItemUse.choices)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)

    objects = scoped_queryset("visit__candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["visit", "line"]
        verbose_name = _("pemakaian barang")
        verbose_name_plural = _("pemakaian barang")
        constraints = [models.UniqueConstraint(fields=["visit", "line"], name="visit_item_once")]

    def __str__(self):
        return f"{self.line}: {self.get_use_display()}"


class GraduationRule(models.Model):
    """When a family of a programme year counts as graduated (lulus / mandiri); set by provincial
    staff per year. The defaults are Kemensos's PENA practice (docs/monitoring.md)."""

    programme_year = models.OneToOneField("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                          related_name="graduation_rule")
    consecutive_rounds = models.PositiveSmallIntegerField(
        _("putaran berturut-turut"), default=2,
        help_text=_("Berapa putaran berturut-turut usaha harus berjalan atau berkembang."))
    umk_required = models.BooleanField(_("omzet minimal UMK"), default=True,
                                       help_text=_("Omzet pada setiap putaran itu minimal UMK kabupaten/kota tahun kunjungan."))
    mentoring_months = models.PositiveSmallIntegerField(
        _("pendampingan lanjutan (bulan)"), default=4,
        help_text=_("Pendampingan berlanjut sekurang-kurangnya sekian bulan setelah putaran pertama yang memenuhi."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("aturan kelulusan")
        verbose_name_plural = _("aturan kelulusan")
        constraints = [models.CheckConstraint(condition=models.Q(consecutive_rounds__gte=1), name="graduation_rounds_positive")]

    def __str__(self):
        return f"{self.programme_year}"


class Graduation(models.Model):
    """A family that graduated: recorded once by ``graduation.graduations_compute`` with the rounds it
    rests on, and never taken back (a later closure is shown beside it)."""

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                     related_name="graduation")
    graduated_on = models.DateField(_("tanggal lulus"))
    first_visit = models.ForeignKey(Visit, verbose_name=_("putaran pertama"), on_delete=models.PROTECT, related_name="+")
    last_visit = models.ForeignKey(Visit, verbose_name=_("putaran terakhir"), on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField(_("dihitung"), auto_now_add=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["graduated_on", "id"]
        verbose_name = _("kelulusan")
        verbose_name_plural = _("kelulusan")

    def __str__(self):
        return f"{self.candidate} {tanggal(self.graduated_on)}"


class PriorFollowUp(models.Model):
    """A recipient of an earlier programme (WRSE, KUBE, or UEP before this app; ``PriorRecipient``,
    imported by ``import_prior_recipients``) whom staff follow with monitoring visits in one
    kabupaten/kota. Its own cohort (scheme and year) on the cohort page, never mixed into UEP's figures."""

    prior_recipient = models.OneToOneField("verification.PriorRecipient", verbose_name=_("penerima terdahulu"),
                                           on_delete=models.PROTECT, related_name="follow_up")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    name = models.CharField(_("nama"), max_length=150)
    # The rounds (months) are counted from this date, as a UEP family's are from its handover.
    received_on = models.DateField(_("tanggal menerima bantuan"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kabupaten", "name", "id"]
        verbose_name = _("penerima terdahulu yang diikuti")
        verbose_name_plural = _("penerima terdahulu yang diikuti")

    def __str__(self):
        return f"{self.name} ({self.prior_recipient.scheme} {self.prior_recipient.year})"


@pghistory.track(model_name="PriorVisitHistory")
class PriorVisit(models.Model):
    """A monitoring visit to a followed earlier recipient, at a round counted in months from the
    date it received its aid. The outcomes are the UEP visits' own."""

    follow_up = models.ForeignKey(PriorFollowUp, verbose_name=_("penerima terdahulu"), on_delete=models.PROTECT,
                                  related_name="visits")
    months = models.PositiveSmallIntegerField(_("putaran (bulan setelah menerima)"))
    visited_on = models.DateField(_("tanggal kunjungan"))
    outcome = models.CharField(_("hasil"), max_length=16, choices=Outcome.choices)
    monthly_revenue = models.PositiveBigIntegerField(_("omzet per bulan (Rp)"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    objects = scoped_queryset("follow_up__kabupaten").as_manager()

    class Meta:
        ordering = ["follow_up", "months"]
        verbose_name = _("kunjungan penerima terdahulu")
        verbose_name_plural = _("kunjungan penerima terdahulu")
        constraints = [models.UniqueConstraint(fields=["follow_up", "months"], name="prior_visit_once_per_round"),
                       models.CheckConstraint(condition=models.Q(months__gt=0), name="prior_visit_after_receipt")]

    def __str__(self):
        return _("%(family)s, %(months)s bulan") % {"family": self.follow_up, "months": self.months}


class CohortRound(models.Model):
    """The cohort page's figures of one programme year, kabupaten/kota and round, kept by
    ``monitoring.services.cohorts.cohort_rounds_refresh`` (on every visit saved, graduation computed, and
    nightly) so that the page adds up a few rows instead of every visit. Each count adds up across
    areas: the families of an area are its own."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.CASCADE,
                                       related_name="+")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.CASCADE,
                                  related_name="+")
    months = models.PositiveSmallIntegerField(_("putaran (bulan)"))
    at_risk = models.PositiveIntegerField(_("keluarga berisiko"))  # survival's risk set (docs/monitoring.md)
    events = models.PositiveIntegerField(_("usaha tutup"))  # first found closed in this round
    competing = models.PositiveIntegerField(_("meninggal atau pindah"))  # after running
    reached = models.PositiveIntegerField(_("terjangkau"))  # visited and found running or closed
    graduated = models.PositiveIntegerField(_("lulus"))  # graduated at most ``months`` after the handover

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "ringkasan kohort per putaran"
        verbose_name_plural = "ringkasan kohort per putaran"
        constraints = [models.UniqueConstraint(fields=["programme_year", "kabupaten", "months"],
                                               name="cohort_round_once")]

    def __str__(self):
        return _("%(area)s, UEP %(year)s, %(months)s bulan: %(count)s dikunjungi") % {
            "area": self.kabupaten, "year": self.programme_year_id, "months": self.months, "count": angka(self.reached)}


class CohortRevenue(models.Model):
    """How many running businesses of a year, area and round had each omzet: the median across
    areas is read exactly from these counts (a median does not add up)."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.CASCADE,
                                       related_name="+")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.CASCADE,
                                  related_name="+")
    months = models.PositiveSmallIntegerField(_("putaran (bulan)"))
    monthly_revenue = models.PositiveBigIntegerField(_("omzet per bulan (Rp)"))
    families = models.PositiveIntegerField(_("jumlah keluarga"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "sebaran omzet kohort"
        verbose_name_plural = "sebaran omzet kohort"
        constraints = [models.UniqueConstraint(fields=["programme_year", "kabupaten", "months", "monthly_revenue"],
                                               name="cohort_revenue_once")]

    def __str__(self):
        return _("%(area)s, UEP %(year)s, %(months)s bulan: %(families)s keluarga beromzet %(revenue)s") % {
            "area": self.kabupaten, "year": self.programme_year_id, "months": self.months,
            "families": angka(self.families), "revenue": rupiah(self.monthly_revenue)}


class FamilyTimes(models.Model):
    """What a handed-over family's visits found, per family: the survival curve's facts (first round
    closed, last round running, rounds died or moved away) and the rounds found running, not reached
    and visited. Kept by ``monitoring.services.cohorts.family_times_refresh`` (each visit saved rewrites its
    family's row; graduation's nightly run rewrites all), so the survival page reads 20,000 rows, not
    every visit."""

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.CASCADE,
                                     primary_key=True, related_name="+")
    closed_at = models.PositiveSmallIntegerField(_("tutup pada putaran"), null=True)
    running_at = models.PositiveSmallIntegerField(_("terakhir berjalan pada putaran"), null=True)
    gone = ArrayField(models.PositiveSmallIntegerField(), verbose_name=_("putaran meninggal atau pindah"), null=True)
    running_in = ArrayField(models.PositiveSmallIntegerField(), verbose_name=_("putaran berjalan"))
    unreached_in = ArrayField(models.PositiveSmallIntegerField(), verbose_name=_("putaran tidak terjangkau"))
    done_in = ArrayField(models.PositiveSmallIntegerField(), verbose_name=_("putaran dikunjungi"))

    class Meta:
        verbose_name = "ringkasan kunjungan keluarga"
        verbose_name_plural = "ringkasan kunjungan keluarga"

    def __str__(self):
        return _("Ringkasan kunjungan %(family)s") % {"family": self.candidate}
