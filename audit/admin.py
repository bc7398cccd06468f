from django.contrib import admin

from accounts.admin import ScopedAdmin
from audit.models import DataAccess


@admin.register(DataAccess)
class DataAccessAdmin(ScopedAdmin):
    list_display = ("at", "user", "action", "subject", "kabupaten", "row_count")
    list_filter = ("action", "kabupaten")
    search_fields = ("user__username", "subject")
    date_hierarchy = "at"

    # The access log is evidence: nobody edits or deletes it.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
