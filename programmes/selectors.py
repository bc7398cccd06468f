"""Reads on programme years. A year's rules are written by ``quotas.services`` (they answer to its money)."""

from programmes.models import ProgrammeYear


def programme_year_current() -> ProgrammeYear | None:
    return ProgrammeYear.objects.filter(is_open=True).order_by("-year").first() or ProgrammeYear.objects.first()
