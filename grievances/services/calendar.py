"""The complaints' calendar as provincial staff set it: each category's working days to resolve (per
province) and the national holiday table. The page ``/pengaduan/batas-waktu/`` and the admin both write
through here; the reads and the due moments are in ``grievances.deadlines``."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import acting_province, require_national_rules, require_province, require_provincial
from grievances.deadlines import MAX_RESOLVE_WORKING_DAYS
from grievances.models import Category, CategoryDeadline, Holiday


def resolve_days_check(*, category: str, value) -> None:
    """The rule of one category's days, for the provincial page and the admin alike."""
    if category not in Category.values:
        raise ValidationError(_("Kategori tidak dikenal."))
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_RESOLVE_WORKING_DAYS:
        raise ValidationError(_("Batas waktu %(category)s harus 1 sampai %(max)s hari kerja.")
                              % {"category": Category(category).label, "max": MAX_RESOLVE_WORKING_DAYS})


@transaction.atomic
def deadlines_set(*, days: dict[str, int], user, province=None) -> None:
    """Provincial staff set their province's working days to resolve each category (1 to 60); ``province``: only
    the superuser without one names it. New complaints of the province take them."""
    require_provincial(user)
    province = province or acting_province(user)
    require_province(user, province.pk)
    for category, value in days.items():
        resolve_days_check(category=category, value=value)
        CategoryDeadline.objects.update_or_create(province=province, category=category, defaults={
            "resolve_working_days": value, "updated_by": user})


def holiday_check(*, date: dt.date, name: str, holiday: Holiday | None = None) -> None:
    """A holiday has a name and a date not yet in the table (``holiday``: the row being changed)."""
    if not (name or "").strip():
        raise ValidationError(_("Tuliskan nama hari libur."))
    taken = Holiday.objects.filter(date=date)
    if holiday is not None:
        taken = taken.exclude(pk=holiday.pk)
    if taken.exists():
        raise ValidationError(_("Tanggal itu sudah tercatat sebagai hari libur."))


def holiday_add(*, date: dt.date, name: str, user) -> Holiday:
    """The calendar is national: every province's clock reads it (``require_national_rules``)."""
    require_national_rules(user)
    holiday_check(date=date, name=name)
    return Holiday.objects.create(date=date, name=name.strip())


def holiday_change(*, holiday: Holiday, date: dt.date, name: str, user) -> Holiday:
    """A holiday moved or renamed (the admin): complaints already received keep their deadlines."""
    require_national_rules(user)
    holiday_check(date=date, name=name, holiday=holiday)
    holiday.date, holiday.name = date, name.strip()
    holiday.save(update_fields=["date", "name"])
    return holiday


def holiday_remove(*, holiday: Holiday, user) -> None:
    require_national_rules(user)
    holiday.delete()
