"""Seed the national holidays of 2026 and 2027 (SKB 3 Menteri; the 2027 dates of the moving feasts are
expected ones until the decree: provincial staff correct them on /pengaduan/batas-waktu/), and give the
complaints already received their deadlines."""

import datetime as dt

from django.db import migrations

HOLIDAYS = [
    ("2026-01-01", "Tahun Baru 2026 Masehi"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
    ("2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948"),
    ("2026-03-21", "Idul Fitri 1447 Hijriah"),
    ("2026-03-22", "Idul Fitri 1447 Hijriah"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-01", "Hari Buruh Internasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-27", "Idul Adha 1447 Hijriah"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah"),
    ("2026-08-17", "Proklamasi Kemerdekaan"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-25", "Kelahiran Yesus Kristus"),
    ("2027-01-01", "Tahun Baru 2027 Masehi"),
    ("2027-01-05", "Isra Mikraj Nabi Muhammad SAW (perkiraan)"),
    ("2027-02-06", "Tahun Baru Imlek 2578 Kongzili"),
    ("2027-03-08", "Hari Suci Nyepi Tahun Baru Saka 1949 (perkiraan)"),
    ("2027-03-10", "Idul Fitri 1448 Hijriah (perkiraan)"),
    ("2027-03-11", "Idul Fitri 1448 Hijriah (perkiraan)"),
    ("2027-03-26", "Wafat Yesus Kristus"),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2027-05-01", "Hari Buruh Internasional"),
    ("2027-05-06", "Kenaikan Yesus Kristus"),
    ("2027-05-17", "Idul Adha 1448 Hijriah (perkiraan)"),
    ("2027-05-20", "Hari Raya Waisak 2571 BE (perkiraan)"),
    ("2027-06-01", "Hari Lahir Pancasila"),
    ("2027-06-06", "1 Muharam Tahun Baru Islam 1449 Hijriah (perkiraan)"),
    ("2027-08-15", "Maulid Nabi Muhammad SAW (perkiraan)"),
    ("2027-08-17", "Proklamasi Kemerdekaan"),
    ("2027-12-25", "Kelahiran Yesus Kristus"),
]


def seed(apps, schema_editor):
    from grievances import clock
    from grievances.deadlines import ACKNOWLEDGE_WORKING_DAYS, DEFAULT_RESOLVE_WORKING_DAYS

    Holiday = apps.get_model("grievances", "Holiday")
    Grievance = apps.get_model("grievances", "Grievance")
    Holiday.objects.bulk_create([Holiday(date=dt.date.fromisoformat(day), name=name) for day, name in HOLIDAYS],
                                ignore_conflicts=True)
    holidays = frozenset(Holiday.objects.values_list("date", flat=True))
    sensitive = {"pungli", "fraud", "harassment", "personal_data"}
    for g in Grievance.objects.filter(acknowledge_due_at__isnull=True).iterator():
        g.acknowledge_due_at = clock.due_at(g.received_at, ACKNOWLEDGE_WORKING_DAYS, holidays)
        g.resolve_due_at = clock.due_at(g.received_at, DEFAULT_RESOLVE_WORKING_DAYS[g.category], holidays)
        g.level = 1 if g.category in sensitive else 0
        # A complaint already answered was acknowledged then (the best we know); a closed one was closed then.
        if g.status != "received":
            g.acknowledged_at = g.updated_at
        if g.status in ("resolved", "rejected"):
            g.closed_at = g.updated_at
        g.level_due_at = g.resolve_due_at if g.acknowledged_at else g.acknowledge_due_at
        g.save(update_fields=["acknowledge_due_at", "resolve_due_at", "level", "acknowledged_at", "closed_at",
                              "level_due_at"])


class Migration(migrations.Migration):
    dependencies = [("grievances", "0002_deadlines_escalation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
