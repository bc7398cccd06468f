from django.contrib import admin

from accounts.admin import ScopedAdmin
from disbursements.models import Handover, PackageType


@admin.register(PackageType)
class PackageTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sector", "value", "is_active")
    list_filter = ("sector", "is_active")
    search_fields = ("code", "name", "items")


@admin.register(Handover)
class HandoverAdmin(ScopedAdmin):
    list_display = ("bast_number", "candidate", "package_type", "date", "recorded_by")
    list_filter = ("package_type", "candidate__kabupaten")
    search_fields = ("bast_number", "candidate__person__nik", "candidate__person__name")
    raw_id_fields = ("candidate",)
    date_hierarchy = "date"
