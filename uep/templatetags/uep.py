from django import template
from django.apps import apps
from django.utils.html import format_html

from uep import formatting

register = template.Library()


# The filters write what uep/formatting.py writes; services and papers import it from there.
register.filter("angka", formatting.angka)
register.filter("rupiah", formatting.rupiah)
register.filter("persen", formatting.persen)
register.filter("mask_nik", formatting.mask_nik)


@register.filter
def table_date(value) -> str:
    """A date in a table cell: 07/12/2026 where the columns are tight, "7 Des 2026" on a phone, where a
    ``cards-sm`` row becomes a card with room (app.css shows one of the two)."""
    if value is None or value == "":
        return "-"
    return format_html('<span class="date-num">{}</span><span class="date-text">{}</span>',
                       formatting.tanggal_angka(value), formatting.tanggal(value))


@register.filter
def choice_label(value, field: str) -> str:
    """A stored choice shown by its Indonesian label: ``{{ v|choice_label:"app.Model.field" }}``.

    For values read without their model (annotations), which have no ``get_..._display``.
    """
    if value is None or value == "":
        return "-"
    app_label, model_name, field_name = field.split(".")
    choices = dict(apps.get_model(app_label, model_name)._meta.get_field(field_name).flatchoices)
    return str(choices.get(value, value))


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The list's address at another page, its filters kept: every GET parameter but the page's.

    The page parameter is ``page`` unless the including template names another (``page_param``).
    An empty ``number`` (a keyset list's way back to its first page) drops the parameter.
    """
    query = context["request"].GET.copy()
    param = context.get("page_param") or "page"
    if number in (None, ""):
        query.pop(param, None)
    else:
        query[param] = number
    return "?" + query.urlencode()
