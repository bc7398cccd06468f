from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ScopedAdmin(admin.ModelAdmin):
    """Admin pages start from the same scoped queryset as the views."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


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


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "province", "kabupaten", "is_active", "last_login")
    list_filter = ("role", "province", "kabupaten", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Peran dan wilayah"), {"fields": ("role", "province", "kabupaten")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Peran dan wilayah"), {"fields": ("role", "province", "kabupaten")}),)
