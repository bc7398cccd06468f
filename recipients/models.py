"""People (keyed on NIK), their family cards, and their candidacies per programme year."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ScopedQuerySet, scoped_queryset
from uep.formatting import tanggal


# Statement-level audit triggers: every insert, update and delete is still recorded, but one
# INSERT ... SELECT per statement instead of one per row (20,000 rows: 0.3 s instead of 14 s).
def audit_trackers():
    """Fresh tracker instances: a tracker binds to the first model it is attached to."""
    return (
        pghistory.InsertEvent(level=pghistory.Statement),
        pghistory.UpdateEvent(level=pghistory.Statement),
        pghistory.DeleteEvent(level=pghistory.Statement),
    )


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


@pghistory.track(*audit_trackers(), model_name="PersonHistory")
class Person(models.Model):
    """A person, keyed on NIK, across programme years. Not area-bound: people move."""

    nik = models.CharField(_("NIK"), max_length=16)
    name = models.CharField(_("nama"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")
        # A constraint, not unique=True: that adds a LIKE index, and a NIK is never searched by prefix.
        constraints = [models.UniqueConstraint(fields=["nik"], name="person_nik_unique")]

    def __str__(self):
        return self.name


class BusinessStatus(models.TextChoices):
    RUNNING = "BERJALAN", _("Berjalan")
    STOPPED = "BERHENTI", _("Berhenti")


class CandidateStatus(models.TextChoices):
    """The life of a case, in order; the moves between them are in recipients/lifecycle.py."""

    PROPOSED = "proposed", _("Diusulkan")
    DESK_PASSED = "desk_passed", _("Lolos verifikasi DTKS")
    DESK_FAILED = "desk_failed", _("Tidak lolos verifikasi DTKS")
    FIELD_ELIGIBLE = "field_eligible", _("Layak (verifikasi lapangan)")
    FIELD_INELIGIBLE = "field_ineligible", _("Tidak layak (verifikasi lapangan)")
    DECIDED = "decided", _("Ditetapkan")
    RESERVE = "reserve", _("Cadangan")
    TRAINED = "trained", _("Sudah bimtek")
    HANDED_OVER = "handed_over", _("Disalurkan")
    WITHDRAWN = "withdrawn", _("Dibatalkan")


class Upload(models.Model):
    """One candidate list file uploaded by an officer; nothing is written before it is confirmed."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Sedang diperiksa")
        PREVIEW = "preview", _("Menunggu konfirmasi")
        IMPORTING = "importing", _("Sedang disimpan")
        CONFIRMED = "confirmed", _("Disimpan")
        CANCELLED = "cancelled", _("Dibatalkan")
        FAILED = "failed", _("Gagal")

    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="uploads")
    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"),
                                    on_delete=models.PROTECT, related_name="uploads")
    uploaded_at = models.DateTimeField(_("waktu unggah"), auto_now_add=True)
    file = models.FileField(_("berkas"), upload_to="uploads/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CHECKING)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    accepted_count = models.PositiveIntegerField(_("baris diterima"), default=0)
    refused_count = models.PositiveIntegerField(_("baris ditolak"), default=0)
    # File-level problems and warnings, and refused rows: [{"row": 5, "column": "NIK", "reason": "..."}]
    messages = models.JSONField(_("pesan"), default=list, blank=True)
    refusals = models.JSONField(_("penolakan"), default=list, blank=True)
    confirmed_at = models.DateTimeField(_("waktu konfirmasi"), null=True, blank=True)
    # The file's own header row, and the refused rows as written, so they download for mending
    # without keeping or re-reading the file: [{"row": 5, "values": ["...", ...]}]
    headers = models.JSONField(_("judul kolom"), default=list, blank=True)
    refused_rows = models.JSONField(_("baris ditolak (isi)"), default=list, blank=True)
    warning_count = models.PositiveIntegerField(_("peringatan"), default=0)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dikonfirmasi oleh"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # When the confirm was last started or sent to a worker: an 'importing' upload nobody is
    # writing, sent longer than a lease ago, has lost its worker and is sent again.
    confirm_sent_at = models.DateTimeField(_("penyimpanan dikirim"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("unggahan")
        verbose_name_plural = _("unggahan")

    def __str__(self):
        return f"{self.original_name} ({self.kabupaten})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def confirm_is_stuck(self) -> bool:
        """Saving, but sent longer ago than any confirm takes: its worker was lost (or none runs).
        The officer or provincial staff may send it again or stop it."""
        if self.status != self.Status.IMPORTING or self.confirm_sent_at is None:
            return False
        return (timezone.now() - self.confirm_sent_at).total_seconds() > settings.UPLOAD_CONFIRM_STUCK_SECONDS

    @property
    def warnings(self) -> list[dict]:
        return [m for m in self.messages if m.get("level") == "warning"]

    @property
    def errors(self) -> list[dict]:
        return [m for m in self.messages if m.get("level") == "error"]


@pghistory.track(*audit_trackers(), model_name="CandidateHistory")
class Candidate(models.Model):
    """A person's candidacy in one programme year: one case, moving through its life."""

    # Most foreign keys carry no index of their own: the unique (person, year) and the
    # (kabupaten, year, status) indexes cover the reads, and each index slows every upload
    # (regions and years are never deleted, so PROTECT's check needs none).
    person = models.ForeignKey(Person, verbose_name=_("orang"), on_delete=models.PROTECT, related_name="candidacies",
                               db_index=False)
    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="candidates", db_index=False)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="candidates", db_index=False)
    kecamatan = models.ForeignKey("regions.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT,
                                  db_index=False)
    kelurahan = models.ForeignKey("regions.Kelurahan", verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT,
                                  db_index=False)
    # What this candidacy's officer proposed. The Person keeps what was known first; another
    # area's or year's proposal of the same NIK never shows through (nor is overwritten).
    name = models.CharField(_("nama"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    address = models.CharField(_("alamat"), max_length=255)
    phone = models.CharField(_("No. HP"), max_length=20, blank=True)
    no_kk = models.CharField(_("No. KK"), max_length=16)
    desil_proposed = models.PositiveSmallIntegerField(_("desil (usulan)"))
    # The registry's desil, written by the desk verification; the officer's proposal is self-reported.
    desil_dtks = models.PositiveSmallIntegerField(_("desil (DTKS)"), null=True, blank=True)
    business_type = models.CharField(_("jenis usaha"), max_length=200)
    business_status = models.CharField(_("status usaha"), max_length=10, choices=BusinessStatus.choices)
    requested_package = models.CharField(_("paket usulan"), max_length=30, blank=True)
    notes = models.TextField(_("keterangan"), blank=True)
    upload = models.ForeignKey(Upload, verbose_name=_("unggahan"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="candidates")
    upload_row = models.PositiveIntegerField(_("baris"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CandidateStatus.choices,
                              default=CandidateStatus.PROPOSED)
    reserve_rank = models.PositiveIntegerField(_("urutan cadangan"), null=True, blank=True)
    created_at = models.DateTimeField(_("diusulkan pada"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diusulkan oleh"),
                                   on_delete=models.PROTECT, related_name="+", db_index=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kabupaten", "name"]
        verbose_name = _("calon penerima")
        verbose_name_plural = _("calon penerima")
        constraints = [
            # A NIK is proposed at most once a year, across all kabupaten/kota.
            models.UniqueConstraint(fields=["person", "programme_year"], name="candidate_once_per_year"),
        ]
        # An area's cases first (every officer's query), then its year and status.
        # (area, year, status) for the counts; the id after them pages the field-visit list (status
        # "lolos verifikasi DTKS", the longest waiting first) straight off the index.
        indexes = [models.Index(fields=["kabupaten", "programme_year", "status", "id"],
                                name="candidate_area_year_status_id"),
                   # The candidate list's order (area, name): its pages are read straight off this
                   # index (165 ms -> 5 ms for a provincial page at 100,000 candidates).
                   models.Index(fields=["kabupaten", "programme_year", "name", "id"], name="candidate_area_year_name"),
                   models.Index(fields=["no_kk"]),
                   # The name search (name__icontains, which PostgreSQL runs as UPPER(name) LIKE '%X%'):
                   # trigrams of the upper-cased name answer a match anywhere in it from the index.
                   GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="candidate_name_trgm")]

    def __str__(self):
        return f"{self.name} ({self.programme_year_id})"

    # The desil that counts: the registry's once verified, the proposal until then. The
    # expression serves queries (ranking, filters), the property a loaded candidate.
    DESIL = Coalesce("desil_dtks", "desil_proposed")

    @property
    def desil(self) -> int:
        return self.desil_proposed if self.desil_dtks is None else self.desil_dtks


class CandidateEvent(models.Model):
    """One step on a candidate's timeline: who, when, what, why."""

    candidate = models.ForeignKey(Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT,
                             null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CandidateStatus.choices, blank=True)
    message = models.TextField(_("keterangan"))
    data = models.JSONField(_("rincian"), default=dict, blank=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("riwayat calon")
        verbose_name_plural = _("riwayat calon")

    def __str__(self):
        what = self.get_status_display() or self.message[:80]
        return f"{what} ({tanggal(self.at)})"
