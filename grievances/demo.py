"""Demo complaints: the provincial demo user is the designated complaints officer and the head of division, and
a few complaints wait on the Beranda of Samarinda's officer and of the province (idempotent)."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.utils import timezone

DEMO_MARK = "[contoh]"


def seed(*, users, stdout) -> None:
    from grievances.models import Category, Channel, Grievance
    from grievances.services.escalation import grievances_escalate
    from grievances.services.handling import grievance_submit

    province, officer = users["provinsi"], users["samarinda"]
    province.user_permissions.add(*Permission.objects.filter(codename__in=["handle_sensitive", "head_of_division"],
                                                             content_type__app_label="grievances"))
    if Grievance.objects.filter(description__startswith=DEMO_MARK).exists():
        return
    now = timezone.now()
    area = officer.kabupaten
    grievance_submit(category=Category.GOODS, kabupaten=area, now=now,
                     description=f"{DEMO_MARK} Kompor dari paket bantuan tidak menyala sejak hari pertama.")
    grievance_submit(category=Category.TRAINING, kabupaten=area, now=now - dt.timedelta(days=10),
                     description=f"{DEMO_MARK} Jadwal bimtek berubah tanpa pemberitahuan.")
    grievance_submit(category=Category.SELECTION, kabupaten=area, channel=Channel.PHONE, user=officer,
                     now=now - dt.timedelta(days=3), complainant_name="Warga Sungai Kunjang",
                     description=f"{DEMO_MARK} Tetangga yang mampu tercatat sebagai penerima.")
    grievance_submit(category=Category.PUNGLI, kabupaten=area, now=now,
                     description=f"{DEMO_MARK} Diminta uang supaya diusulkan.")
    steps = grievances_escalate(now=now)
    stdout.write(f"Pengaduan contoh: 4 di {area.name}, {steps} dieskalasi.")
