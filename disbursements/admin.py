from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from import_export.admin import ImportExportMixin

from accounts.admin import ProvinceAdmin, ReadOnlyAdmin, ScopedAdmin
from audit.admin import PersonalDataAdmin
from disbursements import resources
from disbursements.services import catalogue
from disbursements.models import (Complaint, Contract, ContractAllocation, ContractLine, Delivery, DeliveryCheck,
                                  DeliveryCheckEntry, DeliveryLine, DeliveryPhoto, Handover, HandoverDay,
                                  HandoverLine, HandoverPhoto, Item, ItemPrice, PackageAssignment,
                                  PackageItem, PackageType, StockBalance, StockMove, TrainingSession, Vendor)


@admin.register(Item)
class ItemAdmin(ImportExportMixin, admin.ModelAdmin):
    resource_classes = [resources.ItemResource]
    list_display = ("code", "name", "specification", "unit", "kind", "has_serial_number")
    list_filter = ("kind",)
    search_fields = ("code", "name", "specification")


@admin.register(ItemPrice)
class ItemPriceAdmin(ReadOnlyAdmin, ImportExportMixin, ProvinceAdmin):
    """Prices change on the price page or by import, both through ``catalogue.item_price_set``."""

    resource_classes = [resources.ItemPriceResource]
    list_display = ("item", "programme_year", "unit_price", "source")
    list_filter = ("programme_year",)
    search_fields = ("item__name", "item__code")


class PackageItemFormSet(BaseInlineFormSet):
    """The package's lines as the catalogue service will write them, checked against the cap before saving."""

    def lines(self) -> list[catalogue.LineInput]:
        return [catalogue.LineInput(f.cleaned_data["item"], f.cleaned_data["quantity"], f.cleaned_data["unit_price"])
                for f in self.forms
                if f.cleaned_data and f.cleaned_data.get("item") and not f.cleaned_data.get("DELETE")]

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        if self.instance.is_active:
            catalogue.package_cap_check(package=self.instance,
                                        value=sum(line.quantity * line.unit_price for line in self.lines()))


class PackageItemInline(admin.TabularInline):
    model = PackageItem
    formset = PackageItemFormSet
    extra = 0
    raw_id_fields = ("item",)


@admin.register(PackageItem)
class PackageItemAdmin(ReadOnlyAdmin, ImportExportMixin, admin.ModelAdmin):
    """Package items one row per item, for import; they are changed on their package's page (the cap is checked
    there), never one by one here."""

    resource_classes = [resources.PackageItemResource]
    list_display = ("package", "item", "quantity", "unit_price")
    list_filter = ("package__programme_year",)
    search_fields = ("package__code", "item__name")


@admin.register(ContractLine)
class ContractLineAdmin(ReadOnlyAdmin, ImportExportMixin, admin.ModelAdmin):
    resource_classes = [resources.ContractLineResource]
    list_display = ("contract", "item", "quantity", "unit_price")
    search_fields = ("contract__number", "item__name")


@admin.register(PackageType)
class PackageTypeAdmin(ImportExportMixin, ProvinceAdmin):
    resource_classes = [resources.PackageTypeResource]
    list_display = ("code", "name", "programme_year", "sector", "value", "is_active")
    list_filter = ("programme_year", "sector", "is_active")
    search_fields = ("code", "name")
    readonly_fields = ("value", "is_active")  # set by the catalogue service, which checks the cap
    inlines = [PackageItemInline]

    def save_formset(self, request, form, formset, change):
        if not isinstance(formset, PackageItemFormSet):
            return super().save_formset(request, form, formset, change)
        # The lines are written by the catalogue service (value and cap), not by the formset.
        catalogue.package_lines_set(package=form.instance, lines=formset.lines(), user=request.user)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(PackageAssignment)
class PackageAssignmentAdmin(ScopedAdmin):
    list_display = ("candidate", "package", "assigned_by", "assigned_at")
    search_fields = ("candidate__name", "package__code")
    raw_id_fields = ("candidate", "package")


@admin.register(Vendor)
class VendorAdmin(ImportExportMixin, ProvinceAdmin):
    resource_classes = [resources.VendorResource]
    list_display = ("name", "npwp", "phone", "contact_person")
    search_fields = ("name", "npwp")


class ContractLineInline(ReadOnlyAdmin, admin.TabularInline):
    """Lines and their allocations are changed on the contract's page in the app (``contract_update``)."""

    model = ContractLine
    extra = 0
    raw_id_fields = ("item",)


@admin.register(Contract)
class ContractAdmin(ImportExportMixin, ProvinceAdmin):
    resource_classes = [resources.ContractResource]
    list_display = ("number", "vendor", "programme_year", "signed_on")
    list_filter = ("programme_year", "vendor")
    search_fields = ("number", "vendor__name")
    inlines = [ContractLineInline]


@admin.register(ContractAllocation)
class ContractAllocationAdmin(ReadOnlyAdmin, ImportExportMixin, ScopedAdmin):
    resource_classes = [resources.ContractAllocationResource]
    list_display = ("line", "kabupaten", "quantity")
    list_filter = ("kabupaten",)
    search_fields = ("line__contract__number", "line__item__name")


class DeliveryLineInline(admin.TabularInline):
    model = DeliveryLine
    extra = 0


class DeliveryPhotoInline(admin.TabularInline):
    model = DeliveryPhoto
    extra = 0


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ("vendor_bast_number", "contract", "kabupaten", "received_on")
    list_filter = ("kabupaten",)
    search_fields = ("vendor_bast_number", "contract__number")
    inlines = [DeliveryLineInline, DeliveryPhotoInline]


@admin.register(StockBalance)
class StockBalanceAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ("kabupaten", "item", "on_hand")
    list_filter = ("kabupaten",)
    search_fields = ("item__name", "item__code")


@admin.register(StockMove)
class StockMoveAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ("at", "kabupaten", "item", "kind", "quantity", "note", "user")
    list_filter = ("kind", "kabupaten")
    search_fields = ("item__name", "note")


@admin.register(HandoverDay)
class HandoverDayAdmin(ScopedAdmin):
    list_display = ("date", "place", "kabupaten", "programme_year")
    list_filter = ("programme_year", "kabupaten")
    search_fields = ("place",)


class HandoverLineInline(admin.TabularInline):
    model = HandoverLine
    extra = 0
    raw_id_fields = ("item",)


class HandoverPhotoInline(admin.TabularInline):
    model = HandoverPhoto
    extra = 0


@admin.register(Handover)
class HandoverAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("bast_number", "candidate", "package_type", "outcome", "date", "recorded_by")
    list_filter = ("outcome", "package_type", "candidate__kabupaten")
    search_fields = ("bast_number", "candidate__name")
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate", "day", "replaced_by")
    date_hierarchy = "date"
    inlines = [HandoverLineInline, HandoverPhotoInline]


class DeliveryCheckEntryInline(admin.TabularInline):
    model = DeliveryCheckEntry
    extra = 0
    raw_id_fields = ("handover", "problem_lines")


@admin.register(DeliveryCheck)
class DeliveryCheckAdmin(admin.ModelAdmin):
    list_display = ("id", "programme_year", "confidence", "margin", "seed", "created_at")
    search_fields = ("seed",)
    inlines = [DeliveryCheckEntryInline]


@admin.register(Complaint)
class ComplaintAdmin(ScopedAdmin):
    list_display = ("candidate", "kind", "grievance", "kabupaten", "vendor")
    list_filter = ("kind", "kabupaten")
    search_fields = ("candidate__name", "grievance__code")
    raw_id_fields = ("candidate", "handover_line", "check_entry", "grievance")


@admin.register(TrainingSession)
class TrainingSessionAdmin(ScopedAdmin):
    list_display = ("topic", "kabupaten", "programme_year", "date", "venue")
    list_filter = ("programme_year", "kabupaten")
    search_fields = ("topic", "venue")
    raw_id_fields = ("participants",)
    date_hierarchy = "date"
