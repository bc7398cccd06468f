from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import KindFilter, ReadOnlyAdmin
from exports.models import Job, JobFile
from exports.registry import kind_choices


class JobFileInline(admin.TabularInline):
    model = JobFile
    extra = 0
    fields = ("name",)
    readonly_fields = ("name",)  # no link: a file is downloaded through its page, by who may, and logged
    can_delete = False


class JobKindFilter(KindFilter):
    title = _("jenis")
    parameter_name = "jenis"

    def kinds(self, request):
        return kind_choices()


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Written by the job service only; an administrator may delete a job."""

    deletable = True

    list_display = ("created_at", "kind_shown", "user", "kabupaten", "status", "done", "total", "full_numbers")
    list_filter = ("status", JobKindFilter, "full_numbers")
    search_fields = ("subject", "message", "user__username")
    inlines = [JobFileInline]
    # The kind by its label on the job's page too.
    fields = readonly_fields = ["kind_shown" if f.name == "kind" else f.name for f in Job._meta.fields]

    @admin.display(description=_("jenis"), ordering="kind")
    def kind_shown(self, job):
        return job.kind_label
