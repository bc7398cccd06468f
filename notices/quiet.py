"""Quiet hours: nothing is sent between 21:00 and 07:00 WITA; a notice due then waits until 07:00.

A pure function of the moment and the two settings (``NOTICE_QUIET_FROM``, ``NOTICE_QUIET_UNTIL``,
hours in WITA; equal values switch quiet hours off), tested with a frozen clock.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

WITA = ZoneInfo("Asia/Makassar")


def is_quiet(moment: dt.datetime, *, start: int | None = None, end: int | None = None) -> bool:
    start = settings.NOTICE_QUIET_FROM if start is None else start
    end = settings.NOTICE_QUIET_UNTIL if end is None else end
    hour = moment.astimezone(WITA).hour
    if start == end:
        return False
    if start > end:  # over midnight, as 21 -> 7
        return hour >= start or hour < end
    return start <= hour < end


def earliest_send(moment: dt.datetime, *, start: int | None = None, end: int | None = None) -> dt.datetime:
    """``moment`` itself outside quiet hours, else the next ``end`` o'clock WITA (07:00)."""
    start = settings.NOTICE_QUIET_FROM if start is None else start
    end = settings.NOTICE_QUIET_UNTIL if end is None else end
    if not is_quiet(moment, start=start, end=end):
        return moment
    local = moment.astimezone(WITA)
    opening = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if opening <= local:
        opening += dt.timedelta(days=1)
    return opening.astimezone(dt.timezone.utc)
