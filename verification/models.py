"""DTKS snapshots, earlier recipients, the desk verification batch and field visits."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ScopedQuerySet, scoped_queryset
from uep.formatting import mask_nik, tanggal


class Snapshot(models.Model):
    """One dated extract of the DTKS/DTSEN registry; older ones are kept (a desil can move)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        LOADING = "loading", _("Sedang dimuat")
        READY = "ready", _("Siap dipakai")
        FAILED = "failed", _("Gagal")
        # Its rows are gone (partition detached and dropped, audit/services/snapshots.py); the row stays,
        # with its counts, for the verifications that name it.
        DROPPED = "dropped", _("Dihapus (data tidak disimpan lagi)")

    extract_date = models.DateField(_("tanggal ekstrak"))
    label = models.CharField(_("keterangan"), max_length=200, blank=True)
    file = models.FileField(_("berkas"), upload_to="snapshots/%Y/%m/", blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    loaded_count = models.PositiveIntegerField(_("baris dimuat"), default=0)
    refused_count = models.PositiveIntegerField(_("baris ditolak"), default=0)
    # A sample of refused rows: [{"row": 12, "reason": "..."}], in file order.
    refusals = models.JSONField(_("contoh penolakan"), default=list, blank=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dimuat oleh"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    dropped_at = models.DateTimeField(_("dihapus"), null=True, blank=True)

    class Meta:
        ordering = ["-extract_date", "-id"]
        verbose_name = _("snapshot DTKS")
        verbose_name_plural = _("snapshot DTKS")

    def __str__(self):
        return f"DTKS {tanggal(self.extract_date)}" + (f" ({self.label})" if self.label else "")


class RegistryRecord(models.Model):
    """One row of a snapshot, with the reason it was refused (if any).

    The table is partitioned by snapshot (created by a migration, not by Django): a load
    COPYs the file straight into a new partition, checks it set-based, indexes it and
    attaches it, which is several times faster than inserting a million rows into an
    indexed table. Not tracked by pghistory: a million rows per load.
    NIK and KK are integers (16 digits, never a leading zero), so COPY reads and checks them;
    only rows with ``refusal`` NULL are used, and those passed the checks (16-digit NIK/KK,
    a real date, desil 1-10, a Kaltim kabupaten/kota). A refused row keeps what could be read.
    """

    pk = models.CompositePrimaryKey("snapshot_id", "line")
    snapshot = models.ForeignKey(Snapshot, verbose_name=_("snapshot DTKS"), on_delete=models.DO_NOTHING,
                                 db_constraint=False, related_name="records")
    line = models.BigIntegerField(_("baris"))
    id_dtks = models.TextField(_("ID DTKS"), null=True)
    nik = models.BigIntegerField(_("NIK"), null=True)
    no_kk = models.BigIntegerField(_("No. KK"), null=True)
    name = models.TextField(_("nama"), null=True)
    sex = models.TextField(_("jenis kelamin"), null=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True)
    kabupaten = models.TextField(_("kabupaten/kota"), null=True)
    kecamatan = models.TextField(_("kecamatan"), null=True)
    kelurahan = models.TextField(_("kelurahan/desa"), null=True)
    desil = models.SmallIntegerField(_("desil"), null=True)
    refusal = models.TextField(_("alasan ditolak"), null=True)
    # The first two digits of the region code; within a snapshot the rows are partitioned by it.
    province = models.SmallIntegerField(_("kode provinsi"), default=64)

    class Meta:
        managed = False
        db_table = "verification_registryrecord"
        verbose_name = _("data DTKS")
        verbose_name_plural = _("data DTKS")

    def __str__(self):
        return _("%(name)s (baris %(line)s)") % {"name": self.name or "-", "line": self.line}


class Scheme(models.TextChoices):
    UEP = "UEP", "UEP"
    WRSE = "WRSE", "WRSE"
    KUBE = "KUBE", "KUBE"


@pghistory.track(model_name="PriorRecipientHistory")
class PriorRecipient(models.Model):
    """Someone who received UEP, WRSE or KUBE in a given year: not eligible again."""

    nik = models.CharField(_("NIK"), max_length=16, db_index=True)
    no_kk = models.CharField(_("No. KK"), max_length=16, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    scheme = models.CharField(_("skema"), max_length=4, choices=Scheme.choices)
    source = models.CharField(_("sumber"), max_length=200, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diimpor oleh"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    imported_at = models.DateTimeField(_("diimpor"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "nik"]
        verbose_name = _("penerima terdahulu")
        verbose_name_plural = _("penerima terdahulu")
        constraints = [models.UniqueConstraint(fields=["nik", "year", "scheme"], name="prior_recipient_unique")]

    def __str__(self):
        # Titles and the admin's recent actions show it: the NIK masked.
        return f"{self.get_scheme_display()} {self.year}: {mask_nik(self.nik)}"


class JobQuerySet(ScopedQuerySet):
    province_field = "province"

    def area_filter(self, kabupaten_id, *, province_id=None):
        """A job for all areas of the province is visible to every area of it (each sees only its own results)."""
        return models.Q(kabupaten__isnull=True, province_id=province_id) | super().area_filter(kabupaten_id)


class VerificationJob(models.Model):
    """One desk verification batch of a programme year, against one snapshot."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="verification_jobs")
    # The province whose candidates it verifies: all its kabupaten/kota when ``kabupaten`` is empty.
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="verification_jobs")
    snapshot = models.ForeignKey(Snapshot, verbose_name=_("snapshot DTKS"), on_delete=models.PROTECT,
                                 related_name="jobs")
    reverify = models.BooleanField(_("verifikasi ulang hasil sebelumnya"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("jumlah calon"), default=0)
    done_count = models.PositiveIntegerField(_("selesai"), default=0)
    passed_count = models.PositiveIntegerField(_("lolos"), default=0)
    reference_date = models.DateField(_("tanggal acuan usia"))
    message = models.CharField(_("pesan"), max_length=500, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dimulai oleh"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # When a chunk last finished (or the job was started or resumed): no progress for long = stuck.
    progressed_at = models.DateTimeField(_("kemajuan terakhir"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verifikasi DTKS")
        verbose_name_plural = _("verifikasi DTKS")

    def __str__(self):
        area = self.kabupaten.name if self.kabupaten_id else _("semua kabupaten/kota")
        return f"{self.programme_year} · {area} · #{self.pk}"

    @property
    def progress(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done_count / self.total) if self.total else 0

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_stuck(self) -> bool:
        """Running, but no chunk finished for ``VERIFICATION_STUCK_SECONDS``: no live worker, or
        a chunk that keeps failing. Provincial staff may resume or cancel it."""
        if not self.is_active or self.progressed_at is None:
            return False
        return (timezone.now() - self.progressed_at).total_seconds() > settings.VERIFICATION_STUCK_SECONDS


class VerificationChunk(models.Model):
    """A range of candidate ids, verified in one transaction; done once, whatever the deliveries."""

    job = models.ForeignKey(VerificationJob, verbose_name=_("verifikasi DTKS"), on_delete=models.CASCADE,
                            related_name="chunks")
    first_id = models.BigIntegerField(_("ID calon pertama"))
    last_id = models.BigIntegerField(_("ID calon terakhir"))
    done_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    result_count = models.PositiveIntegerField(_("jumlah hasil"), default=0)
    # When its task was last sent; a chunk not done, not held and sent over a lease ago is sent again.
    sent_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    # Per kabupaten/kota id: {"total": n, "passed": n, "reasons": {code: n}}, written with done_at.
    tally = models.JSONField(_("rekap per kabupaten/kota"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bagian verifikasi")
        verbose_name_plural = _("bagian verifikasi")
        ordering = ["job", "first_id"]

    def __str__(self):
        return _("ID calon %(first)s sampai %(last)s (verifikasi #%(job)s)") % {
            "first": self.first_id, "last": self.last_id, "job": self.job_id}


class VerificationResult(models.Model):
    job = models.ForeignKey(VerificationJob, verbose_name=_("verifikasi DTKS"), on_delete=models.CASCADE,
                            related_name="results")
    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("calon"), on_delete=models.CASCADE,
                                  related_name="desk_results")
    passed = models.BooleanField(_("lolos"))
    reasons = ArrayField(models.CharField(max_length=30), verbose_name=_("alasan"), default=list, blank=True)
    # What the rules saw: registry desil, name, kabupaten... to explain a refusal in plain words.
    facts = models.JSONField(_("data pembanding"), default=dict, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["job", "candidate"]
        verbose_name = _("hasil verifikasi DTKS")
        verbose_name_plural = _("hasil verifikasi DTKS")
        constraints = [models.UniqueConstraint(fields=["job", "candidate"], name="verification_result_once")]

    def __str__(self):
        return f"{self.candidate}: {_('lolos') if self.passed else _('tidak lolos')}"


class HouseholdCondition(models.TextChoices):
    VERY_POOR = "sangat_miskin", _("Sangat miskin")
    POOR = "miskin", _("Miskin")
    NEAR_POOR = "rentan", _("Rentan miskin")
    NOT_POOR = "mampu", _("Mampu")


class Verdict(models.TextChoices):
    ELIGIBLE = "layak", _("Layak")
    INELIGIBLE = "tidak_layak", _("Tidak layak")


@pghistory.track(model_name="FieldVisitHistory")
class FieldVisit(models.Model):
    """A field verification visit (verifikasi lapangan) by the officer of the area."""

    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("calon"), on_delete=models.PROTECT,
                                  related_name="field_visits")
    visited_on = models.DateField(_("tanggal kunjungan"))
    business_exists = models.BooleanField(_("usaha ada"))
    matches_proposal = models.BooleanField(_("sesuai usulan"))
    household_condition = models.CharField(_("kondisi rumah tangga"), max_length=20,
                                           choices=HouseholdCondition.choices)
    verdict = models.CharField(_("kesimpulan"), max_length=12, choices=Verdict.choices)
    notes = models.TextField(_("catatan"), blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("petugas"), on_delete=models.PROTECT,
                                related_name="+")
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("verifikasi lapangan")
        verbose_name_plural = _("verifikasi lapangan")

    def __str__(self):
        return f"{self.candidate.name}, {tanggal(self.visited_on)}: {self.get_verdict_display()}"


class FieldVisitPhoto(models.Model):
    visit = models.ForeignKey(FieldVisit, verbose_name=_("kunjungan"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("foto"), upload_to="field_visits/%Y/%m/")
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    objects = scoped_queryset("visit__candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("foto kunjungan")
        verbose_name_plural = _("foto kunjungan")

    def __str__(self):
        return _("Foto %(number)s") % {"number": self.pk}
