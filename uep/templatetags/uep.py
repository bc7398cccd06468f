from django import template
from django.apps import apps

register = template.Library()


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@register.filter
def angka(value) -> str:
    """1780 -> '1.780': a count the Indonesian way. Empty stays '-'; text is shown as it is."""
    if value is None or value == "":
        return "-"
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return ("-" if number < 0 else "") + _grouped(abs(number))


@register.filter
def rupiah(value) -> str:
    """5000000 -> 'Rp 5.000.000' (Indonesian thousands separator, no decimals)."""
    if value is None or value == "":
        return "-"
    amount = int(value)
    return ("-" if amount < 0 else "") + "Rp " + _grouped(abs(amount))


@register.filter
def mask_nik(value) -> str:
    """Show a NIK or KK number as '6472••••••••0001': the area and the serial only."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 8:
        return "•" * len(value)
    return value[:4] + "•" * (len(value) - 8) + value[-4:]


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
