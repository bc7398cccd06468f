"""The cohort page's one-pass query against the survival page's definition, on a generated panel."""

import datetime as dt
import random

import pytest

from monitoring import selectors
from monitoring.models import Assignment, Facilitator, MinimumWage, Outcome, Round, Visit
from monitoring.services.graduation import graduations_compute
from monitoring.services.rounds import rounds_schedule

TODAY = dt.date(2026, 12, 1)
OUTCOMES = [*Outcome.values, "", "", ""]  # blank: not visited (missed or still pending)


def cohorts_by_definition(user, *, today, months=selectors.COHORT_MONTHS) -> list[tuple]:
    """The cohort table as it was first written: each year's survival curve from ``selectors.survival``
    (the definition), and the reached, median omzet and graduated counted visit by visit."""
    from monitoring.models import Graduation
    from programmes.models import ProgrammeYear

    out = []
    for year in ProgrammeYear.objects.order_by("year"):
        total, _groups = selectors.survival(user, programme_year=year, today=today)
        if not total.rounds or not total.rounds[0].cohort or not any(r.months in months for r in total.rounds):
            continue
        curve = {r.months: r for r in total.rounds}
        cells = []
        for m in months:
            if m not in curve:
                cells.append(None)
                continue
            done = Visit.objects.visible_to(user).filter(
                candidate__programme_year=year, candidate__status="handed_over", candidate__handover__outcome="received",
                round__months=m, visited_on__isnull=False)
            reached = done.filter(outcome__in=[o.value for o in (*selectors.STILL_RUNNING, Outcome.CLOSED)])
            revenues = sorted(done.filter(outcome__in=[o.value for o in selectors.STILL_RUNNING])
                              .values_list("monthly_revenue", flat=True), key=lambda v: (v is None, v))
            revenues = [r for r in revenues if r is not None]
            median = None
            if revenues:
                mid = len(revenues) // 2
                median = round(revenues[mid] if len(revenues) % 2 else (revenues[mid - 1] + revenues[mid]) / 2)
            graduated = sum(1 for g in Graduation.objects.visible_to(user).filter(candidate__programme_year=year)
                            .select_related("candidate__handover")
                            if g.graduated_on <= _add_months(g.candidate.handover.date, m))
            cells.append((m, reached.count(), curve[m].survival, median, graduated))
        out.append((year.year, total.rounds[0].cohort, cells))
    return out


def _add_months(day: dt.date, months: int) -> dt.date:
    # PostgreSQL's date + interval: the same day, or the month's last day.
    import calendar

    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@pytest.fixture
def generated_panel(users, samarinda, balikpapan, hand_over, make_candidate, programme_year):
    """Two cohorts (2024 with rounds 3-36, 2025 with 3, 6, 12 and 24) of 80 families in two areas, each
    visited at random: closures after running, deaths and moves before and after, gaps, rounds not visited."""
    from programmes.models import ProgrammeYear

    rng = random.Random(18)
    earlier = ProgrammeYear.objects.create(year=2024)
    for m in (3, 6, 12, 24, 36):
        Round.objects.create(programme_year=earlier, months=m)
    for m in (3, 6, 12, 24):
        Round.objects.create(programme_year=programme_year, months=m)
    for area in (samarinda, balikpapan):
        MinimumWage.objects.create(kabupaten=area, year=2025, amount=3_000_000, decree_number="SK")
        MinimumWage.objects.create(kabupaten=area, year=2026, amount=3_200_000, decree_number="SK")
    families = []
    for i in range(80):
        area = samarinda if i % 3 else balikpapan
        year = earlier if i % 2 else programme_year
        handed = dt.date(year.year, 1 + i % 12, 1 + i % 28)
        families.append(hand_over(area, date=handed, programme_year=year, package="jahit" if i % 5 == 0 else "gorengan"))
    rounds_schedule()
    pendamping = {a.id: Facilitator.objects.create(kabupaten=a, name="P") for a in (samarinda, balikpapan)}
    for candidate in families[::2]:
        Assignment.objects.create(candidate=candidate, facilitator=pendamping[candidate.kabupaten_id],
                                  assigned_by=users["provincial"])
    for v in Visit.objects.filter(due_on__lt=TODAY):
        outcome = rng.choice(OUTCOMES)
        if not outcome:
            continue
        v.outcome, v.visited_on = outcome, v.due_on + dt.timedelta(days=rng.randint(0, 20))
        if outcome in [o.value for o in selectors.STILL_RUNNING]:
            v.monthly_revenue = rng.choice([1_000_000, 2_500_000, 3_500_000, 4_000_000, 3_500_000])
        v.save()
    graduations_compute(today=TODAY)
    return families


def test_the_cohort_page_equals_the_survival_definition(users, generated_panel):
    for who in ("provincial", "officer", "other_officer"):
        fast = [(c.programme_year.year, c.handed_over,
                 [None if cell is None else (cell.months, cell.reached, cell.survival, cell.omzet_median,
                                             cell.graduated) for cell in c.cells])
                for c in selectors.cohorts(users[who], today=TODAY)]
        assert fast == cohorts_by_definition(users[who], today=TODAY), who
        if who == "provincial":
            # The panel is not trivial: both cohorts, a year without the 36-month round, closures, graduations.
            years = {year: cells for year, _n, cells in fast}
            assert set(years) == {2024, 2025} and years[2025][3] is None
            cells = [c for cs in years.values() for c in cs if c]
            assert any(c[2] is not None and c[2] < 1 for c in cells) and any(c[4] for c in cells)


def test_a_visit_saved_counts_on_the_cohort_page_at_once(users, generated_panel, visit):
    family = next(c for c in generated_panel if c.programme_year.year == 2025 and c.kabupaten.code == "64.72"
                  and Visit.objects.filter(candidate=c, round__months=12, visited_on__isnull=True,
                                           due_on__lt=TODAY).exists())
    before = {c.programme_year.year: c for c in selectors.cohorts(users["officer"], today=TODAY)}
    visit(family, 12, "tutup")

    after = {c.programme_year.year: c for c in selectors.cohorts(users["officer"], today=TODAY)}
    assert after[2025].cells[1].reached == before[2025].cells[1].reached + 1
    assert [(c.programme_year.year, c.handed_over, [None if x is None else (x.months, x.reached, x.survival,
                                                                             x.omzet_median, x.graduated)
                                                    for x in c.cells]) for c in after.values()] == \
        cohorts_by_definition(users["officer"], today=TODAY)


# The survival query as first written, row by row over every family-round with two sorted windows:
# the definition the one-pass query (``selectors._SURVIVAL_SQL``) must equal.
ROWS_COHORT_SQL = """
    SELECT c.id, {key} AS grp, {label} AS label, r.months, v.outcome{state}
    FROM {candidate} c
    JOIN {handover} h ON h.candidate_id = c.id
    JOIN {package} p ON p.id = h.package_type_id
    JOIN regions_kabupaten k ON k.id = c.kabupaten_id
    JOIN {round} r ON r.programme_year_id = c.programme_year_id
    LEFT JOIN {visit} v ON v.candidate_id = c.id AND v.round_id = r.id
    WHERE c.programme_year_id = %s AND c.status = %s AND c.kabupaten_id = ANY(%s)
      AND h.outcome = %s AND h.date IS NOT NULL
"""

ROWS_SURVIVAL_SQL = """
    WITH cohort AS ({cohort}),
    marked AS (
        SELECT *, MIN(months) FILTER (WHERE outcome = %s) OVER family AS closed_at,
               MAX(months) FILTER (WHERE outcome = ANY(%s)) OVER family AS running_at
        FROM cohort WINDOW family AS (PARTITION BY id)
    ), timed AS (
        SELECT *, MIN(months) FILTER (WHERE closed_at IS NULL AND outcome = ANY(%s)
                                      AND months > COALESCE(running_at, 0)) OVER (PARTITION BY id) AS gone_at
        FROM marked
    )
    SELECT GROUPING(grp) = 1 AS total, grp, MIN(label) AS label, months,
           count(*) AS cohort,
           count(*) FILTER (WHERE closed_at < months) AS closed_before,
           count(*) FILTER (WHERE closed_at = months) AS closed,
           count(*) FILTER (WHERE {alive} AND outcome = ANY(%s)) AS running,
           count(*) FILTER (WHERE {alive} AND outcome = ANY(%s)) AS not_reached,
           count(*) FILTER (WHERE {alive} AND state = %s) AS missed,
           count(*) FILTER (WHERE {alive} AND state = ANY(%s)) AS pending,
           count(*) FILTER (WHERE COALESCE(closed_at, gone_at, running_at) >= months) AS at_risk,
           count(*) FILTER (WHERE closed_at = months) AS events,
           count(*) FILTER (WHERE gone_at = months) AS competing
    FROM timed GROUP BY GROUPING SETS ((grp, months), (months))
    ORDER BY total DESC, label, months
"""


def survival_by_rows(user, *, programme_year, per, today) -> list[tuple]:
    from disbursements.models import Handover
    from monitoring.models import COMPETING, NOT_REACHED
    from monitoring.schedule import PENDING, VisitState, state_sql
    from recipients.models import CandidateStatus

    key_sql, label_sql = selectors.GROUPINGS[per]
    state, state_params = state_sql(visited_on="v.visited_on",
                                    due_on="(h.date + make_interval(months => r.months))::date", today=today)
    cohort = ROWS_COHORT_SQL.format(key=key_sql, label=label_sql, state=f", {state} AS state", **selectors._tables())
    running = [o.value for o in selectors.STILL_RUNNING]
    return [tuple(r.values()) for r in selectors._fetch(
        ROWS_SURVIVAL_SQL.format(cohort=cohort, alive="(closed_at IS NULL OR closed_at > months)"),
        [*state_params, programme_year.pk, CandidateStatus.HANDED_OVER.value, selectors._area_ids(user),
         Handover.Outcome.RECEIVED.value, Outcome.CLOSED.value, running, [o.value for o in COMPETING],
         running, [o.value for o in NOT_REACHED], VisitState.MISSED.value, [s.value for s in PENDING]])]


def test_the_survival_page_equals_its_row_by_row_definition(users, generated_panel, programme_year):
    from programmes.models import ProgrammeYear

    compared = 0
    for year in ProgrammeYear.objects.all():
        for per in selectors.GROUPINGS:
            for who in ("provincial", "officer"):
                for today in (dt.date(2025, 6, 1), dt.date(2025, 11, 20), TODAY, dt.date(2028, 1, 1)):
                    expected = survival_by_rows(users[who], programme_year=year, per=per, today=today)
                    total, groups = selectors.survival(users[who], programme_year=year, per=per, today=today)
                    got = [(curve is total, None if curve is total else curve.key, r.months, r.cohort,
                            r.closed_before, r.closed, r.running, r.not_reached, r.missed, r.pending, r.at_risk,
                            r.events, r.competing)
                           for curve in [total, *groups] for r in curve.rounds if r.cohort]
                    want = [(row[0], row[1], *row[3:]) for row in expected]
                    assert sorted(got, key=repr) == sorted(want, key=repr), (year, per, who, today)
                    compared += len(want)
    assert compared > 500


@pytest.mark.slow  # threads racing on real transactions
@pytest.mark.django_db(transaction=True)
def test_two_visits_of_one_family_saved_at_once_both_count(users, samarinda, hand_over, visit):
    import threading

    from django.db import close_old_connections

    from monitoring.models import CohortRound, FamilyTimes

    family, neighbour = hand_over(samarinda), hand_over(samarinda)
    rounds_schedule()
    start, errors = threading.Barrier(3), []

    def record(candidate, months, outcome):
        try:
            start.wait()
            visit(candidate, months, outcome, revenue=1_000_000)
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=record, args=args)
               for args in ((family, 3, "berjalan"), (family, 6, "berkembang"), (neighbour, 3, "berjalan"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    times = FamilyTimes.objects.get(candidate=family)
    assert (times.running_in, times.done_in, times.running_at) == ([3, 6], [3, 6], 6)
    # The area's summary counts all three visits, whichever was saved last.
    assert CohortRound.objects.get(kabupaten=samarinda, months=3).reached == 2
    assert CohortRound.objects.get(kabupaten=samarinda, months=6).reached == 1
