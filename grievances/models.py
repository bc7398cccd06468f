"""Complaints (pengaduan) from anyone: the public form, or an officer recording a call, a message or a visit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import ScopedQuerySet


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
# staff holding the "handle_sensitive" permission see them (grievances/selectors.py).
SENSITIVE = frozenset({Category.PUNGLI, Category.FRAUD, Category.HARASSMENT, Category.PERSONAL_DATA})


class Channel(models.TextChoices):
    WEB = "web", _("Formulir daring")
    PHONE = "phone", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    IN_PERSON = "in_person", _("Datang langsung")


class Status(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    IN_PROGRESS = "in_progress", _("Sedang ditangani")
    RESOLVED = "resolved", _("Selesai")
    REJECTED = "rejected", _("Ditolak")


class GrievanceQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        from grievances.selectors import may_handle_sensitive

        visible = super().visible_to(user)
        return visible if may_handle_sensitive(user) else visible.exclude(category__in=SENSITIVE)

    def writable_by(self, user):
        from grievances.selectors import may_handle_sensitive

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
    received_at = models.DateTimeField(_("diterima pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)
    # Empty for the public form; the officer who took the call, message or visit otherwise.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")

    objects = GrievanceQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("pengaduan masyarakat")
        verbose_name_plural = _("pengaduan masyarakat")
        permissions = [("handle_sensitive", _("Menangani pengaduan sensitif (pungli, penipuan, pelecehan, data "
                                              "pribadi)"))]
        indexes = [models.Index(fields=["kabupaten", "status"], name="grievance_area_status")]

    def __str__(self):
        return self.code

    @property
    def sensitive(self) -> bool:
        return self.category in SENSITIVE
