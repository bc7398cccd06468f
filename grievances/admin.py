"""The complaints' tables in the admin: the holiday table and the days per category (edited through the same
checks and services as the provincial page ``/pengaduan/batas-waktu/``); the complaints and their escalation
events, shown only (a complaint moves through its page's service; escalations are append-only), each scoped by
its queryset's ``visible_to``: a sensitive complaint only to who may handle it."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.admin import ProvinceAdmin, ReadOnlyAdmin, ScopedAdmin
from accounts.permissions import may_change_national_rules, may_handle_sensitive
from audit.admin import NumbersOnDetailAdmin, masked, masked_field
from grievances.models import SENSITIVE, Category, CategoryDeadline, Escalation, Grievance, Holiday
from grievances.services import calendar


class ProvincialEditsAdmin(admin.ModelAdmin):
    """The clock's tables: anyone the admin lets in reads them; only who may change them on the page does."""

    def may_edit(self, user) -> bool:
        return user.is_provincial

    def has_add_permission(self, request):
        return self.may_edit(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.may_edit(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_edit(request.user) and super().has_delete_permission(request, obj)


class HolidayAdminForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ("date", "name")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                calendar.holiday_check(date=data["date"], name=data["name"],
                                        holiday=self.instance if self.instance.pk else None)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return data

    def validate_unique(self):
        pass  # the taken date is the service's check above, said once


@admin.register(Holiday)
class HolidayAdmin(ProvincialEditsAdmin):
    """The national calendar: read-only to a province's staff once the server serves several provinces."""

    form = HolidayAdminForm
    list_display = ("date", "name")
    search_fields = ("name",)
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = calendar.holiday_change(holiday=Holiday.objects.get(pk=obj.pk), date=data["date"],
                                             name=data["name"], user=request.user)
        else:
            saved = calendar.holiday_add(date=data["date"], name=data["name"], user=request.user)
        obj.pk, obj.date, obj.name = saved.pk, saved.date, saved.name

    def delete_model(self, request, obj):
        calendar.holiday_remove(holiday=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            calendar.holiday_remove(holiday=holiday, user=request.user)

    def may_edit(self, user) -> bool:
        return may_change_national_rules(user)


class CategoryDeadlineAdminForm(forms.ModelForm):
    class Meta:
        model = CategoryDeadline
        fields = ("province", "category", "resolve_working_days")

    def clean_resolve_working_days(self):
        # On the field, so the table's own range constraint is not said a second time.
        value = self.cleaned_data["resolve_working_days"]
        category = self.cleaned_data.get("category") or self.instance.category
        if category:
            try:
                calendar.resolve_days_check(category=category, value=value)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return value


@admin.register(CategoryDeadline)
class CategoryDeadlineAdmin(ProvincialEditsAdmin, ProvinceAdmin):
    """A province's days: its staff's rows only (the superuser without a province sees all and picks the province).
    A category without a row keeps its default days; a row is set, never removed (as on the page)."""

    form = CategoryDeadlineAdminForm
    list_display = ("category", "province", "resolve_working_days", "updated_at", "updated_by")
    list_filter = ("province",)
    readonly_fields = ("updated_at", "updated_by")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "province", "category") if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        calendar.deadlines_set(days={obj.category: form.cleaned_data["resolve_working_days"]}, user=request.user,
                                province=obj.province)
        saved = CategoryDeadline.objects.get(province=obj.province, category=obj.category)
        obj.pk, obj.updated_at, obj.updated_by = saved.pk, saved.updated_at, saved.updated_by

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryFilter(admin.SimpleListFilter):
    """The complaint's category: the sensitive ones offered only to who may handle them."""

    title = _("kategori")
    parameter_name = "kategori"
    field = "grievance__category"

    def lookups(self, request, model_admin):
        sensitive = may_handle_sensitive(request.user)
        return [(value, label) for value, label in Category.choices if sensitive or value not in SENSITIVE]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        allowed = {choice for choice, _label in self.lookup_choices}
        return queryset.filter(**{self.field: value}) if value in allowed else queryset.none()


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Append-only (a trigger refuses UPDATE and DELETE); scoped by ``Escalation.objects.visible_to``: an area's
    escalations, and a sensitive complaint's only for who may handle it."""

    list_display = ("at", "grievance", "from_level", "to_level", "reason", "breached_due_at", "new_due_at")
    list_filter = ("reason", "to_level", CategoryFilter, ("grievance__kabupaten", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("grievance",)
    search_fields = ("grievance__code",)
    date_hierarchy = "at"


class GrievanceCategoryFilter(CategoryFilter):
    field = "category"


@admin.register(Grievance)
class GrievanceAdmin(ReadOnlyAdmin, NumbersOnDetailAdmin, ScopedAdmin):
    """Scoped by ``Grievance.objects.visible_to``; moved only on its page (``grievances.services.intake.grievance_move``)."""

    list_display = ("received_at", "code", "category", "channel", "kabupaten", "status", "level",
                    masked("complainant_phone", _("No. HP pelapor")))
    list_filter = ("status", GrievanceCategoryFilter, "channel", "level",
                   ("kabupaten", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("kabupaten",)
    search_fields = ("code", "complainant_name")
    date_hierarchy = "received_at"
    masked_numbers = ("complainant_phone",)
    complainant_phone_masked = masked_field("complainant_phone", _("No. HP pelapor"))
