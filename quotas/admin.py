from django import forms
from django.contrib import admin

from accounts.admin import ReadOnlyAdmin, ScopedAdmin
from accounts.permissions import may_change_national_rules
from programmes.models import ProgrammeYear
from quotas.models import BudgetDocument, Decree, QuotaEntry
from quotas.services import ledger


class ProgrammeYearAdminForm(forms.ModelForm):
    class Meta:
        model = ProgrammeYear
        fields = "__all__"

    def clean(self):
        """The same rules as the pages: sane limits, and places x a new value still within the money."""
        data = super().clean()
        if not self.errors:
            ledger.programme_year_rules_check(programme_year=self.instance if self.instance.pk else None, **data)
        return data


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    """The programme's yearly guideline, one for every province: read-only to whom the national rule refuses."""

    form = ProgrammeYearAdminForm
    list_display = ("year", "value_per_recipient", "desil_max", "age_min", "age_max", "is_open")
    list_filter = ("is_open",)
    search_fields = ("year",)

    def has_add_permission(self, request):
        return may_change_national_rules(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return may_change_national_rules(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_change_national_rules(request.user) and super().has_delete_permission(request, obj)


# Budget documents and quota entries change only through the pages, whose services check the
# budget and the decided count under a lock; the admin shows them.
@admin.register(BudgetDocument)
class BudgetDocumentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("programme_year", "kind", "number", "date", "amount")
    list_filter = ("programme_year", "kind")
    search_fields = ("number",)


# The decree is entered on the decision page (quotas/services/decree.py), which checks its date
# and keeps the signer as signed; the admin shows it.
@admin.register(Decree)
class DecreeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("programme_year", "number", "date", "signer_name")
    search_fields = ("number", "signer_name")


@admin.register(QuotaEntry)
class QuotaEntryAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ("programme_year", "kabupaten", "places", "rule", "document", "reason", "created_by", "created_at")
    list_filter = ("programme_year", "kabupaten", "rule", "document__kind")
    search_fields = ("reason", "document__number")
    list_select_related = ("kabupaten", "document", "created_by")
