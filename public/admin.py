from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from public.models import StatusLookup


@admin.register(StatusLookup)
class StatusLookupAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The lookup log is evidence: read only, for everyone."""

    list_display = ("at", "outcome", "address", "nik_hash")
    list_filter = ("outcome",)
    date_hierarchy = "at"
    readonly_fields = ("at", "outcome", "address", "nik_hash")
