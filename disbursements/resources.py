"""django-import-export resources for the admin: catalogue, price lists, vendors and contracts.

Each row goes through the same rules as the app's own forms (the services' checks) before it
is saved; a refused row is reported with its number and the Indonesian reason. A package's
``value`` and ``is_active`` are never imported: the catalogue service computes the value and
activation checks the year's cap.

Files name things as people do, never by database id: a year by its number, an item by its code,
a package by its year and code, a contract by its number, a kabupaten/kota by its code (``64.72``,
``6472``) or its name (``Samarinda``, ``Kota Samarinda``).
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts.permissions import acting_province
from disbursements.services.catalogue import item_price_set, package_cap_check
from disbursements.models import (Contract, ContractAllocation, ContractLine, Item, ItemPrice, PackageItem,
                                  PackageType, Vendor)
from disbursements.services.procurement import contract_allocation_check
from regions.selectors import kabupaten_named


class CodeWidget(widgets.ForeignKeyWidget):
    """A row's reference by code; a code that names nothing is refused in words, with the code."""

    def __init__(self, model, field: str, missing: str, scope=None):
        super().__init__(model, field)
        self.missing, self.scope = missing, scope  # scope(row) -> filters, e.g. the package's year

    def get_queryset(self, value, row, *args, **kwargs):
        # A province's row (a package) is found among the importer's province's only.
        user = kwargs.get("user")
        queryset = (self.model.objects.visible_to(user) if user is not None
                    and hasattr(self.model.objects, "visible_to") else self.model.objects.all())
        return queryset.filter(**self.scope(row)) if self.scope else queryset

    def clean(self, value, row=None, **kwargs):
        text = " ".join(str(value if value is not None else "").split())
        if not text:
            return None
        try:
            return self.get_queryset(text, row, **kwargs).get(**{f"{self.field}__iexact": text})
        except (self.model.DoesNotExist, self.model.MultipleObjectsReturned, ValueError):
            names = defaultdict(str, {k: v for k, v in (row or {}).items() if isinstance(k, str)}, value=text)
            raise ValueError(self.missing % names) from None


class KabupatenWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        from regions.models import Kabupaten

        super().__init__(Kabupaten, "code")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        kabupaten = kabupaten_named(value)
        if kabupaten is None:
            raise ValueError(_("\u201c%(value)s\u201d bukan kabupaten/kota di Kalimantan Timur; tulis kodenya "
                               "(64.72) atau namanya (Samarinda).") % {"value": value})
        return kabupaten


def _year(row) -> dict:
    year = str(row.get("year") or "").strip()
    return {"programme_year_id": int(year) if year.isdigit() and len(year) == 4 else 0}


class ItemResource(resources.ModelResource):
    class Meta:
        model = Item
        import_id_fields = ("code",)
        fields = ("code", "name", "specification", "unit", "kind", "has_serial_number")
        skip_unchanged = True


def _positive(value, label: str) -> None:
    if value is None or int(value) < 1:
        raise ValidationError(_("%(label)s harus lebih dari 0.") % {"label": label})


class ProvinceResource(resources.ModelResource):
    """A row of a whole province: the import finds rows of the importer's province only (another province's
    package of the same code is never changed), and a new row is the importer's province's."""

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def before_import(self, dataset, **kwargs):
        self.user = self.user or kwargs.get("user")  # the admin passes who imports
        super().before_import(dataset, **kwargs)

    def get_queryset(self):
        return self._meta.model.objects.visible_to(self.user) if self.user is not None else super().get_queryset()

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.province = acting_province(self.user)
        return instance


class ItemPriceResource(ProvinceResource):
    """Columns: programme_year (the year), item (its code), unit_price, source. Each price is set through the
    catalogue's one service for a price change, as the price page does."""

    item = fields.Field(attribute="item", column_name="item", widget=CodeWidget(
        Item, "code", _("Barang dengan kode %(value)s tidak ada.")))

    class Meta:
        model = ItemPrice
        import_id_fields = ("programme_year", "item")
        fields = ("programme_year", "item", "unit_price", "source")

    def save_instance(self, instance, is_create, row, **kwargs):
        _positive(instance.unit_price, _("Harga satuan"))
        saved = item_price_set(programme_year=instance.programme_year, item=instance.item,
                               unit_price=int(instance.unit_price), source=instance.source or "",
                               user=kwargs.get("user"))
        instance.pk = saved.pk


class PackageTypeResource(ProvinceResource):
    class Meta:
        model = PackageType
        import_id_fields = ("programme_year", "code")
        # value and is_active are exported but never imported: the catalogue service computes
        # the value and activation checks the cap.
        fields = ("programme_year", "code", "name", "sector", "description", "value", "is_active")

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute in ("value", "is_active"):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)


class PackageItemResource(resources.ModelResource):
    """Columns: year, package (its code), item (its code), quantity, unit_price."""

    year = fields.Field(attribute="package__programme_year_id", column_name="year", readonly=True)
    package = fields.Field(attribute="package", column_name="package", widget=CodeWidget(
        PackageType, "code", _("Paket %(value)s tidak ada di tahun %(year)s."), scope=_year))
    item = fields.Field(attribute="item", column_name="item", widget=CodeWidget(
        Item, "code", _("Barang dengan kode %(value)s tidak ada.")))

    class Meta:
        model = PackageItem
        import_id_fields = ("package", "item")
        fields = ("year", "package", "item", "quantity", "unit_price")

    def before_save_instance(self, instance, row, **kwargs):
        _positive(instance.quantity, _("Jumlah"))
        _positive(instance.unit_price, _("Harga satuan"))
        others = sum(line.quantity * line.unit_price for line in instance.package.lines.exclude(item=instance.item))
        value = others + instance.quantity * instance.unit_price
        if instance.package.is_active:
            package_cap_check(package=instance.package, value=value)

    def after_save_instance(self, instance, row, **kwargs):
        from disbursements.services.catalogue import package_value

        PackageType.objects.filter(pk=instance.package_id).update(value=package_value(package=instance.package))


class VendorResource(ProvinceResource):
    class Meta:
        model = Vendor
        import_id_fields = ("name",)
        fields = ("name", "npwp", "address", "phone", "contact_person")


class ContractResource(ProvinceResource):
    vendor = fields.Field(attribute="vendor", column_name="vendor", widget=widgets.ForeignKeyWidget(Vendor, "name"))

    class Meta:
        model = Contract
        import_id_fields = ("number",)
        fields = ("programme_year", "vendor", "number", "signed_on", "notes")


class ContractLineResource(resources.ModelResource):
    contract = fields.Field(attribute="contract", column_name="contract",
                            widget=widgets.ForeignKeyWidget(Contract, "number"))
    item = fields.Field(attribute="item", column_name="item", widget=widgets.ForeignKeyWidget(Item, "code"))

    class Meta:
        model = ContractLine
        import_id_fields = ("contract", "item")
        fields = ("contract", "item", "quantity", "unit_price")

    def before_save_instance(self, instance, row, **kwargs):
        _positive(instance.quantity, _("Jumlah"))
        _positive(instance.unit_price, _("Harga satuan"))
        allocated = sum(instance.allocations.values_list("quantity", flat=True)) if instance.pk else 0
        if allocated > instance.quantity:
            raise ValidationError(_("Jumlah %(item)s (%(quantity)s) lebih kecil dari alokasinya ke kabupaten/kota "
                                    "(%(allocated)s).") % {"item": instance.item.name, "quantity": instance.quantity,
                                                           "allocated": allocated})


class ContractAllocationResource(resources.ModelResource):
    """Columns: contract (its number), item (its code), kabupaten (code or name), quantity."""

    contract = fields.Field(attribute="line__contract__number", column_name="contract", readonly=True)
    line = fields.Field(attribute="line", column_name="item", widget=CodeWidget(
        ContractLine, "item__code", _("Kontrak %(contract)s tidak berisi barang dengan kode %(value)s."),
        scope=lambda row: {"contract__number": " ".join(str(row.get("contract") or "").split())}))
    kabupaten = fields.Field(attribute="kabupaten", column_name="kabupaten", widget=KabupatenWidget())

    class Meta:
        model = ContractAllocation
        import_id_fields = ("line", "kabupaten")
        fields = ("contract", "line", "kabupaten", "quantity")

    def before_save_instance(self, instance, row, **kwargs):
        _positive(instance.quantity, _("Jumlah alokasi"))
        contract_allocation_check(line=instance.line, kabupaten=instance.kabupaten, quantity=instance.quantity)
