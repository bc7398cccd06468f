"""Every goods complaint of the delivery check becomes a complaint in the one list (grievances), channel "visit",
linked to its case; its status, description, resolution and due date move there. The promise already made (its
due date) is kept as the resolve deadline; it was recorded by an officer at a visit, so it counts as acknowledged
when it was recorded."""

import datetime as dt
import secrets

from django.db import migrations

STATUS = {"open": "received", "in_progress": "in_progress", "resolved": "resolved", "rejected": "rejected"}
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def join(apps, schema_editor):
    from grievances import clock

    Complaint = apps.get_model("disbursements", "Complaint")
    Grievance = apps.get_model("grievances", "Grievance")
    Holiday = apps.get_model("grievances", "Holiday")
    History = apps.get_model("disbursements", "ComplaintHistory")
    holidays = frozenset(Holiday.objects.values_list("date", flat=True))
    used = set(Grievance.objects.values_list("code", flat=True))
    for complaint in Complaint.objects.filter(grievance__isnull=True).order_by("id").iterator():
        code = "".join(secrets.choice(ALPHABET) for _ in range(10))
        while code in used:
            code = "".join(secrets.choice(ALPHABET) for _ in range(10))
        used.add(code)
        resolve_due = dt.datetime.combine(complaint.due_on + dt.timedelta(days=1), dt.time(), tzinfo=clock.WITA)
        status = STATUS[complaint.status]
        grievance = Grievance.objects.create(
            code=code, category="selection" if complaint.kind == "selection" else "goods", channel="visit",
            kabupaten_id=complaint.kabupaten_id, candidate_id=complaint.candidate_id,
            description=complaint.description, status=status, resolution=complaint.resolution,
            received_at=complaint.recorded_at, recorded_by_id=complaint.recorded_by_id,
            acknowledge_due_at=clock.due_at(complaint.recorded_at, 1, holidays), resolve_due_at=resolve_due,
            acknowledged_at=complaint.recorded_at,
            closed_at=complaint.resolved_at if status in ("resolved", "rejected") else None,
            level=0, level_due_at=resolve_due)
        Complaint.objects.filter(pk=complaint.pk).update(grievance=grievance)
        # The history's copies name the link too (the column becomes NOT NULL there as well).
        History.objects.filter(pgh_obj_id=complaint.pk, grievance__isnull=True).update(grievance_id=grievance.id)


class Migration(migrations.Migration):
    dependencies = [("disbursements", "0018_complaint_grievance")]

    operations = [migrations.RunPython(join, migrations.RunPython.noop)]
