"""What waits for each level of the complaints' tree, for the Beranda and the list's filters.

Every queue starts from ``Grievance.objects.visible_to(user)``: an area's officer never counts (nor sees)
another area's complaints or a sensitive one."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from accounts.models import Role
from grievances.models import OPEN_STATUSES, Escalation, Grievance, Level

# The list page's ?antrian= values.
TO_ACKNOWLEDGE, BREACHED, ESCALATED = "tanggapi", "lewat", "eskalasi"
QUEUES = (TO_ACKNOWLEDGE, BREACHED, ESCALATED)


def levels_of(user) -> tuple[int, ...]:
    """The levels this user answers for: an area's officer the area, provincial staff the province, and the
    head of division (a permission given in the admin) the last step as well."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ()
    if user.role == Role.OFFICER:
        return (Level.AREA,)
    if user.role == Role.PROVINCIAL:
        return (Level.PROVINCE, Level.HEAD) if user.has_perm("grievances.head_of_division") else (Level.PROVINCE,)
    return ()


def breached_q(now: dt.datetime) -> Q:
    """Open and past a deadline of the complaint itself: not acknowledged in time, or not resolved in time."""
    return Q(status__in=OPEN_STATUSES) & (Q(acknowledged_at__isnull=True, acknowledge_due_at__lte=now)
                                          | Q(resolve_due_at__lte=now))


def queue(*, user, name: str, now: dt.datetime):
    """The complaints of one queue that wait for ``user``'s levels."""
    mine = Grievance.objects.visible_to(user).filter(level__in=levels_of(user), status__in=OPEN_STATUSES)
    if name == TO_ACKNOWLEDGE:
        return mine.filter(acknowledged_at__isnull=True)
    if name == BREACHED:
        return mine.filter(breached_q(now))
    if name == ESCALATED:
        return mine.filter(Exists(Escalation.objects.filter(grievance=OuterRef("pk"), to_level=OuterRef("level"))))
    raise ValueError(name)


@dataclass
class Waiting:
    to_acknowledge: int
    breached: int
    escalated: int

    @property
    def nothing(self) -> bool:
        return not (self.to_acknowledge or self.breached or self.escalated)


def waiting_for(*, user, now: dt.datetime) -> Waiting | None:
    """The three counts of the Beranda; None for a user who answers for no level (a viewer, an admin)."""
    if not levels_of(user):
        return None
    return Waiting(**{field: queue(user=user, name=name, now=now).count() for field, name in (
        ("to_acknowledge", TO_ACKNOWLEDGE), ("breached", BREACHED), ("escalated", ESCALATED))})
