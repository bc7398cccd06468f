from django.contrib import admin

from accounts.admin import ScopedAdmin
from quotas.models import BudgetDocument, ProgrammeYear, QuotaEntry


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ("year", "value_per_recipient", "desil_max", "age_min", "age_max", "is_open")
    list_filter = ("is_open",)
    search_fields = ("year",)


@admin.register(BudgetDocument)
class BudgetDocumentAdmin(admin.ModelAdmin):
    list_display = ("programme_year", "kind", "number", "date", "amount")
    list_filter = ("programme_year", "kind")
    search_fields = ("number",)


@admin.register(QuotaEntry)
class QuotaEntryAdmin(ScopedAdmin):
    list_display = ("programme_year", "kabupaten", "places", "document", "reason", "created_by", "created_at")
    list_filter = ("programme_year", "kabupaten", "document__kind")
    search_fields = ("reason", "document__number")
