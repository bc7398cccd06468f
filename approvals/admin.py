from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.admin import KindFilter, ProvinceAdmin, ReadOnlyAdmin, ScopedAdmin
from approvals.models import Approval, FourEyesSwitch
from approvals.registry import act_label, acts
from approvals.services import four_eyes_switch


class ActFilter(KindFilter):
    title = _("tindakan")
    parameter_name = "tindakan"

    def kinds(self, request):
        return [(act.kind, act.label) for act in acts()]


@admin.display(description=_("tindakan"), ordering="kind")
def act_shown(obj):
    return act_label(obj.kind)


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Approvals move only through their service (the approvals pages): the admin shows them."""

    list_display = ("made_at", act_shown, "year", "kabupaten", "status", "maker", "checker", "checked_at")
    list_filter = ("status", ActFilter, "year")
    search_fields = ("summary",)
    list_select_related = ("kabupaten", "maker", "checker")


class FourEyesSwitchForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("tindakan"), choices=())

    class Meta:
        model = FourEyesSwitch
        fields = ("province", "year", "kind", "enabled", "reason")  # the province: the superuser without one only

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["kind"].choices = [(a.kind, a.label) for a in acts()]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:  # the service is the rule (and the log); the admin only asks it
            self.instance = four_eyes_switch(year=data["year"], kind=data["kind"], enabled=data["enabled"],
                                             reason=data["reason"], user=self.request.user,
                                             province=data.get("province"))
        except (ValidationError, PermissionDenied) as error:
            raise ValidationError(getattr(error, "messages", None) or str(error)) from None
        return data

    def save(self, commit=True):
        return self.instance

    def save_m2m(self):
        pass


@admin.register(FourEyesSwitch)
class FourEyesSwitchAdmin(ProvinceAdmin):
    """Each switch is a new row: who turned four eyes off or on, for which act and year in their province, and why.
    The user's province's rows only (the superuser without a province: all, and picks the province)."""

    form = FourEyesSwitchForm
    list_display = ("switched_at", "province", "year", act_shown, "enabled", "switched_by", "reason")
    list_filter = ("province", "year", ActFilter, "enabled")
    search_fields = ("reason",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class WithRequest(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return WithRequest

    def save_model(self, request, obj, form, change):
        pass  # written by the service in the form's clean

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
