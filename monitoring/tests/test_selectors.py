"""Survival, income, desil movement and pipeline against figures computed by hand."""

import datetime as dt

import pytest

from monitoring import selectors
from monitoring.models import Baseline, MinimumWage
from monitoring.services.rounds import rounds_schedule
from verification.tests.conftest import registry_row

# Handed over 2 Jun 2025: round 3 was due 2 Sep 2025 and is missed by now (90 days), round 6 was
# due 2 Dec 2025 and is overdue (still pending), round 12 is upcoming.
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def ten_families(samarinda, balikpapan, hand_over, visit):
    """Six families in Samarinda (gorengan) and four in Balikpapan (jahit), visited as below."""
    s = [hand_over(samarinda) for _ in range(6)]
    b = [hand_over(balikpapan, package="jahit") for _ in range(4)]
    rounds_schedule()
    plan = [
        (s[0], [(3, "berjalan", 1_200_000), (6, "berkembang", 4_000_000)]),
        (s[1], [(3, "berjalan", 800_000), (6, "tutup", None)]),
        (s[2], [(3, "tutup", None)]),
        (s[3], [(3, "tidak_ditemukan", None), (6, "berjalan", 1_500_000)]),
        (s[4], []),  # never visited: missed at 3 months, overdue at 6
        (s[5], [(3, "pindah", None)]),
        (b[0], [(3, "berjalan", 1_000_000), (6, "berjalan", 4_000_000)]),
        (b[1], [(3, "tersendat", 500_000), (6, "tutup", None)]),
        (b[2], [(3, "menolak", None), (6, "meninggal", None)]),
        (b[3], [(3, "berkembang", 2_000_000)]),
    ]
    for candidate, visits in plan:
        for months, outcome, revenue in visits:
            visit(candidate, months, outcome, revenue=revenue)
    return s, b


def rounds_of(curve):
    return {r.months: (r.cohort, r.closed_before, r.closed, r.running, r.attrition, r.pending) for r in curve.rounds}


def test_survival_follows_every_family_and_censors_those_not_reached(users, programme_year, ten_families):
    total, groups = selectors.survival(users["provincial"], programme_year=programme_year, today=TODAY)

    # What the visits found: cohort, closed before, closed now, running, not reached (incl. missed), not yet visited
    assert rounds_of(total) == {3: (10, 0, 1, 5, 4, 0), 6: (10, 1, 2, 3, 1, 3), 12: (10, 3, 0, 0, 0, 7),
                                24: (10, 3, 0, 0, 0, 7), 36: (10, 3, 0, 0, 0, 7)}
    by_months = {r.months: r for r in total.rounds}
    # The curve's times: s0, s3, b0 running at 6 (s3 not found at 3 but running at 6: followed at 3
    # too), b3 running at 3, s2 closed at 3, s1 and b1 closed at 6, s5 moved at 3 and b2 died at 6
    # (competing), s4 never seen: on no risk set.
    assert [(r.at_risk, r.events, r.competing) for r in total.rounds] == [(9, 1, 1), (6, 2, 1)] + [(0, 0, 0)] * 3
    # Kaplan-Meier: 8/9 at 3 months, 8/9 x 4/6 = 16/27 at 6 (the old rule, which dropped s3 at 3, said 1/2).
    assert by_months[3].survival == pytest.approx(8 / 9)
    assert by_months[6].survival == pytest.approx(16 / 27)
    assert by_months[12].survival is None  # nobody followed yet: no figure rather than a carried one
    # log-log Greenwood at 3 months: V = 1/(9 x 8); se = sqrt(V)/|ln(8/9)| = 1.000577;
    # (8/9)^exp(+-1.96 se) -> 0.43297 .. 0.98356, inside 0-100 % without clipping.
    assert (by_months[3].low, by_months[3].high) == pytest.approx((0.432965, 0.983564), abs=1e-5)
    # at 6: V = 1/72 + 2/(6 x 4) -> 0.18592 .. 0.84982
    assert (by_months[6].low, by_months[6].high) == pytest.approx((0.185919, 0.849818), abs=1e-5)
    # Aalen-Johansen: closed by 3 = 1/9; by 6 = 1/9 + S_any(3) x 2/6 = 1/9 + 7/9 x 1/3 = 10/27,
    # below 1 - KM = 11/27 since the moved and the dead can no longer close.
    assert by_months[3].incidence == pytest.approx(1 / 9)
    assert by_months[6].incidence == pytest.approx(10 / 27)
    # delta-method variance at 6 = 0.0291114 -> log-log interval 0.08499 .. 0.67019
    assert (by_months[6].incidence_low, by_months[6].incidence_high) == pytest.approx((0.084992, 0.670192), abs=1e-5)
    assert (by_months[3].not_reached, by_months[3].missed) == (3, 1)

    curves = {g.label: g for g in groups}
    # Samarinda: 5 followed at 3, s2 closes (s5 moved) -> 4/5; 3 at 6, s1 closes -> 4/5 x 2/3.
    assert [r.survival for r in curves["Kota Samarinda"].rounds][:2] == pytest.approx([4 / 5, 8 / 15])
    # Balikpapan: 4 at 3, none closed; b0, b1, b2 at 6, b1 closes -> 2/3.
    assert [r.survival for r in curves["Kota Balikpapan"].rounds][:2] == pytest.approx([1.0, 2 / 3])
    assert curves["Kota Balikpapan"].rounds[0].low is None  # S = 1: no interval to give


def test_survival_per_business_type_and_package(users, programme_year, ten_families):
    _total, by_sector = selectors.survival(users["provincial"], programme_year=programme_year, per="sektor",
                                           today=TODAY)
    _total, by_package = selectors.survival(users["provincial"], programme_year=programme_year, per="paket",
                                            today=TODAY)

    assert sorted(g.label for g in by_sector) == ["Kerajinan", "Olahan pangan"]
    assert sorted(g.label for g in by_package) == ["Paket usaha gorengan", "Paket usaha jahit"]


def test_an_officer_sees_the_survival_of_their_own_area_only(users, programme_year, ten_families):
    total, groups = selectors.survival(users["other_officer"], programme_year=programme_year, today=TODAY)

    assert [g.label for g in groups] == ["Kota Balikpapan"]
    assert rounds_of(total)[3] == (4, 0, 0, 3, 1, 0)


def test_income_against_the_baseline_and_the_minimum_wage(users, programme_year, ten_families, samarinda):
    s, b = ten_families
    for candidate, revenue in ((s[0], 1_000_000), (s[3], 2_000_000), (b[0], 1_500_000)):
        Baseline.objects.create(candidate=candidate, recorded_on=dt.date(2025, 6, 2), state="BERJALAN",
                                monthly_revenue=revenue, assets=3_000_000, workers=1, recorded_by=users["officer"])
    MinimumWage.objects.create(kabupaten=samarinda, year=2025, amount=3_600_000, decree_number="100.3.3.1/K.1/2024")

    rows = {(r["months"], r["total"] or r["label"]): r for r in selectors.income(users["provincial"],
                                                                              programme_year=programme_year)}

    six = rows[(6, True)]
    # Running at 6 months: 4.0 M (base 1.0 M), 1.5 M (base 2.0 M), 4.0 M (base 1.5 M).
    assert (six["families"], six["with_baseline"], six["baseline_median"], six["omzet_median"],
            six["change_median"], six["above_baseline"]) == (3, 3, 1_500_000, 4_000_000, 2_500_000, 2)
    # Only Samarinda has a UMK for 2025: 4.0 M passes 3.6 M, 1.5 M does not.
    assert (six["umk_known"], six["above_umk"]) == (2, 1)
    three = rows[(3, True)]
    # Running at 3 months: 1.2, 0.8, 1.0, 0.5, 2.0 M; with a baseline: 1.2 (1.0) and 1.0 (1.5).
    assert (three["families"], three["with_baseline"], three["baseline_median"], three["omzet_median"],
            three["change_median"], three["above_baseline"]) == (5, 2, 1_250_000, 1_000_000, -150_000, 1)
    assert rows[(6, "Kota Balikpapan")]["umk_known"] == 0


def test_pipeline_counts_each_step_per_area(users, programme_year, samarinda, make_candidate, hand_over, visit):
    from disbursements.models import TrainingSession

    officer = users["officer"]
    for status in ("proposed", "proposed", "desk_failed", "desk_passed", "reserve", "decided"):
        make_candidate(samarinda, status=status, created_by=officer)
    trained = make_candidate(samarinda, status="trained", created_by=officer)
    handed = [hand_over(samarinda) for _ in range(3)]
    session = TrainingSession.objects.create(programme_year=programme_year, kabupaten=samarinda,
                                             date=dt.date(2025, 5, 20), venue="Aula", topic="Usaha",
                                             recorded_by=officer)
    session.participants.set([trained, handed[0], handed[1]])
    rounds_schedule()
    visit(handed[0], 3, "berjalan", revenue=1_000_000)
    visit(handed[1], 3, "berjalan", revenue=1_000_000)
    visit(handed[1], 6, "tutup")

    rows = {r["kabupaten"].code: r for r in selectors.pipeline(users["provincial"], programme_year=programme_year)}

    assert {step: rows["64.72"][step] for step in selectors.PIPELINE_STEPS} == {
        "proposed": 10, "passed": 7, "decided": 5, "trained": 3, "handed_over": 3, "monitored": 2, "running": 1}
    assert rows["64.71"]["proposed"] == 0
    assert [r["kabupaten"].code for r in selectors.pipeline(users["other_officer"], programme_year=programme_year)] \
        == ["64.71"]


def test_budget_realisation_fills_the_plan_then_the_revision(users, programme_year, samarinda, hand_over):
    from quotas.models import BudgetDocument, QuotaEntry

    plan = BudgetDocument.objects.create(programme_year=programme_year, province=samarinda.province, kind="murni", number="APBD/2025",
                                         date=dt.date(2025, 1, 2), amount=10_000_000)
    BudgetDocument.objects.create(programme_year=programme_year, province=samarinda.province, kind="perubahan", number="APBD-P/2025",
                                             date=dt.date(2025, 9, 1), amount=10_000_000)
    QuotaEntry.objects.create(programme_year=programme_year, kabupaten=samarinda, document=plan, places=2,
                              reason="Rencana")
    for _ in range(3):
        hand_over(samarinda)  # 3 x Rp 5.000.000

    documents, realised = selectors.budget_realisation(users["provincial"], programme_year=programme_year)

    assert [(d["document"].number, d["places"], d["realised"], d["share"]) for d in documents] == [
        ("APBD/2025", 2, 10_000_000, 1.0), ("APBD-P/2025", 0, 5_000_000, 0.5)]
    assert (realised["value"], realised["handovers"], realised["beyond"]) == (15_000_000, 3, 0)


def test_desil_movement_against_the_reserve_with_an_interval(users, programme_year, samarinda, hand_over,
                                                            make_candidate, load_snapshot):
    recipients = [hand_over(samarinda, desil_dtks=d) for d in (2, 2, 2, 2, 7, 2)]
    reserve = [make_candidate(samarinda, status="reserve", desil_dtks=3, created_by=users["officer"])
               for _ in range(5)]
    # Recipients after: 6 and 7 left desil 1-5; 2 and 5 stayed; the one at 7 before is not counted; one not found.
    after = [6, 7, 2, 5, 8]
    rows = [registry_row(c, DESIL=d) for c, d in zip(recipients, after)]
    # Reserve after: one left (6), three stayed, one not found.
    rows += [registry_row(c, DESIL=d) for c, d in zip(reserve, (6, 3, 4, 1))]
    snapshot = load_snapshot(rows, extract_date=dt.date(2026, 6, 30))

    assert list(selectors.snapshots_after_handover(programme_year=programme_year)) == [snapshot]
    movement = selectors.desil_movement(users["provincial"], programme_year=programme_year, snapshot=snapshot)

    r, q = movement.recipients, movement.reserve
    assert (r.total, r.found, r.not_found, r.n, r.left, r.share) == (6, 5, 1, 4, 2, 0.5)
    assert (q.total, q.found, q.not_found, q.n, q.left, q.share) == (5, 4, 1, 4, 1, 0.25)
    # Wilson 95 % for 2 of 4: 0.1500 to 0.8500.
    assert r.interval == pytest.approx((0.1500, 0.8500), abs=1e-4)
    # Difference 0.25, standard error sqrt(.5 x .5 / 4 + .25 x .75 / 4) = 0.3307.
    assert movement.difference == pytest.approx(0.25)
    assert movement.difference_interval == pytest.approx((-0.3982, 0.8982), abs=1e-4)
    assert selectors.desil_movement(users["other_officer"], programme_year=programme_year,
                                    snapshot=snapshot).recipients.total == 0


def test_toward_the_target_per_cohort_and_area_with_the_people_in_those_families(
        users, programme_year, samarinda, hand_over, make_candidate, load_snapshot):
    from recipients.nik import make_nik

    recipients = [hand_over(samarinda, desil_dtks=d) for d in (2, 2, 2, 2)]
    reserve = [make_candidate(samarinda, status="reserve", desil_dtks=3, created_by=users["officer"])
               for _ in range(4)]
    rows = [registry_row(c, DESIL=d) for c, d in zip(recipients, (6, 7, 2, 5))]
    rows += [registry_row(c, DESIL=d) for c, d in zip(reserve, (6, 3, 4, 1))]
    # The first family that left has three more members on its KK in the registry; the second, none.
    for n in range(3):
        nik = make_nik(kecamatan_code=recipients[0].kecamatan.code, birth_date=dt.date(2010, 1, 1 + n), sex="L",
                       serial=9000 + n)
        rows.append(registry_row(recipients[0], NIK=nik, ID_DTKS=f"DTKSX{n}", NAMA=f"Anak {n}",
                                 JENIS_KELAMIN="L", TANGGAL_LAHIR=f"2010-01-0{1 + n}", DESIL=6))
    load_snapshot(rows, extract_date=dt.date(2026, 6, 30))

    [row] = selectors.toward_target(users["provincial"])

    assert (row.year, row.label) == (2025, "Kota Samarinda")
    assert (row.recipients.n, row.recipients.left, row.reserve.n, row.reserve.left) == (4, 2, 4, 1)
    assert row.people == 4 + 1  # the two families that left: 4 and 1 people on their KK
    assert selectors.toward_target(users["other_officer"]) == []
