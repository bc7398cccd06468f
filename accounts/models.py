from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCIAL = "provincial", _("Staf Dinsos Provinsi")
    OFFICER = "officer", _("Petugas Kabupaten/Kota")
    VIEWER = "viewer", _("Pemantau (baca saja)")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A user of one role; an officer is bound to exactly one kabupaten/kota.

    A viewer may be bound to one (a bupati's office) or see the whole province. Every user but the
    deployment's superuser belongs to one province (an officer's is its kabupaten's); a superuser with
    none is the technical operator and sees every province.
    """

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    kabupaten = models.ForeignKey(
        "regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="users",
    )
    province = models.ForeignKey(
        "regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="users", help_text=_("Wajib kecuali untuk superuser teknis; petugas dan pemantau kabupaten/kota "
                                          "mengikuti provinsi wilayahnya."),
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
            # Only the technical superuser may stand above the provinces; a user of an area has its province.
            models.CheckConstraint(
                name="user_belongs_to_a_province",
                condition=(models.Q(is_superuser=True) & models.Q(kabupaten__isnull=True))
                | models.Q(province__isnull=False),
            ),
        ]

    def clean(self):
        super().clean()
        kabupaten = self.kabupaten if self.kabupaten_id else None
        if kabupaten and self.province_id and self.province_id != kabupaten.province_id:
            raise ValidationError({"kabupaten": _("%(kabupaten)s bukan wilayah provinsi %(province)s.")
                                   % {"kabupaten": kabupaten.name, "province": self.province.name}})
        if kabupaten:
            self.province_id = kabupaten.province_id
        elif not self.province_id and not self.is_superuser:
            raise ValidationError({"province": _("Pilih provinsi pengguna ini (hanya superuser teknis yang boleh "
                                                 "tanpa provinsi).")})

    def save(self, *args, **kwargs):
        # An officer's (or an area viewer's) province is its kabupaten's, whoever saves it.
        fields = kwargs.get("update_fields")
        if self.kabupaten_id and (fields is None or {"kabupaten", "province"} & set(fields)):
            self.province_id = self.kabupaten.province_id
        super().save(*args, **kwargs)

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_provincial(self) -> bool:
        """Provincial staff and administrators act for the whole province."""
        return self.is_active and (self.role in (Role.PROVINCIAL, Role.ADMIN) or self.is_superuser)

    @property
    def sees_all_areas(self) -> bool:
        """Every kabupaten/kota of the user's province (of every province: ``sees_all_provinces``)."""
        return self.is_provincial or (self.role == Role.VIEWER and self.kabupaten_id is None)

    @property
    def sees_all_provinces(self) -> bool:
        """The deployment's technical superuser, given no province."""
        return self.is_active and self.is_superuser and self.province_id is None

    def area_ids(self) -> tuple[int, ...] | None:
        """The kabupaten/kota ids this user may see; ``None``: every one (the superuser without province)."""
        from regions.selectors import province_kabupaten_ids

        if not self.is_active:
            return ()
        if self.sees_all_areas:
            if self.sees_all_provinces:
                return None
            return province_kabupaten_ids(self.province_id) if self.province_id else ()
        return (self.kabupaten_id,) if self.kabupaten_id else ()

    @property
    def can_write(self) -> bool:
        return self.is_active and (self.is_provincial or self.is_officer)

    def can_work_in(self, kabupaten_id: int | None) -> bool:
        """May this user change cases of that kabupaten/kota (field work, uploads)?"""
        if self.is_provincial:
            # ``None``: every area the user sees (the caller's rows are scoped already).
            areas = self.area_ids()
            return kabupaten_id is None or areas is None or kabupaten_id in areas
        return self.is_officer and kabupaten_id is not None and kabupaten_id == self.kabupaten_id
