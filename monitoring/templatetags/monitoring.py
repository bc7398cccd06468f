from django import template

register = template.Library()


@register.filter
def pct(value) -> str:
    """0.8333 -> '83,3%' (a share as a percentage with one decimal, Indonesian comma); None -> '-'."""
    if value is None or value == "":
        return "-"
    return f"{100 * float(value):.1f}%".replace(".", ",")
