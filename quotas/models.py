"""The budget documents of a programme year and the quota ledger per kabupaten/kota."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ProvinceQuerySet, ScopedQuerySet
from programmes.models import ProgrammeYear


@pghistory.track(model_name="BudgetDocumentHistory")
class BudgetDocument(models.Model):
    class Kind(models.TextChoices):
        PLAN = "murni", _("APBD Murni")
        REVISION = "perubahan", _("APBD Perubahan")

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="budget_documents")
    # Each province funds its own places (its APBD).
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("nomor dokumen"), max_length=100)
    date = models.DateField(_("tanggal"))
    amount = models.PositiveBigIntegerField(_("pagu (Rp)"))

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["programme_year", "date"]
        verbose_name = _("dokumen anggaran")
        verbose_name_plural = _("dokumen anggaran")
        constraints = [models.UniqueConstraint(fields=["programme_year", "province", "number"],
                                               name="budget_document_unique")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


@pghistory.track(model_name="QuotaEntryHistory")
class QuotaEntry(models.Model):
    """One movement of places; a kabupaten/kota's quota is the sum of its entries."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="quota_entries")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="quota_entries")
    document = models.ForeignKey(BudgetDocument, verbose_name=_("dokumen anggaran"), on_delete=models.PROTECT,
                                 related_name="quota_entries")
    class Rule(models.TextChoices):
        MANUAL = "manual", _("Isian manual")
        EVEN = "even", _("Dibagi rata (sisa terbesar)")
        PROPORTIONAL = "proportional", _("Sebanding calon layak")

    places = models.IntegerField(_("jumlah tempat"))
    rule = models.CharField(_("cara pembagian"), max_length=15, choices=Rule.choices, default=Rule.MANUAL)
    reason = models.CharField(_("alasan"), max_length=300)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT,
                                   null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["programme_year", "kabupaten", "created_at"]
        verbose_name = _("entri kuota")
        verbose_name_plural = _("entri kuota")

    def __str__(self):
        return f"{self.kabupaten} {self.programme_year_id}: {self.places:+d}"


@pghistory.track(model_name="DecreeHistory")
class Decree(models.Model):
    """The year's decree (SK penetapan) of the Kepala Dinas Sosial Provinsi: one for the province, its annex
    listing the recipients of each kabupaten/kota. Its number and date are entered when the decision is
    final; the signer is kept as signed, so a reprint names the same official."""

    programme_year = models.ForeignKey(ProgrammeYear, verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="decrees")
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    number = models.CharField(_("nomor SK"), max_length=100)
    date = models.DateField(_("tanggal SK"))
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=18)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=200)
    signer_rank = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("SK penetapan")
        verbose_name_plural = _("SK penetapan")
        constraints = [models.UniqueConstraint(fields=["programme_year", "province"], name="decree_once_per_province")]

    def __str__(self):
        return f"SK {self.number}"
