"""Graduation against a panel worked by hand: who made it, when, on which rounds, and why not."""

import datetime as dt

import pytest

from monitoring import selectors
from monitoring.models import Assignment, Facilitator, Graduation, MinimumWage
from monitoring.services.graduation import graduation_rule_update, graduations_compute
from monitoring.services.rounds import rounds_schedule
from recipients.models import CandidateEvent

# Handed over 2 Jun 2025: the rounds at 3, 6 and 12 months fall on 2 Sep 2025, 2 Dec 2025, 2 Jun 2026.
TODAY = dt.date(2026, 7, 1)


@pytest.fixture
def panel(users, samarinda, balikpapan, hand_over, visit):
    MinimumWage.objects.create(kabupaten=samarinda, year=2025, amount=3_500_000, decree_number="SK UMK 2025")
    MinimumWage.objects.create(kabupaten=samarinda, year=2026, amount=3_700_000, decree_number="SK UMK 2026")
    MinimumWage.objects.create(kabupaten=balikpapan, year=2025, amount=3_600_000, decree_number="SK UMK 2025")
    # Balikpapan's UMK 2026 is not set.
    names = "ABCDEI"
    families = {n: hand_over(samarinda, name=f"Keluarga {n}") for n in names}
    families |= {n: hand_over(balikpapan, name=f"Keluarga {n}") for n in "FG"}
    rounds_schedule()
    plan = {
        "A": [(3, "berjalan", 4_000_000), (6, "berkembang", 4_500_000)],  # 3 and 6: lulus 2 Jan 2026 (Sep + 4 months)
        "B": [(3, "berjalan", 4_000_000), (6, "berjalan", 2_000_000)],  # one round above the UMK only
        "C": [(3, "berjalan", 3_600_000), (6, "berjalan", 3_800_000), (12, "tutup", None)],  # lulus, then closed
        "D": [(3, "tersendat", 5_000_000), (6, "berjalan", 5_000_000), (12, "berjalan", 5_000_000)],  # 6 and 12
        "E": [(3, "berjalan", 4_000_000), (6, "berjalan", 4_000_000)],  # as A, but no pendamping follows it
        "I": [(3, "berjalan", 4_000_000), (6, "berjalan", 3_000_000), (12, "berjalan", 4_000_000)],  # not consecutive
        "F": [(3, "berjalan", 4_000_000), (6, "berjalan", 4_000_000)],  # Balikpapan, both rounds in 2025
        "G": [(6, "berjalan", 4_000_000), (12, "berjalan", 4_000_000)],  # the 2026 round has no UMK to compare
    }
    for name, visits in plan.items():
        for months, outcome, revenue in visits:
            visit(families[name], months, outcome, revenue=revenue)
    pendamping = {area.id: Facilitator.objects.create(kabupaten=area, name=f"Pendamping {area.name}")
                  for area in (samarinda, balikpapan)}
    for name, candidate in families.items():
        if name != "E":
            Assignment.objects.create(candidate=candidate, facilitator=pendamping[candidate.kabupaten_id],
                                      assigned_by=users["provincial"])
    return families


def graduated(families):
    by_id = {c.id: n for n, c in families.items()}
    return {by_id[g.candidate_id]: g.graduated_on for g in Graduation.objects.all()}


def test_families_graduate_by_the_rule_of_their_year(panel, programme_year):
    assert graduations_compute(today=TODAY) == 4

    assert graduated(panel) == {"A": dt.date(2026, 1, 2), "C": dt.date(2026, 1, 2), "D": dt.date(2026, 6, 2),
                                "F": dt.date(2026, 1, 2)}
    d = Graduation.objects.get(candidate=panel["D"])
    assert (d.first_visit.round.months, d.last_visit.round.months) == (6, 12)
    event = CandidateEvent.objects.get(candidate=panel["A"], data__graduation__isnull=False)
    assert event.message == "Dinyatakan lulus (mandiri) per 2 Jan 2026"


def test_nobody_graduates_before_the_mentoring_has_run_its_months(panel, programme_year):
    graduations_compute(today=dt.date(2026, 1, 1))

    assert graduated(panel) == {}


def test_computing_again_records_nothing_twice_and_a_stricter_rule_takes_nobody_back(panel, programme_year, users):
    graduations_compute(today=TODAY)
    graduation_rule_update(programme_year=programme_year, user=users["provincial"], consecutive_rounds=3,
                           umk_required=True, mentoring_months=4)

    assert graduations_compute(today=TODAY) == 0
    assert len(graduated(panel)) == 4
    assert CandidateEvent.objects.filter(data__graduation__isnull=False).count() == 4


def test_without_the_umk_rule_the_rounds_below_it_count(panel, programme_year, users):
    graduation_rule_update(programme_year=programme_year, user=users["provincial"], consecutive_rounds=2,
                           umk_required=False, mentoring_months=4)
    graduations_compute(today=TODAY)

    # B (3 and 6), I (3 and 6) and G (6 and 12) join; E still has no pendamping.
    assert set(graduated(panel)) == {"A", "B", "C", "D", "F", "G", "I"}


def test_graduation_per_area_with_its_interval_the_later_closure_and_the_missing_umk(panel, programme_year, users):
    graduations_compute(today=TODAY)
    total, groups, reasons = selectors.graduation(users["provincial"], programme_year=programme_year)

    by_area = {g.label: (g.handed_over, g.graduated, g.closed_after) for g in groups}
    assert by_area == {"Kota Balikpapan": (2, 1, 0), "Kota Samarinda": (6, 3, 1)}
    assert (total.handed_over, total.graduated, total.closed_after) == (8, 4, 1)
    # Wilson, 4 of 8: centre 0.5, half-width 1.96 x sqrt(0.25/8 + 1.96^2/256) / (1 + 1.96^2/8) = 0.28479
    assert total.interval == pytest.approx((0.21521, 0.78479), abs=1e-5)
    assert reasons == ["UMK Kota Balikpapan tahun 2026 belum diisi: keluarga yang dikunjungi tahun itu belum "
                       "dapat dinyatakan lulus."]


def test_an_officer_reads_the_graduation_of_their_own_area_only(panel, programme_year, users):
    graduations_compute(today=TODAY)
    total, groups, reasons = selectors.graduation(users["officer"], programme_year=programme_year)

    assert [g.label for g in groups] == ["Kota Samarinda"]
    assert (total.handed_over, total.graduated) == (6, 3)
    assert reasons == []


def test_the_graduation_page_the_case_page_and_the_xlsx(client, panel, programme_year, users):
    from io import BytesIO

    from openpyxl import load_workbook

    graduations_compute(today=TODAY)
    client.force_login(users["provincial"])

    page = client.get("/monitoring/kelulusan/?tahun=2025").content.decode()
    assert "Kota Samarinda" in page and "UMK Kota Balikpapan tahun 2026 belum diisi" in page
    assert "50,0%" in page  # 4 of 8
    case = client.get(f"/monitoring/penerima/{panel['C'].id}/").content.decode()
    assert "Lulus (mandiri) per 2 Jan 2026, berdasarkan kunjungan putaran 3 sampai 6 bulan." in case
    assert "Kemudian usahanya ditemukan tutup (2 Jun 2026)" in case

    sheet = load_workbook(BytesIO(client.get("/monitoring/kelulusan/?tahun=2025&format=xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kabupaten/kota", "Disalurkan", "Lulus")
    assert rows[-1][:3] == ("Semua", 8, 4) and rows[-1][3] == pytest.approx(0.5)
    assert sheet.cell(row=sheet.max_row, column=4).number_format == "0.0%"  # a number shown as a percent


def test_provincial_staff_change_the_rule_and_recompute_at_once(client, panel, programme_year, users):
    client.force_login(users["provincial"])

    client.post("/monitoring/kelulusan/aturan/?tahun=2025", {"consecutive_rounds": "2", "mentoring_months": "4"})
    response = client.post("/monitoring/kelulusan/hitung/?tahun=2025", follow=True)

    assert "7 keluarga baru dinyatakan lulus" in response.content.decode()  # the UMK no longer asked


def test_an_officer_may_not_change_the_rule(client, panel, programme_year, users):
    client.force_login(users["officer"])

    assert client.post("/monitoring/kelulusan/hitung/?tahun=2025").status_code == 403
    assert Graduation.objects.count() == 0


def test_the_cohort_page_puts_each_year_at_6_12_24_and_36_months(client, panel, programme_year, users):
    graduations_compute(today=TODAY)
    rows = selectors.cohorts(users["provincial"], today=TODAY)

    assert [c.programme_year.year for c in rows] == [2025]
    six, twelve, twenty_four, _thirty_six = rows[0].cells
    assert rows[0].handed_over == 8
    # Every family was visited at 6 months; nobody had graduated within 6 months of the handover.
    assert (six.reached, six.graduated) == (8, 0)
    # At 12 months: C (closed), D, G and I reached; A, C, F graduated 2 Jan 2026, D on 2 Jun 2026 (= 12 months).
    assert (twelve.reached, twelve.graduated) == (4, 4)
    assert twelve.omzet_median == 4_000_000  # running at 12: D 5.0, G 4.0 and I 4.0 million
    assert twenty_four.reached == 0

    client.force_login(users["provincial"])
    page = client.get("/monitoring/kohort/").content.decode()
    assert 'data-testid="cohort-2025"' in page
    assert page.count('data-testid="target"') == 1 and page.count("Menuju target kemiskinan provinsi") == 1
    title = page[page.index("<title>"):page.index("</title>")]
    assert "Kohort antartahun" in title and "<h2>" not in title
