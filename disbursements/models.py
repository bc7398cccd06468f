"""In-kind packages (never cash) and their handover to the recipient."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

import pghistory

from accounts.scoping import ProvinceQuerySet, ScopedQuerySet, scoped_queryset
from recipients.models import audit_trackers
from uep.formatting import angka, rupiah, tanggal


class Item(models.Model):
    """A good that packages are made of and vendors deliver: raw material or equipment."""

    class Kind(models.TextChoices):
        MATERIAL = "material", _("Bahan baku")
        EQUIPMENT = "equipment", _("Peralatan")

    code = models.CharField(_("kode barang"), max_length=40, unique=True)
    name = models.CharField(_("nama barang"), max_length=150)
    specification = models.CharField(_("spesifikasi"), max_length=255, blank=True)
    unit = models.CharField(_("satuan"), max_length=30)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.MATERIAL)
    # Equipment such as a kompor or mesin jahit carries a serial number on the BAST.
    has_serial_number = models.BooleanField(_("bernomor seri"), default=False)

    class Meta:
        ordering = ["name", "code"]
        verbose_name = _("barang")
        verbose_name_plural = _("barang")

    def __str__(self):
        return f"{self.name} ({self.unit})"


class ItemPrice(models.Model):
    """The price list of a programme year: the unit price a package item starts from."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    # Each province has its own price list (prices differ from one province to the next).
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="prices")
    unit_price = models.PositiveBigIntegerField(_("harga satuan (Rp)"))
    source = models.CharField(_("sumber harga"), max_length=200, blank=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["-programme_year", "item__name"]
        verbose_name = _("daftar harga")
        verbose_name_plural = _("daftar harga")
        constraints = [models.UniqueConstraint(fields=["programme_year", "province", "item"],
                                               name="item_price_once_per_year")]

    def __str__(self):
        return f"{self.item} {self.programme_year_id}: {rupiah(self.unit_price)}"


@pghistory.track(model_name="PackageTypeHistory")
class PackageType(models.Model):
    """A ready-to-use package of raw materials and equipment for one kind of business, in one year.

    Packages are versioned per programme year (prices change); candidates' PAKET_USULAN names the
    ``code``, which stays the same from year to year. The value is the sum of the items, kept in
    ``value`` by the catalogue service; a package worth more than the year's value per recipient
    cannot be active.
    """

    class Sector(models.TextChoices):
        FOOD = "food", _("Olahan pangan")
        CRAFT = "craft", _("Kerajinan")
        SERVICE = "service", _("Jasa")
        TRADE = "trade", _("Perdagangan")

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="packages")
    # A province's packages: its prices, its vendors, its recipients' PAKET_USULAN.
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    code = models.CharField(_("kode"), max_length=30)
    name = models.CharField(_("nama"), max_length=150)
    sector = models.CharField(_("sektor"), max_length=10, choices=Sector.choices)
    description = models.TextField(_("keterangan"), blank=True)
    value = models.PositiveBigIntegerField(_("nilai (Rp)"), default=0)
    is_active = models.BooleanField(_("aktif"), default=False)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["-programme_year", "code"]
        verbose_name = _("jenis paket")
        verbose_name_plural = _("jenis paket")
        constraints = [models.UniqueConstraint(fields=["programme_year", "province", "code"],
                                               name="package_code_once_per_year")]

    def __str__(self):
        return f"{self.code} - {self.name} ({self.programme_year_id})"


class PackageItem(models.Model):
    """One item of a package: how many, at which unit price."""

    package = models.ForeignKey(PackageType, verbose_name=_("paket"), on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.PositiveBigIntegerField(_("harga satuan (Rp)"))

    class Meta:
        ordering = ["package", "id"]
        verbose_name = _("isi paket")
        verbose_name_plural = _("isi paket")
        constraints = [models.UniqueConstraint(fields=["package", "item"], name="package_item_once")]

    def __str__(self):
        return f"{self.item} × {angka(self.quantity)}"

    @property
    def value(self) -> int:
        return self.quantity * self.unit_price


@pghistory.track(model_name="PackageAssignmentHistory")
class PackageAssignment(models.Model):
    """The package a decided recipient gets, when it differs from (or confirms) their PAKET_USULAN."""

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                     related_name="package_assignment")
    package = models.ForeignKey(PackageType, verbose_name=_("paket"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("alasan"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ditetapkan oleh"),
                                    on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("ditetapkan pada"), auto_now=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        verbose_name = _("penetapan paket")
        verbose_name_plural = _("penetapan paket")

    def __str__(self):
        return f"{self.candidate}: {self.package}"


class Vendor(models.Model):
    """A supplier (penyedia) of goods under contract to one province."""

    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(_("nama penyedia"), max_length=200)
    npwp = models.CharField(_("NPWP"), max_length=30, blank=True)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    contact_person = models.CharField(_("narahubung"), max_length=150, blank=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("penyedia")
        verbose_name_plural = _("penyedia")
        constraints = [models.UniqueConstraint(fields=["province", "name"], name="vendor_name_once_per_province")]

    def __str__(self):
        return self.name


@pghistory.track(model_name="ContractHistory")
class Contract(models.Model):
    """A procurement contract: which items, how many, at what price, delivered to which areas."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    province = models.ForeignKey("regions.Province", verbose_name=_("provinsi"), on_delete=models.PROTECT,
                                 related_name="+")
    vendor = models.ForeignKey(Vendor, verbose_name=_("penyedia"), on_delete=models.PROTECT, related_name="contracts")
    number = models.CharField(_("nomor kontrak"), max_length=100)
    signed_on = models.DateField(_("tanggal kontrak"))
    notes = models.TextField(_("catatan"), blank=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("kontrak")
        verbose_name_plural = _("kontrak")
        constraints = [models.UniqueConstraint(fields=["province", "number"], name="contract_number_once_per_province")]

    def __str__(self):
        return self.number


class ContractLine(models.Model):
    contract = models.ForeignKey(Contract, verbose_name=_("kontrak"), on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.PositiveBigIntegerField(_("harga satuan (Rp)"))

    class Meta:
        ordering = ["contract", "id"]
        verbose_name = _("rincian kontrak")
        verbose_name_plural = _("rincian kontrak")
        constraints = [models.UniqueConstraint(fields=["contract", "item"], name="contract_item_once")]

    def __str__(self):
        return f"{self.contract.number}: {self.item}"

    @property
    def value(self) -> int:
        return self.quantity * self.unit_price


class ContractAllocation(models.Model):
    """How many of a contract line go to one kabupaten/kota."""

    line = models.ForeignKey(ContractLine, verbose_name=_("rincian kontrak"), on_delete=models.CASCADE,
                             related_name="allocations")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"))

    objects = scoped_queryset("kabupaten").as_manager()

    class Meta:
        verbose_name = _("alokasi kontrak")
        verbose_name_plural = _("alokasi kontrak")
        constraints = [models.UniqueConstraint(fields=["line", "kabupaten"], name="contract_allocation_once")]

    def __str__(self):
        return f"{self.line}, {self.kabupaten}: {angka(self.quantity)}"


class Inspection(models.TextChoices):
    OK = "ok", _("Sesuai")
    SHORT = "short", _("Kurang")
    DAMAGED = "damaged", _("Rusak")


@pghistory.track(model_name="DeliveryHistory")
class Delivery(models.Model):
    """Goods received (penerimaan barang) in one kabupaten/kota against the vendor's BAST."""

    contract = models.ForeignKey(Contract, verbose_name=_("kontrak"), on_delete=models.PROTECT,
                                 related_name="deliveries")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    received_on = models.DateField(_("tanggal diterima"))
    vendor_bast_number = models.CharField(_("nomor BAST penyedia"), max_length=100)
    # The vendor's replacement of goods found damaged on arrival in that earlier delivery: it fills
    # what was refused, not the allocation.
    replaces = models.ForeignKey("self", verbose_name=_("mengganti barang rusak dari"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="replacements")
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("penerimaan barang")
        verbose_name_plural = _("penerimaan barang")
        constraints = [models.UniqueConstraint(fields=["contract", "vendor_bast_number"],
                                               name="delivery_vendor_bast_once")]

    def __str__(self):
        return f"{self.vendor_bast_number} ({self.kabupaten})"


class DeliveryLine(models.Model):
    """One item of a delivery: stated on the vendor's BAST, counted, found damaged."""

    delivery = models.ForeignKey(Delivery, verbose_name=_("penerimaan barang"), on_delete=models.CASCADE,
                                 related_name="lines")
    contract_line = models.ForeignKey(ContractLine, verbose_name=_("barang"), on_delete=models.PROTECT,
                                      related_name="delivery_lines")
    quantity_stated = models.PositiveIntegerField(_("jumlah di BAST penyedia"))
    quantity_received = models.PositiveIntegerField(_("jumlah diterima"))
    quantity_damaged = models.PositiveIntegerField(_("jumlah rusak"), default=0)
    inspection = models.CharField(_("hasil pemeriksaan"), max_length=10, choices=Inspection.choices)

    class Meta:
        ordering = ["delivery", "id"]
        verbose_name = _("rincian penerimaan")
        verbose_name_plural = _("rincian penerimaan")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity_damaged__lte=models.F("quantity_received")),
                                   name="delivery_damaged_within_received"),
        ]

    def __str__(self):
        return _("%(item)s: %(count)s diterima") % {"item": self.contract_line.item,
                                                    "count": angka(self.quantity_received)}

    @property
    def quantity_accepted(self) -> int:
        return self.quantity_received - self.quantity_damaged


class DeliveryPhoto(models.Model):
    delivery = models.ForeignKey(Delivery, verbose_name=_("penerimaan barang"), on_delete=models.CASCADE,
                                 related_name="photos")
    photo = models.FileField(_("foto"), upload_to="penerimaan/%Y/")

    class Meta:
        verbose_name = _("foto penerimaan barang")
        verbose_name_plural = _("foto penerimaan barang")

    def __str__(self):
        return _("Foto %(number)s") % {"number": self.pk}


class StockBalance(models.Model):
    """On hand of one item in one kabupaten/kota (the sum of its moves, checked never negative) and its totals."""

    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    on_hand = models.IntegerField(_("stok"), default=0)
    # Running totals per kind of move, written with each move under the same lock, so that the
    # reconciliation reads one row per area and item instead of every handover line.
    received = models.BigIntegerField(_("diterima"), default=0)
    handed_over = models.BigIntegerField(_("diserahkan"), default=0)
    handed_over_value = models.BigIntegerField(_("nilai diserahkan (Rp)"), default=0)
    returned = models.BigIntegerField(_("dikembalikan"), default=0)
    damaged = models.BigIntegerField(_("rusak"), default=0)
    written_off = models.BigIntegerField(_("dihapusbukukan"), default=0, db_default=0)
    replacement = models.BigIntegerField(_("pengganti"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("saldo stok")
        verbose_name_plural = _("saldo stok")
        constraints = [
            models.UniqueConstraint(fields=["kabupaten", "item"], name="stock_balance_once"),
            # The last line of defence; services check first, under lock_stock, to explain.
            models.CheckConstraint(condition=models.Q(on_hand__gte=0), name="stock_never_negative"),
        ]

    def __str__(self):
        return _("%(item)s, %(area)s: stok %(count)s") % {"item": self.item, "area": self.kabupaten,
                                                          "count": angka(self.on_hand)}


class StockMove(models.Model):
    """One entry of the stock ledger of a kabupaten/kota."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Diterima dari penyedia")
        HANDED_OVER = "handed_over", _("Diserahkan ke penerima")
        RETURNED = "returned", _("Dikembalikan ke gudang")
        DAMAGED = "damaged", _("Rusak di gudang")
        WRITTEN_OFF = "written_off", _("Dihapusbukukan")
        REPLACEMENT = "replacement", _("Pengganti pengaduan")

    # The sign of each kind on the on-hand figure.
    SIGN = {Kind.RECEIVED: 1, Kind.RETURNED: 1, Kind.HANDED_OVER: -1, Kind.DAMAGED: -1, Kind.WRITTEN_OFF: -1,
            Kind.REPLACEMENT: -1}

    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+", db_index=False)
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("jumlah"))
    delivery_line = models.ForeignKey(DeliveryLine, verbose_name=_("rincian penerimaan"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
    handover_line = models.ForeignKey("HandoverLine", verbose_name=_("rincian serah terima"),
                                      on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    complaint = models.ForeignKey("Complaint", verbose_name=_("pengaduan barang"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    note = models.CharField(_("keterangan"), max_length=255, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT,
                             related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        indexes = [
            # The reconciliation sums the moves per area, item and kind from this index alone.
            models.Index(fields=["kabupaten", "item", "kind"], include=["quantity"],
                         name="stock_move_area_item_kind_q"),
            # Moves that name no document although their kind has one: what the reconciliation lists as
            # written by hand (the condition is the one in ``disbursements.reports``).
            models.Index(fields=["kabupaten", "item"], name="stock_move_without_document",
                         condition=models.Q(kind="received", delivery_line__isnull=True)
                         | models.Q(kind="handed_over", handover_line__isnull=True)
                         | models.Q(kind="replacement", complaint__isnull=True)),
        ]

    def __str__(self):
        # "Masuk 10 karung Tepung terigu (Kota Samarinda, 7 Des 2026)"
        direction = _("Masuk") if self.SIGN.get(self.kind, 0) > 0 else _("Keluar")
        return (f"{direction} {angka(self.quantity)} {self.item.unit} {self.item.name} "
                f"({self.kabupaten}, {tanggal(self.at)})")


class HandoverDay(models.Model):
    """An acara penyaluran: the day and place a kabupaten/kota hands packages to its invited recipients."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    notes = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("acara penyaluran")
        verbose_name_plural = _("acara penyaluran")

    def __str__(self):
        return f"{self.place}, {tanggal(self.date)}"


class BastSequence(models.Model):
    """The last BAST number given in one kabupaten/kota and year (the numbering rule's counter)."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT,
                                       related_name="+")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    last = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("urutan nomor BAST")
        verbose_name_plural = _("urutan nomor BAST")
        constraints = [models.UniqueConstraint(fields=["programme_year", "kabupaten"], name="bast_sequence_once")]

    def __str__(self):
        return _("Nomor BAST %(area)s %(year)s: terakhir %(last)s") % {
            "area": self.kabupaten, "year": self.programme_year_id, "last": self.last}


# Statement-level audit triggers (as for candidates): inviting 1,680 writes one history statement, not 1,680.
@pghistory.track(*audit_trackers(), model_name="HandoverHistory")
class Handover(models.Model):
    """The handover of a package to one recipient, evidenced by a signed Berita Acara Serah Terima (BAST).

    Created when the recipient is invited to a handover day (outcome ``invited``, BAST number
    given, its goods reserved); the outcome after the day is received, absent (invited again to a later
    day), refused, or replaced by the reserve; an invitation taken back before the day is cancelled.
    """

    class Outcome(models.TextChoices):
        INVITED = "invited", _("Diundang")
        RECEIVED = "received", _("Diterima")
        ABSENT = "absent", _("Tidak hadir (dijadwalkan ulang)")
        REFUSED = "refused", _("Menolak")
        REPLACED = "replaced", _("Diganti cadangan")
        CANCELLED = "cancelled", _("Undangan dibatalkan")

    candidate = models.OneToOneField("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                     related_name="handover")
    day = models.ForeignKey(HandoverDay, verbose_name=_("acara penyaluran"), on_delete=models.PROTECT, null=True,
                            blank=True, related_name="handovers")
    package_type = models.ForeignKey(PackageType, verbose_name=_("paket"), on_delete=models.PROTECT)
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices, default=Outcome.INVITED)
    date = models.DateField(_("tanggal serah terima"), null=True, blank=True)
    bast_number = models.CharField(_("nomor BAST"), max_length=100, unique=True)
    bast_scan = models.FileField(_("pindaian BAST bertanda tangan"), upload_to="bast/%Y/", blank=True)
    # Printed with its QR on the BAST; random, so it tells nothing and cannot be guessed from the BAST number.
    verification_code = models.CharField(_("kode verifikasi"), max_length=8, unique=True, null=True, blank=True,
                                         editable=False)
    notes = models.TextField(_("catatan"), blank=True)
    replaced_by = models.ForeignKey("recipients.Candidate", verbose_name=_("pengganti"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = scoped_queryset("candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("serah terima")
        verbose_name_plural = _("serah terima")

    def __str__(self):
        return self.bast_number


class HandoverLine(models.Model):
    """One item handed to the recipient: what monitoring follows per item (is the kompor still used?)."""

    handover = models.ForeignKey(Handover, verbose_name=_("serah terima"), on_delete=models.CASCADE,
                                 related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("barang"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.PositiveBigIntegerField(_("harga satuan (Rp)"))
    serial_numbers = models.CharField(_("nomor seri"), max_length=255, blank=True)

    objects = scoped_queryset("handover__candidate__kabupaten").as_manager()

    class Meta:
        ordering = ["handover", "id"]
        verbose_name = _("rincian serah terima")
        verbose_name_plural = _("rincian serah terima")
        constraints = [models.UniqueConstraint(fields=["handover", "item"], name="handover_item_once")]

    def __str__(self):
        return f"{self.item} x {self.quantity}"

    @property
    def value(self) -> int:
        return self.quantity * self.unit_price


class HandoverPhoto(models.Model):
    handover = models.ForeignKey(Handover, verbose_name=_("serah terima"), on_delete=models.CASCADE,
                                 related_name="photos")
    photo = models.FileField(_("foto serah terima"), upload_to="bast/%Y/")

    class Meta:
        verbose_name = _("foto serah terima")
        verbose_name_plural = _("foto serah terima")

    def __str__(self):
        return _("Foto %(number)s") % {"number": self.pk}


class TrainingSession(models.Model):
    """A bimbingan teknis (bimtek): how to use the goods and run the business, before the handover."""

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="training_sessions")
    date = models.DateField(_("tanggal"))
    venue = models.CharField(_("tempat"), max_length=200)
    topic = models.CharField(_("materi"), max_length=200)
    participants = models.ManyToManyField("recipients.Candidate", verbose_name=_("peserta"),
                                          related_name="training_sessions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("bimbingan teknis")
        verbose_name_plural = _("bimbingan teknis")

    def __str__(self):
        return f"{self.topic} ({tanggal(self.date)})"


class DeliveryCheck(models.Model):
    """A uji petik penyaluran: a sample of handed-over recipients per kabupaten/kota, drawn from a stored seed.

    Anyone holding the seed, the confidence, the margin and the list of handovers at the time can
    draw the same households again (``disbursements.services.checks.sample_draw``).
    """

    programme_year = models.ForeignKey("programmes.ProgrammeYear", verbose_name=_("tahun"), on_delete=models.PROTECT)
    confidence = models.PositiveSmallIntegerField(_("tingkat kepercayaan (%)"), default=95)
    margin = models.PositiveSmallIntegerField(_("batas kesalahan (%)"), default=10)
    seed = models.BigIntegerField(_("benih acak (seed)"))
    # Per kabupaten id: {"population": N, "sample": n}; what the draw saw, for the auditor.
    strata = models.JSONField(_("sebaran sampel per kabupaten/kota"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uji petik penyaluran")
        verbose_name_plural = _("uji petik penyaluran")

    def __str__(self):
        return _("Uji petik %(year)s #%(number)s") % {"year": self.programme_year_id, "number": self.pk}


class CheckAnswer(models.TextChoices):
    PENDING = "pending", _("Belum dicek")
    FULL = "full", _("Diterima lengkap")
    PARTIAL = "partial", _("Diterima sebagian")
    NOT_RECEIVED = "not_received", _("Tidak diterima")
    PROBLEMS = "problems", _("Diterima dengan masalah")


class DeliveryCheckEntry(models.Model):
    check_run = models.ForeignKey(DeliveryCheck, verbose_name=_("uji petik"), on_delete=models.CASCADE,
                                  related_name="entries")
    handover = models.ForeignKey(Handover, verbose_name=_("serah terima"), on_delete=models.PROTECT,
                                 related_name="check_entries")
    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    position = models.PositiveIntegerField(_("urutan"))
    answer = models.CharField(_("jawaban"), max_length=12, choices=CheckAnswer.choices, default=CheckAnswer.PENDING)
    problem_lines = models.ManyToManyField(HandoverLine, verbose_name=_("barang bermasalah"), blank=True,
                                           related_name="+")
    notes = models.TextField(_("catatan"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dijawab oleh"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sampel uji petik")
        verbose_name_plural = _("sampel uji petik")
        ordering = ["check_run", "kabupaten", "position"]
        constraints = [models.UniqueConstraint(fields=["check_run", "handover"], name="check_entry_once")]

    def __str__(self):
        return _("Sampel ke-%(position)s: %(answer)s") % {"position": self.position,
                                                          "answer": self.get_answer_display()}


@pghistory.track(model_name="ComplaintHistory")
class Complaint(models.Model):
    """The goods side of a complaint raised at a visit (the delivery check, or an officer at a recipient's page):
    which item, which vendor, how many were replaced. The complaint itself (status, deadlines, escalation,
    resolution) is its ``grievance``, in the one list of complaints (grievances)."""

    class Kind(models.TextChoices):
        MISSING = "missing", _("Barang kurang")
        BROKEN = "broken", _("Barang rusak")
        WRONG = "wrong", _("Barang tidak sesuai")
        NOT_RECEIVED = "not_received", _("Tidak menerima")
        SELECTION = "selection", _("Penetapan penerima")

    kabupaten = models.ForeignKey("regions.Kabupaten", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT,
                                  related_name="+")
    candidate = models.ForeignKey("recipients.Candidate", verbose_name=_("penerima"), on_delete=models.PROTECT,
                                  related_name="complaints")
    handover_line = models.ForeignKey(HandoverLine, verbose_name=_("barang"), on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="complaints")
    vendor = models.ForeignKey(Vendor, verbose_name=_("penyedia"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="complaints")
    check_entry = models.ForeignKey(DeliveryCheckEntry, verbose_name=_("sampel uji petik"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="complaints")
    grievance = models.OneToOneField("grievances.Grievance", verbose_name=_("pengaduan"), on_delete=models.PROTECT,
                                     related_name="goods_detail")
    kind = models.CharField(_("jenis pengaduan"), max_length=12, choices=Kind.choices)
    replacement_quantity = models.PositiveIntegerField(_("jumlah barang pengganti"), default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("pengaduan barang")
        verbose_name_plural = _("pengaduan barang")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.candidate}"
