from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdmin
from exports.models import Job, JobFile
from exports.registry import kind_choices


class JobFileInline(admin.TabularInline):
    model = JobFile
    extra = 0
    fields = ("name",)
    readonly_fields = ("name",)  # no link: a file is downloaded through its page, by who may, and logged
    can_delete = False


class KindFilter(admin.SimpleListFilter):
    """The registered kinds by their labels, not their names ("monitoring.report")."""

    title = _("jenis")
    parameter_name = "jenis"

    def lookups(self, request, model_admin):
        return kind_choices()

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(kind=value) if value in dict(self.lookup_choices) else queryset.none()


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Written by the job service only; an administrator may delete a job."""

    deletable = True

    list_display = ("created_at", "kind_shown", "user", "kabupaten", "status", "done", "total", "full_numbers")
    list_filter = ("status", KindFilter, "full_numbers")
    search_fields = ("subject", "message", "user__username")
    inlines = [JobFileInline]
    # The kind by its label on the job's page too.
    fields = readonly_fields = ["kind_shown" if f.name == "kind" else f.name for f in Job._meta.fields]

    @admin.display(description=_("jenis"), ordering="kind")
    def kind_shown(self, job):
        return job.kind_label
