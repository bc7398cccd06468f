from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ScopedAdmin(admin.ModelAdmin):
    """Admin pages start from the same scoped queryset as the views."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class ProvinceAdmin(ScopedAdmin):
    """Rows of a whole province (packages, prices, vendors, contracts): the user's province's only, new ones
    in it; its imports find and write rows of that province alone."""

    def get_exclude(self, request, obj=None):
        # The province is the user's; only the superuser without one chooses it.
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude if request.user.sees_all_provinces else [*exclude, "province"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        province_id = request.user.province_id

        class ProvinceForm(form):
            """The province set before the checks, so that a name taken in the province is a form error."""

            def _get_validation_exclusions(self):
                return super()._get_validation_exclusions() - {"province"}

            def _post_clean(self):
                if not self.instance.province_id and province_id:
                    self.instance.province_id = province_id
                super()._post_clean()

        return ProvinceForm

    def save_model(self, request, obj, form, change):
        if not obj.province_id:
            from accounts.permissions import acting_province

            obj.province = acting_province(request.user)
        super().save_model(request, obj, form, change)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}


class ReadOnlyAdmin:
    """Mixed into an admin whose rows only services write (ledgers, logs, jobs, loads): it shows them,
    never adds or changes them, and deletes only where ``deletable`` says so."""

    deletable = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


class KindFilter(admin.SimpleListFilter):
    """A ``kind`` column filtered by what its registry calls each kind (a job's "Laporan monev", an approval's
    "Perubahan kuota"), not by the code stored ("monitoring.report"). Subclasses give ``title``,
    ``parameter_name`` and ``kinds(request)``: the (kind, label) pairs the user may pick."""

    def kinds(self, request) -> list[tuple[str, str]]:
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return self.kinds(request)

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(kind=value) if value in dict(self.lookup_choices) else queryset.none()


# Django stores a model's permissions with English names ("Can view access failure"), written once by
# migrate and never translated: the admin names them from the codename and the model's label instead.
PERMISSION_ACTIONS = {"add": _("menambah"), "change": _("mengubah"), "delete": _("menghapus"), "view": _("melihat")}


def permission_label(permission: Permission) -> str:
    """'Pembatasan login | boleh melihat kegagalan akses'; a permission of its own keeps its name."""
    model = permission.content_type.model_class()
    if model is None:
        return f"{permission.content_type.app_label} | {permission.name}"
    action, _sep, model_name = permission.codename.partition("_")
    name = permission.name
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        name = _("boleh %(action)s %(model)s") % {"action": PERMISSION_ACTIONS[action],
                                                  "model": model._meta.verbose_name}
    return f"{model._meta.app_config.verbose_name} | {name}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class PermissionLabelsAdmin(admin.ModelAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.related_model is Permission:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsAdmin, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(PermissionLabelsAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "role", "province", "kabupaten", "is_active", "last_login")
    list_filter = ("role", "province", "kabupaten", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Peran dan wilayah"), {"fields": ("role", "province", "kabupaten")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Peran dan wilayah"), {"fields": ("role", "province", "kabupaten")}),)

    @admin.display(description=_("nama lengkap"), ordering="first_name")
    def full_name(self, user):
        return user.get_full_name()
