import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts.admin import ReadOnlyAdmin, ScopedAdmin
from accounts.permissions import may_see_full_numbers
from audit.models import DataAccess
from audit.services.access import data_access_record
from uep.formatting import mask_nik

# A run of digits in a search box is a NIK or KK (or part of one): never searched through the
# URL, where it would stay in the access log, the browser history and every link of the page.
NUMBER_IN_SEARCH = re.compile(r"[0-9][0-9 .\-]{4,}[0-9]")


class NumberLookupForm(forms.Form):
    number = forms.CharField(label=_("NIK atau No. KK (16 angka)"), max_length=40,
                             widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))

    def clean_number(self):
        number = re.sub(r"[\s.\-]", "", self.cleaned_data["number"])
        if not re.fullmatch(r"[0-9]{16}", number):
            raise forms.ValidationError(_("Ketik 16 angka NIK atau No. KK."))
        return number


def masked(field: str, label):
    """A list column that shows a NIK or KK number masked, like every page of the app."""

    def column(obj):
        value = obj
        for part in field.split("__"):
            value = getattr(value, part)
        return mask_nik(value)

    column.short_description = label
    column.admin_order_field = field
    return column


def masked_field(field: str, label):
    """A read-only field of a record's page showing a NIK or phone number masked (see ``NumbersOnDetailAdmin``)."""

    def shown(self, obj):
        return mask_nik(getattr(obj, field)) or "-"

    shown.short_description = label
    return shown


class NumbersOnDetailAdmin(admin.ModelAdmin):
    """The page of one record shows its NIK or phone in full only to whom ``may_see_full_numbers`` allows for
    the record's area, and never for a person whose processing is restricted; lists show them masked always.

    Each name in ``masked_numbers`` needs a ``<name>_masked = masked_field(...)`` on the admin: it takes the
    field's place on the page of a user who reads it masked.
    """

    masked_numbers: tuple[str, ...] = ()

    def numbers_area(self, obj) -> int | None:
        return obj.kabupaten_id

    def numbers_restricted(self, obj) -> bool:
        return False

    def numbers_full(self, request, obj) -> bool:
        return (obj is not None and may_see_full_numbers(request.user, kabupaten_id=self.numbers_area(obj))
                and not self.numbers_restricted(obj))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.numbers_full(request, obj):
            return fields
        return [f"{name}_masked" if name in self.masked_numbers else name for name in fields]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *(f"{name}_masked" for name in self.masked_numbers))


class PersonalDataAdmin(admin.ModelAdmin):
    """Admin pages of records that hold NIK/KK numbers (UU 27/2022).

    Lists show the numbers masked; the search box takes names only, and a number is looked up
    exactly through a POST form (``cari-nik/``), so it never appears in a URL; every change page
    opened (the full record) is written to the access log.
    """

    # Fields an exact NIK/KK lookup matches, e.g. ("person__nik", "no_kk").
    number_fields: tuple[str, ...] = ()
    change_list_template = "admin/personal_change_list.html"
    # The NIK/KK lookup's several matches are listed by id (uep/admin_site.py allows no other lookup).
    list_lookups = ("id__in",)

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_number_lookup"
        return [path("cari-nik/", self.admin_site.admin_view(self.number_lookup_view), name=name),
                *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        query = request.GET.get(admin.views.main.SEARCH_VAR, "")
        if NUMBER_IN_SEARCH.search(query):
            messages.warning(request, _("Kotak pencarian hanya untuk nama. Cari NIK atau No. KK lewat tombol "
                                        "\u201cCari NIK/KK\u201d, agar nomor tidak tercatat di alamat halaman."))
            params = request.GET.copy()
            del params[admin.views.main.SEARCH_VAR]
            return HttpResponseRedirect(f"{request.path}?{params.urlencode()}" if params else request.path)
        extra_context = {**(extra_context or {}), "number_lookup": bool(self.number_fields)}
        return super().changelist_view(request, extra_context)

    def number_lookup_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise admin.sites.PermissionDenied
        opts = self.model._meta
        form = NumberLookupForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            match = Q()
            for field in self.number_fields:
                match |= Q(**{field: form.cleaned_data["number"]})
            ids = list(self.get_queryset(request).filter(match).values_list("pk", flat=True)[:101])
            if len(ids) == 1:
                return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[ids[0]]))
            if ids:
                changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                return HttpResponseRedirect(f"{changelist}?id__in={','.join(map(str, ids))}")
            form.add_error("number", _("Tidak ada data dengan nomor ini yang dapat Anda lihat."))
        return TemplateResponse(request, "admin/number_lookup.html", {
            **self.admin_site.each_context(request), "opts": opts, "form": form,
            "title": _("Cari %(model)s menurut NIK/No. KK") % {"model": opts.verbose_name},
        })


    def personal_data_area(self, obj):
        """The kabupaten/kota the record belongs to, for the access log."""
        return getattr(getattr(obj, "candidate", obj), "kabupaten", None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                opts = self.model._meta
                data_access_record(
                    user=request.user, action=DataAccess.Action.READ,
                    subject=_("Admin: %(model)s #%(id)s") % {"model": opts.verbose_name, "id": obj.pk},
                    kabupaten=self.personal_data_area(obj), row_count=1,
                    detail={"admin": opts.label_lower, "id": obj.pk})
        return response


@admin.register(DataAccess)
class DataAccessAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ("at", "user", "action", "subject", "kabupaten", "row_count")
    list_filter = ("action", "kabupaten")
    list_select_related = ("user", "kabupaten")
    show_full_result_count = False
    search_fields = ("user__username", "subject")
    date_hierarchy = "at"
    # The access log is evidence: nobody edits or deletes it (ReadOnlyAdmin).
