"""What the public pages record: every status lookup, without the NIK asked for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from uep.formatting import waktu


class StatusLookup(models.Model):
    """One lookup on /cek-status/: a keyed hash of the NIK (never the NIK) and the asking address."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Dijawab")
        # Unknown NIK and a wrong birth date are one outcome here, as on the page.
        NO_MATCH = "no_match", _("Tidak cocok")
        REFUSED_ADDRESS = "refused_address", _("Ditolak: batas per alamat")
        REFUSED_NIK = "refused_nik", _("Ditolak: batas per NIK")

    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    # HMAC-SHA256 keyed from SECRET_KEY: the same NIK gives the same hash (to see one NIK being
    # hunted), but a hash cannot be turned back into a NIK by trying every NIK without the key.
    nik_hash = models.CharField(_("hash NIK"), max_length=64, db_index=True)
    address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    outcome = models.CharField(_("hasil"), max_length=20, choices=Outcome.choices)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("pencarian status publik")
        verbose_name_plural = _("pencarian status publik")

    def __str__(self):
        return f"{waktu(self.at)} {self.get_outcome_display()}"
