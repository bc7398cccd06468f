from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from accounts.admin import ScopedAdmin
from audit.admin import PersonalDataAdmin
from monitoring.models import Assignment, Baseline, Facilitator, MinimumWage, Round, Visit
from monitoring.services.visits import round_change_check, rounds_first_handover
from regions.models import Kabupaten


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ("programme_year", "months")

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("programme_year") or getattr(self.instance, "programme_year", None)
        if year is not None:
            round_change_check(programme_year_id=year.pk)
        return cleaned


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    """A year's rounds change only before its first handover (``round_change_check``); after it they
    are shown read-only."""

    form = RoundForm
    list_display = ("programme_year", "months")
    list_filter = ("programme_year",)

    def _settled(self, obj) -> bool:
        return obj is not None and rounds_first_handover(obj.programme_year_id) is not None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._settled(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._settled(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            try:
                round_change_check(programme_year_id=obj.programme_year_id)
            except ValidationError as error:  # shown read-only: say why
                messages.info(request, " ".join(error.messages))
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Facilitator)
class FacilitatorAdmin(ScopedAdmin):
    list_display = ("name", "kabupaten", "phone", "user", "is_active")
    list_filter = ("kabupaten", "is_active")
    search_fields = ("name", "phone")
    raw_id_fields = ("user",)


@admin.register(Assignment)
class AssignmentAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("candidate", "facilitator", "assigned_by", "assigned_at")
    search_fields = ("candidate__name", "facilitator__name")
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    list_filter = ("facilitator__kabupaten",)
    raw_id_fields = ("candidate", "facilitator")


@admin.register(Baseline)
class BaselineAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("candidate", "recorded_on", "state", "monthly_revenue", "assets", "workers")
    search_fields = ("candidate__name",)
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate",)


@admin.register(Visit)
class VisitAdmin(PersonalDataAdmin, ScopedAdmin):
    list_display = ("candidate", "round", "due_on", "visited_on", "outcome", "monthly_revenue", "facilitator")
    list_filter = ("outcome", "round", "candidate__kabupaten")
    search_fields = ("candidate__name", "notes")
    number_fields = ("candidate__person__nik", "candidate__no_kk")
    raw_id_fields = ("candidate", "facilitator")
    date_hierarchy = "due_on"

    def save_model(self, request, obj, form, change):
        from monitoring.services.cohorts import cohort_rounds_refresh, family_times_refresh

        super().save_model(request, obj, form, change)
        # A visit corrected here counts on the survival and cohort pages at once, as one saved on the form.
        family_times_refresh(candidate_id=obj.candidate_id)
        cohort_rounds_refresh(programme_year_id=obj.candidate.programme_year_id, kabupaten_id=obj.candidate.kabupaten_id)


class MinimumWageResource(resources.ModelResource):
    """One row per kabupaten/kota and year: KODE (64.72), TAHUN, UMK, NOMOR_SK, TANGGAL_SK."""

    kabupaten = fields.Field(attribute="kabupaten", column_name="KODE", widget=ForeignKeyWidget(Kabupaten, "code"))
    year = fields.Field(attribute="year", column_name="TAHUN")
    amount = fields.Field(attribute="amount", column_name="UMK")
    decree_number = fields.Field(attribute="decree_number", column_name="NOMOR_SK")
    decree_date = fields.Field(attribute="decree_date", column_name="TANGGAL_SK")

    class Meta:
        model = MinimumWage
        import_id_fields = ("kabupaten", "year")
        fields = ("kabupaten", "year", "amount", "decree_number", "decree_date")
        skip_unchanged = True
        report_skipped = False


@admin.register(MinimumWage)
class MinimumWageAdmin(ImportExportModelAdmin):
    resource_classes = [MinimumWageResource]
    list_display = ("kabupaten", "year", "amount", "decree_number", "decree_date")
    list_filter = ("year", "kabupaten")
    search_fields = ("decree_number",)
