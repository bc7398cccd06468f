"""The monthly table, against figures computed by hand (November 2026, no holiday in it).

Samarinda: A (web, acknowledged the same day, resolved in 7 days), B (web, acknowledged late, escalated, resolved
in 27 days, late), C (web, never answered, escalated), E (phone at 23:30 WITA on 30 Nov: November in WITA,
acknowledged on recording), S (pungli, resolved in 1 day: only the designated officer counts it).
Balikpapan: F (phone, rejected with its reason after 1.5 days). Outside the month: one on 31 Oct 23:30 WITA and
one on 1 Dec 00:30 WITA (30 Nov 16:30 UTC).
"""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from grievances.clock import WITA
from grievances.models import Category, Channel
from grievances.reports import monthly_table
from grievances.services.escalation import grievances_escalate
from grievances.services.handling import grievance_submit
from grievances.services.intake import grievance_move


def wita(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WITA)


@pytest.fixture
def november(samarinda, balikpapan, users):
    def web(category, at, area=samarinda):
        return grievance_submit(category=category, kabupaten=area, description="x", now=at)

    def phone(at, area, user):
        return grievance_submit(category=Category.GOODS, kabupaten=area, description="x", channel=Channel.PHONE,
                                user=user, now=at)

    a, b = web(Category.GOODS, wita(2026, 11, 2, 9)), web(Category.GOODS, wita(2026, 11, 3, 9))
    c = web(Category.TRAINING, wita(2026, 11, 10, 12))
    e = phone(wita(2026, 11, 30, 23, 30), samarinda, users["officer"])
    s = web(Category.PUNGLI, wita(2026, 11, 5, 10))
    f = phone(wita(2026, 11, 16, 8), balikpapan, users["other_officer"])
    web(Category.GOODS, wita(2026, 10, 31, 23, 30))
    web(Category.GOODS, dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.timezone.utc))
    # What happened, in order.
    grievance_move(grievance_id=a.pk, status="in_progress", now=wita(2026, 11, 2, 15))
    grievances_escalate(now=wita(2026, 11, 5))  # B: not acknowledged by the end of 4 Nov
    grievance_move(grievance_id=b.pk, status="in_progress", now=wita(2026, 11, 5, 10))
    grievance_move(grievance_id=s.pk, status="resolved", resolution="ok", now=wita(2026, 11, 6, 10))
    grievance_move(grievance_id=a.pk, status="resolved", resolution="ok", now=wita(2026, 11, 9, 9))
    grievances_escalate(now=wita(2026, 11, 13))  # C: not acknowledged by the end of 12 Nov
    grievance_move(grievance_id=f.pk, status="rejected", resolution="tidak terbukti", now=wita(2026, 11, 17, 20))
    grievance_move(grievance_id=b.pk, status="resolved", resolution="ok", now=wita(2026, 11, 30, 9))
    return {"a": a, "b": b, "c": c, "e": e, "s": s, "f": f}


def figures(row):
    return (row.received, row.acknowledged_in_time, row.resolved_in_time, row.escalated,
            None if row.median_days is None else round(row.median_days, 2))


def test_the_province_reads_every_area_with_hand_computed_figures(users, november):
    rows, total = monthly_table(user=users["provincial"], year=2026, month=11)
    by_name = {r.kabupaten.name: r for r in rows}
    assert len(rows) == 10
    assert figures(by_name["Kota Samarinda"]) == (4, 2, 1, 2, 17.0)  # median of 7 and 27 days
    assert (float(by_name["Kota Samarinda"].acknowledged_share), float(by_name["Kota Samarinda"].resolved_share)) \
        == (0.5, 0.25)
    assert figures(by_name["Kota Balikpapan"]) == (1, 1, 1, 0, 1.5)
    assert figures(by_name["Kota Bontang"]) == (0, 0, 0, 0, None) and by_name["Kota Bontang"].acknowledged_share is None
    assert figures(total) == (5, 3, 2, 2, 7.0)  # median of 1.5, 7 and 27


def test_only_the_designated_officer_counts_the_sensitive_complaints(complaints_officer, november):
    rows, total = monthly_table(user=complaints_officer, year=2026, month=11)
    assert figures(next(r for r in rows if r.kabupaten.name == "Kota Samarinda")) == (5, 3, 2, 2, 7.0)
    assert figures(total) == (6, 4, 3, 2, 4.25)  # median of 1, 1.5, 7 and 27


def test_an_officer_reads_their_own_area_only(users, november):
    rows, total = monthly_table(user=users["other_officer"], year=2026, month=11)
    assert [r.kabupaten.name for r in rows] == ["Kota Balikpapan"]
    assert figures(total) == (1, 1, 1, 0, 1.5)


@pytest.mark.django_db
def test_the_page_and_the_xlsx(client, users, november):
    client.force_login(users["officer"])
    body = client.get(reverse("grievances:monthly"), {"bulan": "2026-11"}).content.decode()
    assert "Kota Samarinda" in body and "Kota Balikpapan" not in body
    assert "2 (50,0%)" in body and "1 (25,0%)" in body and "17,0" in body

    client.force_login(users["provincial"])
    response = client.get(reverse("grievances:monthly_xlsx"), {"bulan": "2026-11"})
    assert response["Content-Disposition"] == 'attachment; filename="pengaduan-2026-11.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    samarinda = rows["Kota Samarinda"]
    assert [c.value for c in samarinda[1:]] == [4, 2, 0.5, 1, 0.25, 2, 17.0]
    assert samarinda[3].number_format == "0.0%" and isinstance(samarinda[1].value, int)
    assert [c.value for c in rows["Jumlah"][1:]] == [5, 3, 0.6, 2, 0.4, 2, 7.0]
    assert rows["Kota Bontang"][3].value is None


@pytest.mark.django_db
def test_a_month_that_is_not_a_month_shows_the_current_one(client, users):
    client.force_login(users["provincial"])
    for value in ("2026-13", "abc", "0-0", "99999999999999999999-1"):
        assert client.get(reverse("grievances:monthly"), {"bulan": value}).status_code == 200
