from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from exports.models import Job, JobFile


class JobFileInline(admin.TabularInline):
    model = JobFile
    extra = 0
    fields = ("name",)
    readonly_fields = ("name",)  # no link: a file is downloaded through its page, by who may, and logged
    can_delete = False


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Written by the job service only; an administrator may delete a job."""

    deletable = True

    list_display = ("created_at", "kind_label", "user", "kabupaten", "status", "done", "total", "full_numbers")
    list_filter = ("status", "kind", "full_numbers")
    search_fields = ("subject", "message", "user__username")
    inlines = [JobFileInline]
    readonly_fields = [f.name for f in Job._meta.fields]

