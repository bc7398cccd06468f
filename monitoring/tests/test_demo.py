import io

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.slow  # seeds the whole demo


def test_the_demo_follows_twelve_families_through_three_rounds_with_the_figures_worked_by_hand(db, regions):
    from accounts.models import User
    from monitoring import selectors
    from programmes.models import ProgrammeYear

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # a second run adds nothing
    province, year = User.objects.get(username="provinsi"), ProgrammeYear.objects.get(year=2025)

    total, _groups = selectors.survival(province, programme_year=year, today=timezone.localdate())

    # monitoring/demo.py PLAN, every round's window long past: unvisited = missed (not reached).
    # (cohort, closed before, closed now, running, not reached incl. missed, not yet visited)
    assert {r.months: (r.cohort, r.closed_before, r.closed, r.running, r.attrition, r.pending)
            for r in total.rounds} == {3: (12, 0, 1, 8, 3, 0), 6: (12, 1, 1, 7, 3, 0), 12: (12, 2, 1, 4, 5, 0),
                                       24: (12, 3, 0, 0, 0, 9), 36: (12, 3, 0, 0, 0, 9)}  # not yet due
    # The curve's times (PLAN order): closed at 3 (12), at 6 (5), at 12 (2); moved at 6 (7) and died
    # at 12 (9) compete; 6 is censored at 6 (not found at 3, running at 6), 1, 3, 4, 11 at 12;
    # 8 and 10 were never seen. At risk 10, 9, 6.
    assert [(r.at_risk, r.events, r.competing) for r in total.rounds][:3] == [(10, 1, 0), (9, 1, 1), (6, 1, 1)]
    # Kaplan-Meier: 9/10; x 8/9 = 4/5; x 5/6 = 2/3.
    assert [r.survival for r in total.rounds][:3] == pytest.approx([9 / 10, 4 / 5, 2 / 3])
    # Aalen-Johansen: 1/10; + 9/10 x 1/9 = 2/10; + (9/10 x 7/9) x 1/6 = 19/60 (1 - S says 1/3).
    assert [r.incidence for r in total.rounds][:3] == pytest.approx([1 / 10, 2 / 10, 19 / 60])
    # Omzet at 12 months of the four still running: 4.2, 2.0, 4.0 and 1.7 million -> median 3.0 million.
    twelve = next(r for r in selectors.income(province, programme_year=year) if r["total"] and r["months"] == 12)
    assert (twelve["families"], twelve["omzet_median"]) == (4, 3_000_000)
    snapshot = selectors.snapshots_after_handover(programme_year=year).first()
    movement = selectors.desil_movement(province, programme_year=year, snapshot=snapshot)
    assert (movement.recipients.total, movement.reserve.total) == (12, 3)
    # Balikpapan: ten handed over, nine ever visited (one never reached); the latest visit found four
    # running (families 2, 3, 5 at six months, 10), the others closed, moved, died or refused.
    rows = {r["kabupaten"].code: r for r in selectors.pipeline(province, programme_year=year)}
    assert (rows["64.71"]["handed_over"], rows["64.71"]["monitored"], rows["64.71"]["running"]) == (10, 9, 4)
