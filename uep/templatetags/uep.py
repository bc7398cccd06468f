from django import template

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """5000000 -> 'Rp 5.000.000' (Indonesian thousands separator, no decimals)."""
    if value is None or value == "":
        return "-"
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,}".replace(",", ".")


@register.filter
def mask_nik(value) -> str:
    """Show a NIK or KK number as '6472••••••••0001': the area and the serial only."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 8:
        return "•" * len(value)
    return value[:4] + "•" * (len(value) - 8) + value[-4:]
