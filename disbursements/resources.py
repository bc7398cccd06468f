"""django-import-export resources for the admin: catalogue, price lists, vendors and contracts.

Each row goes through the same rules as the app's own forms (the services' checks) before it
is saved; a refused row is reported with its number and the Indonesian reason. A package's
``value`` and ``is_active`` are never imported: the catalogue service computes the value and
activation checks the year's cap.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from disbursements.catalogue import package_cap_check
from disbursements.models import (Contract, ContractAllocation, ContractLine, Item, ItemPrice, PackageItem,
                                  PackageType, Vendor)
from regions.models import Kabupaten


class ItemResource(resources.ModelResource):
    class Meta:
        model = Item
        import_id_fields = ("code",)
        fields = ("code", "name", "specification", "unit", "kind", "has_serial_number")
        skip_unchanged = True


def _positive(value, label: str) -> None:
    if value is None or int(value) < 1:
        raise ValidationError(_("%(label)s harus lebih dari 0.") % {"label": label})


class ItemPriceResource(resources.ModelResource):
    item = fields.Field(attribute="item", column_name="item", widget=widgets.ForeignKeyWidget(Item, "code"))

    class Meta:
        model = ItemPrice
        import_id_fields = ("programme_year", "item")
        fields = ("programme_year", "item", "unit_price", "source")

    def before_save_instance(self, instance, row, **kwargs):
        _positive(instance.unit_price, _("Harga satuan"))


class PackageTypeResource(resources.ModelResource):
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
    package = fields.Field(attribute="package", column_name="package_id",
                           widget=widgets.ForeignKeyWidget(PackageType, "pk"))
    item = fields.Field(attribute="item", column_name="item", widget=widgets.ForeignKeyWidget(Item, "code"))

    class Meta:
        model = PackageItem
        import_id_fields = ("package", "item")
        fields = ("package", "item", "quantity", "unit_price")

    def before_save_instance(self, instance, row, **kwargs):
        _positive(instance.quantity, _("Jumlah"))
        others = sum(line.quantity * line.unit_price for line in instance.package.lines.exclude(item=instance.item))
        value = others + instance.quantity * instance.unit_price
        if instance.package.is_active:
            package_cap_check(package=instance.package, value=value)

    def after_save_instance(self, instance, row, **kwargs):
        from disbursements.catalogue import package_value

        PackageType.objects.filter(pk=instance.package_id).update(value=package_value(package=instance.package))


class VendorResource(resources.ModelResource):
    class Meta:
        model = Vendor
        import_id_fields = ("name",)
        fields = ("name", "npwp", "address", "phone", "contact_person")


class ContractResource(resources.ModelResource):
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
    line = fields.Field(attribute="line", column_name="line_id", widget=widgets.ForeignKeyWidget(ContractLine, "pk"))
    kabupaten = fields.Field(attribute="kabupaten", column_name="kabupaten",
                             widget=widgets.ForeignKeyWidget(Kabupaten, "code"))

    class Meta:
        model = ContractAllocation
        import_id_fields = ("line", "kabupaten")
        fields = ("line", "kabupaten", "quantity")

    def before_save_instance(self, instance, row, **kwargs):
        _positive(instance.quantity, _("Jumlah alokasi"))
        others = sum(instance.line.allocations.exclude(kabupaten=instance.kabupaten).values_list("quantity", flat=True))
        if others + instance.quantity > instance.line.quantity:
            raise ValidationError(_("Alokasi %(item)s ke kabupaten/kota berjumlah %(allocated)s, lebih dari jumlah "
                                    "kontrak %(quantity)s.") % {"item": instance.line.item.name,
                                                                "allocated": others + instance.quantity,
                                                                "quantity": instance.line.quantity})
