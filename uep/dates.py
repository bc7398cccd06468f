"""Dates of acts people record: the one check that a recorded day has already happened."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def not_in_future(date: dt.date | dt.datetime, *, label: str, code: str | None = None) -> None:
    """Refuse a day after today in WITA, or a moment after now (a visit, a handover, a delivery, a
    decree, a request received is recorded once it happened)."""
    later = date > timezone.now() if isinstance(date, dt.datetime) else date > timezone.localdate()
    if later:
        raise ValidationError(_("%(label)s tidak boleh di masa depan.") % {"label": label}, code=code)
