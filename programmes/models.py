"""The programme year and its rules: what every stage of a case reads, so it sits below them all."""

from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory


# The tables keep the names they had when the year lived in ``quotas``: the model moved, the data did not.
@pghistory.track(model_name="ProgrammeYearHistory", meta={"db_table": "quotas_programmeyearhistory"})
class ProgrammeYear(models.Model):
    """The rules of one year of UEP; verification and decisions read them from here."""

    year = models.PositiveSmallIntegerField(_("tahun"), primary_key=True)
    value_per_recipient = models.PositiveBigIntegerField(_("nilai per penerima (Rp)"), default=5_000_000)
    desil_max = models.PositiveSmallIntegerField(_("desil tertinggi"), default=5)
    age_min = models.PositiveSmallIntegerField(_("usia minimal"), default=18)
    age_max = models.PositiveSmallIntegerField(_("usia maksimal"), default=60)
    training_required = models.BooleanField(_("bimtek wajib sebelum penyaluran"), default=True)
    recipients_per_facilitator = models.PositiveSmallIntegerField(_("penerima per pendamping"), default=10)
    is_open = models.BooleanField(_("menerima usulan"), default=True)

    class Meta:
        db_table = "quotas_programmeyear"
        ordering = ["-year"]
        verbose_name = _("tahun program")
        verbose_name_plural = _("tahun program")

    def __str__(self):
        return f"UEP {self.year}"
