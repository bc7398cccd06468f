"""The admin site every app registers on: each ModelAdmin, ours or a library's, is made careful.

Django's admin lets a URL filter a list by any lookup on any local field (``?nik__regex=(``,
``?nik__startswith=6472``): a way to probe personal numbers, and a 500 when the database
refuses the pattern. Here a list takes only the parameters its own filters and date hierarchy
offer, never a pattern lookup, and a value the database cannot read answers the 400 page in
Indonesian instead of a 500. Money and counts are written ("Rp 5.000.000", "1.780") and read ("5.000.000")
the Indonesian way, in lists, read-only pages and forms.
"""

import logging

from django.contrib import admin
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.filters import SimpleListFilter
from django.core.exceptions import FieldDoesNotExist
from django.db import DataError, models, transaction
from django.db.models.constants import LOOKUP_SEP
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from uep.formatting import angka, rupiah
from uep.forms import INT32_MAX, INT64_MAX, IndonesianIntegerField, NumericInput, RupiahField

log = logging.getLogger(__name__)

# Lookups that search inside a value: never offered by a filter, and a way to guess a NIK digit by digit.
PATTERN_LOOKUPS = {"regex", "iregex", "contains", "icontains", "startswith", "istartswith", "endswith",
                   "iendswith", "search", "unaccent", "trigram_similar", "trigram_word_similar"}


def _filter_paths(model_admin, request) -> set[str]:
    paths = {model_admin.date_hierarchy} if model_admin.date_hierarchy else set()
    for item in model_admin.get_list_filter(request):
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            paths.add(item.parameter_name)
        elif isinstance(item, (list, tuple)):
            paths.add(item[0])
        else:
            paths.add(item)
    return paths


# Whole numbers that are names rather than amounts: never grouped (1.234.567).
IDENTIFIERS = {"id", "seed"}


def is_money(field) -> bool:
    """An amount of Rupiah: every one is labelled so ("pagu (Rp)", "UMK per bulan (Rp)")."""
    return isinstance(field, models.IntegerField) and "(Rp)" in str(field.verbose_name)


def is_count(field) -> bool:
    """A whole number read grouped (1.780, a quantity, a number of rows); not a year, a month or a percentage
    (the small integers), nor a key."""
    return (isinstance(field, models.IntegerField) and not isinstance(field, models.SmallIntegerField)
            and not field.primary_key and field.name not in IDENTIFIERS and not field.name.endswith("_id"))


django_display_for_field = admin_utils.display_for_field


def display_for_field(value, field, empty_value_display, avoid_link=False):
    """Django's, with money and counts written the Indonesian way ("Rp 5.000.000", "1.780")."""
    if value not in (None, "") and not getattr(field, "flatchoices", None) and not isinstance(value, bool):
        if is_money(field):
            return rupiah(value)
        if is_count(field):
            return angka(value)
    return django_display_for_field(value, field, empty_value_display, avoid_link)


class IndonesianNumbersAdmin(admin.options.BaseModelAdmin):
    """Whole numbers typed the Indonesian way in every admin form (uep/forms.py): Django's number box reads
    "1.000" as 1, and refuses "5.000.000" with a browser message in English."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        money = is_money(db_field)
        if db_field.choices or not (money or is_count(db_field)):
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        positive = isinstance(db_field, (models.PositiveIntegerField, models.PositiveBigIntegerField))
        big = isinstance(db_field, models.BigIntegerField)
        box = "vTextField" if money else "vBigIntegerField" if big else "vIntegerField"  # the admin's widths
        return db_field.formfield(**{"form_class": RupiahField if money else IndonesianIntegerField,
                                     "widget": NumericInput(attrs={"class": box}, negative=not positive),
                                     "min_value": 0 if positive else None,
                                     "max_value": INT64_MAX if big else INT32_MAX, **kwargs})


def _required_paths(field, prefix: str, depth: int = 2) -> list[str]:
    """The paths of the non-null foreign keys under ``field``'s model, ``depth`` levels down."""
    if depth == 0:
        return []
    paths = []
    for child in field.related_model._meta.concrete_fields:
        if child.many_to_one and not child.null:
            path = f"{prefix}{LOOKUP_SEP}{child.name}"
            paths += [path, *_required_paths(child, path, depth - 1)]
    return paths


class CarefulAdmin(IndonesianNumbersAdmin, admin.ModelAdmin):
    """Mixed in front of every registered ModelAdmin by ``AdminSite.register``. An admin names in
    ``list_lookups`` what its own links put in a list URL besides its filters' parameters."""

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split(LOOKUP_SEP)[-1] in PATTERN_LOOKUPS:
            return False
        if not super().lookup_allowed(lookup, value, request):
            return False
        if request is None or lookup in getattr(self, "list_lookups", ()):
            return True
        # Popups of raw-id widgets pass their limit_choices_to; the parent class accepted those above.
        return any(lookup == path or lookup.startswith(path + LOOKUP_SEP) for path in _filter_paths(self, request)) \
            or self._fkey_lookup(lookup, value)

    def _fkey_lookup(self, lookup, value) -> bool:
        from django.contrib.admin import widgets

        for fk_lookup in self.model._meta.related_fkey_lookups:
            fk_lookup = fk_lookup() if callable(fk_lookup) else fk_lookup
            if (lookup, value) in widgets.url_params_from_lookup_dict(fk_lookup).items():
                return True
        return False

    def get_list_select_related(self, request):
        """Every foreign key the list shows, the nullable ones too, read with the page's rows: Django follows
        only the non-null ones by itself, and none beside a list an admin names, so each row asked again (a
        page of candidates was 101 queries for their years)."""
        declared = super().get_list_select_related(request)
        shown = []
        for name in self.get_list_display(request):
            try:
                field = self.model._meta.get_field(name) if isinstance(name, str) else None
            except FieldDoesNotExist:
                continue
            if field is not None and (field.many_to_one or field.one_to_one):
                shown.append(name)
        if not shown or declared is True:
            return declared
        # What Django would follow on its own (the non-null keys under each), as a name list may not.
        deeper = [path for name in shown for path in _required_paths(self.model._meta.get_field(name), name)]
        return tuple(dict.fromkeys([*(declared or ()), *shown, *deeper]))

    def changelist_view(self, request, extra_context=None):
        from django.contrib.admin.views.main import ERROR_FLAG

        # Django sends a list it cannot filter to ?e=1, which shows "Database error" in English.
        if ERROR_FLAG in request.GET:
            return render(request, "400.html", status=400)
        # The list is rendered here, inside a savepoint, so a value the database refuses (a year
        # past 9999, a number no column holds) is caught while the page can still answer 400.
        try:
            with transaction.atomic():
                response = super().changelist_view(request, extra_context)
                if hasattr(response, "render"):
                    response.render()
        except (DataError, ValueError, OverflowError) as exc:
            log.warning("Admin list %s refused its parameters: %s", request.get_full_path()[:200], exc)
            return render(request, "400.html", status=400)
        if response.status_code == 302 and response.get("Location", "").endswith(f"?{ERROR_FLAG}=1"):
            return render(request, "400.html", status=400)  # a filter value the list cannot read
        return response


class AdminSite(admin.AdminSite):
    site_header = "Administrasi UEP Kaltim"
    site_title = "UEP Kaltim"
    index_title = "Data referensi, pengguna, dan koreksi"

    def get_app_list(self, request, app_label=None):
        # Every admin page's context carries the list of all 80-odd models (Django's each_context), but only
        # the side bar and the index show it: built when a template reads it, not for every popup and 400.
        return SimpleLazyObject(lambda: admin.AdminSite.get_app_list(self, request, app_label))

    def register(self, model_or_iterable, admin_class=None, **options):
        from import_export.admin import ExportMixin, ImportMixin

        from uep.admin_io import CarefulImportExport

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CarefulAdmin):
            careful = (CarefulImportExport,) if issubclass(admin_class, (ImportMixin, ExportMixin)) else ()
            inlines = [inline if issubclass(inline, IndonesianNumbersAdmin) else
                       type(inline.__name__, (IndonesianNumbersAdmin, inline), {"__module__": inline.__module__})
                       for inline in admin_class.inlines]
            admin_class = type(admin_class.__name__, (*careful, CarefulAdmin, admin_class),
                               {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__,
                                "inlines": inlines})
        super().register(model_or_iterable, admin_class, **options)


class AdminConfig(DjangoAdminConfig):
    default_site = "uep.admin_site.AdminSite"

    def ready(self):
        super().ready()
        # Lists and read-only pages write a field's value through this one function, imported by name
        # where it is used; Django groups thousands only when USE_THOUSAND_SEPARATOR is on for the whole
        # site, which would write the year 2025 as 2.025 on every page.
        from django.contrib.admin import helpers
        from django.contrib.admin.templatetags import admin_list

        helpers.display_for_field = admin_list.display_for_field = display_for_field
