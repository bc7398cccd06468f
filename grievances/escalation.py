"""Escalation: every open complaint whose holder let its deadline pass moves one step up the region tree,
kabupaten/kota officer -> provincial complaints officer -> head of division (sensitive complaints start at the
designated provincial officer). Run by celery beat (grievances.tasks.grievances_escalate).

Each step is an ``Escalation`` row, append-only in the database. The job is idempotent: a complaint is taken
only while its holder is breached, the step gives the new holder a deadline in the future, and a unique
(complaint, level) constraint holds even if two workers run at once. So running twice escalates once.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from grievances.deadlines import escalated_due
from grievances.models import OPEN_STATUSES, Escalation, Grievance, Level
from grievances.notices import grievance_notice

BATCH = 500


def breached(now: dt.datetime):
    """Open complaints whose holder is past its deadline and who has someone above them."""
    return Grievance.objects.filter(status__in=OPEN_STATUSES, level_due_at__lte=now, level__lt=Level.HEAD)


def grievance_escalate(*, grievance: Grievance, now: dt.datetime) -> Escalation:
    """One step up; the caller holds the row locked and has seen it breached."""
    reason = (Escalation.Reason.NOT_ACKNOWLEDGED if grievance.acknowledged_at is None
              else Escalation.Reason.NOT_RESOLVED)
    new_due = escalated_due(now=now, resolve_due_at=grievance.resolve_due_at)
    step = Escalation.objects.create(grievance=grievance, from_level=grievance.level, to_level=grievance.level + 1,
                                     reason=reason, breached_due_at=grievance.level_due_at, new_due_at=new_due, at=now)
    grievance.level, grievance.level_due_at = grievance.level + 1, new_due
    grievance.save(update_fields=["level", "level_due_at", "updated_at"])
    grievance_notice(grievance=grievance, event="escalated")
    return step


def grievances_escalate(*, now: dt.datetime | None = None) -> int:
    """The beat job: escalate every breached complaint once; returns how many steps were taken."""
    now = now or timezone.now()
    steps = 0
    while True:
        with transaction.atomic():
            # SKIP LOCKED: a complaint being changed (or escalated by another worker) waits for the next run.
            batch = list(breached(now).select_for_update(skip_locked=True).order_by("level_due_at", "id")[:BATCH])
            for grievance in batch:
                grievance_escalate(grievance=grievance, now=now)
        steps += len(batch)
        if len(batch) < BATCH:
            return steps
