"""Dates of acts people record: the one check that a recorded day has already happened."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def not_in_future(date: dt.date, *, label: str) -> None:
    """Refuse a day after today in WITA (a visit, a handover, a delivery is recorded once it happened)."""
    if date > timezone.localdate():
        raise ValidationError(_("%(label)s tidak boleh di masa depan.") % {"label": label})
