from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCIAL = "provincial", _("Staf Dinsos Provinsi")
    OFFICER = "officer", _("Petugas Kabupaten/Kota")
    VIEWER = "viewer", _("Pemantau (baca saja)")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A user of one role; an officer is bound to exactly one kabupaten/kota.

    A viewer may be bound to one (a bupati's office) or see the whole province.
    """

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    kabupaten = models.ForeignKey(
        "regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="users",
    )
    # The programme year the user last chose in the header (programmes.years); a plain number, so a
    # deleted year just falls back to the current one.
    chosen_year = models.PositiveSmallIntegerField(_("tahun program yang dipilih"), null=True, blank=True,
                                                   editable=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        # The data-protection officer (pejabat pelindungan data pribadi, UU 27/2022): provincial staff given
        # this in the admin read what the system holds on a NIK and close the family's data requests.
        permissions = [("handle_data_rights", _("Pejabat pelindungan data pribadi: menangani permintaan hak "
                                                "atas data keluarga"))]
        constraints = [
            models.CheckConstraint(
                name="officer_has_exactly_one_kabupaten",
                condition=(~models.Q(role="officer") | models.Q(kabupaten__isnull=False))
                & (~models.Q(role__in=["provincial", "admin"]) | models.Q(kabupaten__isnull=True)),
            ),
        ]

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_provincial(self) -> bool:
        """Provincial staff and administrators act for the whole province."""
        return self.is_active and (self.role in (Role.PROVINCIAL, Role.ADMIN) or self.is_superuser)

    @property
    def sees_all_areas(self) -> bool:
        return self.is_provincial or (self.role == Role.VIEWER and self.kabupaten_id is None)

    @property
    def can_write(self) -> bool:
        return self.is_active and (self.is_provincial or self.is_officer)

    def can_work_in(self, kabupaten_id: int | None) -> bool:
        """May this user change cases of that kabupaten/kota (field work, uploads)?"""
        if self.is_provincial:
            return True
        return self.is_officer and kabupaten_id is not None and kabupaten_id == self.kabupaten_id
