"""Expected status of every complaints URL for every role (see uep/tests/authz.py).

The world holds a sensitive complaint (pungli) about Samarinda: only the designated provincial complaints
officer (the world's provincial user, given the permission here) reads it; Samarinda's own officer gets 404.
"""

from uep.tests.authz import EVERY_USER, PROVINCIAL_ONLY, PUBLIC, Access, statuses

SENSITIVE_TEXT = "diminta uang rahasia Samarinda"
ORDINARY_TEXT = "barang kurang rahasia Samarinda"


def world_extras(world):
    from django.contrib.auth.models import Permission

    from grievances.models import Category, Grievance

    world["users"]["provincial"].user_permissions.add(Permission.objects.get(codename="handle_sensitive"))
    sensitive = Grievance.objects.create(code="SENS1TIVE2", category=Category.PUNGLI, channel="web",
                                         kabupaten=world["samarinda"], description=SENSITIVE_TEXT)
    ordinary = Grievance.objects.create(code="0RD1NARY23", category=Category.GOODS, channel="web",
                                        kabupaten=world["samarinda"], description=ORDINARY_TEXT)
    from grievances.models import Holiday

    holiday = Holiday.objects.create(date="2030-01-02", name="Libur uji")
    # Rows for the admin's pages (the hostile walk opens and posts each model's first row).
    from django.utils import timezone

    from grievances.models import CategoryDeadline, Escalation, Level

    now = timezone.now()
    Escalation.objects.create(grievance=sensitive, from_level=Level.PROVINCE, to_level=Level.HEAD,
                              reason=Escalation.Reason.NOT_ACKNOWLEDGED, breached_due_at=now, new_due_at=now, at=now)
    CategoryDeadline.objects.create(province=world["samarinda"].province, category=Category.TRAINING,
                                    resolve_working_days=10)  # the default's days
    return {"grievance_sensitive": sensitive, "grievance_ordinary": ordinary, "holiday": holiday}


MATRIX = {
    "grievances:submit": Access(PUBLIC),
    "grievances:track": Access(PUBLIC),
    "grievances:record": Access(statuses(200, viewer=403)),
    "grievances:list": Access(EVERY_USER, must_not_leak=lambda w: [SENSITIVE_TEXT, ORDINARY_TEXT, "SENS1TIVE2",
                                                                   "0RD1NARY23"]),
    # The sensitive complaint: no one but the designated provincial officer, not even the area's officer.
    "grievances:detail": Access(statuses(404, provincial=200), kwargs=lambda w: {"pk": w["grievance_sensitive"].pk}),
    # The clock's settings: provincial staff only.
    "grievances:deadlines": Access(PROVINCIAL_ONLY),
    # The holidays are national and the world serves two provinces: only the superuser without a province (not
    # a role here) changes them (grievances/tests/test_provinces.py).
    "grievances:holiday_delete": Access(statuses(403), method="post", kwargs=lambda w: {"pk": w["holiday"].pk}),
    # Counts only, each user's scope (the sensitive categories counted for the designated officer alone:
    # grievances/tests/test_reports.py).
    "grievances:monthly": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
    "grievances:monthly_xlsx": Access(EVERY_USER, must_not_leak=lambda w: ["Kota Samarinda"]),
}
