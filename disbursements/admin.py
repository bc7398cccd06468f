from django.contrib import admin

from accounts.admin import ScopedAdmin
from audit.admin import PersonalDataAdmin
from disbursements.models import Handover, MonitoringVisit, PackageType, TrainingSession


@admin.register(PackageType)
class PackageTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sector", "value", "is_active")
    list_filter = ("sector", "is_active")
    search_fields = ("code", "name", "items")


@admin.register(Handover)
class HandoverAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("bast_number", "candidate", "package_type", "date", "recorded_by")
    list_filter = ("package_type", "candidate__kabupaten")
    search_fields = ("bast_number", "candidate__person__name")
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate",)
    date_hierarchy = "date"


@admin.register(TrainingSession)
class TrainingSessionAdmin(ScopedAdmin):
    list_display = ("topic", "kabupaten", "programme_year", "date", "venue")
    list_filter = ("programme_year", "kabupaten")
    search_fields = ("topic", "venue")
    raw_id_fields = ("participants",)
    date_hierarchy = "date"


@admin.register(MonitoringVisit)
class MonitoringVisitAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("candidate", "visited_on", "state", "monthly_revenue", "recorded_by")
    list_filter = ("state", "candidate__kabupaten")
    search_fields = ("candidate__person__name", "notes")
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate",)
    date_hierarchy = "visited_on"
