from django.contrib import admin

from accounts.admin import ReadOnlyAdmin, ScopedAdmin
from audit.admin import PersonalDataAdmin, masked
from verification.models import (FieldVisit, FieldVisitPhoto, PriorRecipient, Snapshot, VerificationChunk,
                                 VerificationJob, VerificationResult)


class ServiceRowsAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Rows written only by the services (loads, batches): shown, never edited; deleted if need be."""

    deletable = True


@admin.register(Snapshot)
class SnapshotAdmin(ServiceRowsAdmin):
    list_display = ("extract_date", "label", "status", "row_count", "loaded_count", "refused_count", "loaded_by")
    list_filter = ("status",)
    search_fields = ("label", "original_name")
    date_hierarchy = "extract_date"


@admin.register(PriorRecipient)
class PriorRecipientAdmin(PersonalDataAdmin):
    list_display = (masked("nik", "NIK"), masked("no_kk", "No. KK"), "year", "scheme", "source", "imported_at")
    list_filter = ("scheme", "year")
    search_fields = ("source",)
    number_fields = ("nik", "no_kk")


@admin.register(VerificationJob)
class VerificationJobAdmin(ServiceRowsAdmin, ScopedAdmin):
    list_display = ("id", "programme_year", "kabupaten", "snapshot", "status", "total", "done_count", "passed_count",
                    "started_by", "created_at")
    list_filter = ("status", "programme_year", "kabupaten")
    search_fields = ("message", "started_by__username")


@admin.register(VerificationChunk)
class VerificationChunkAdmin(ServiceRowsAdmin):
    list_display = ("job", "first_id", "last_id", "done_at", "result_count")
    list_filter = ("job__status",)
    search_fields = ("job__id",)


@admin.register(VerificationResult)
class VerificationResultAdmin(PersonalDataAdmin, ServiceRowsAdmin, ScopedAdmin):
    list_display = ("candidate", "job", "passed", "reasons", "created_at")
    list_filter = ("passed", "job__programme_year", "candidate__kabupaten")
    search_fields = ("candidate__name",)
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate", "job")
    show_full_result_count = False


class FieldVisitPhotoInline(admin.TabularInline):
    model = FieldVisitPhoto
    extra = 0


@admin.register(FieldVisit)
class FieldVisitAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("candidate", "visited_on", "verdict", "household_condition", "officer")
    list_filter = ("verdict", "household_condition", "candidate__kabupaten")
    search_fields = ("candidate__name", "notes")
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate",)
    date_hierarchy = "visited_on"
    inlines = [FieldVisitPhotoInline]
