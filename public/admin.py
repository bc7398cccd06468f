from django.contrib import admin

from public.models import StatusLookup


@admin.register(StatusLookup)
class StatusLookupAdmin(admin.ModelAdmin):
    """The lookup log is evidence: read only, for everyone."""

    list_display = ("at", "outcome", "address", "nik_hash")
    list_filter = ("outcome",)
    date_hierarchy = "at"
    readonly_fields = ("at", "outcome", "address", "nik_hash")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
