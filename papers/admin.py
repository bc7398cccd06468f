from django.contrib import admin

from papers.models import Signatory


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    """Set in the app (Penandatangan naskah, which checks the NIP); here only to read."""

    list_display = ["programme_year", "kabupaten", "name", "nip", "position"]
    list_filter = ["programme_year"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
