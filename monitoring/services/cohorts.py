"""The cohort page's summary: per programme year, kabupaten/kota and round, the figures the page adds up.

At 20,000 handovers in five rounds the page read 100,000 family-rounds and sorted them twice per year
(1.6 s at p95 on the shared machine). It now reads the summary (``CohortRound``, ``CohortRevenue``),
which one statement rewrites for a year and area from the visits, by the survival page's rule:

- on every visit saved (``services.visit_record``, and in the admin: that family's year and area, in
  the same transaction, so the page never shows a visit without its figures);
- after graduation is computed (on demand: that year's graduated counts; the nightly run, after the
  rounds are scheduled: everything, catching a withdrawal, a handover's date or a round changed since).

The survival page's own per-family table, ``FamilyTimes``, is kept here the same way (one family per
visit saved, every family nightly).

The families handed over are counted live (one index-backed count), so a handover shows at once; a
family without a visit adds nothing else to any figure. ``tests/test_cohorts.py`` holds the page
equal to the definition (``selectors.survival`` per year) on a generated panel.
"""

from django.db import connection, transaction
from django.db.models import Count

from monitoring.models import (COMPETING, NOT_REACHED, STILL_RUNNING, CohortRevenue, CohortRound, FamilyTimes,
                               Graduation, Outcome, Round, Visit)
from recipients.models import Candidate, CandidateStatus
from uep.locks import lock_cohort_area, lock_family_times

# The families of the cohorts, as the survival page's (``selectors._FAMILY_SQL``), within the scope refreshed.
FAMILY = """c.status = %(handed)s AND h.outcome = %(received)s AND h.date IS NOT NULL
    AND (%(year)s::bigint IS NULL OR c.programme_year_id = %(year)s)
    AND (%(area)s::bigint IS NULL OR c.kabupaten_id = %(area)s)"""

# Each family's time on the curve follows ``selectors._SURVIVAL_SQL``'s rule, aggregated per family (a
# hash, not two sorted windows over every family-round): the first round found closed; else the first
# round died or moved away after the last round seen running; else the last round seen running. Only
# the visits that found something are read: a family-round without one adds nothing to any figure.
_REFRESH_SQL = """
    WITH seen AS MATERIALIZED (
        SELECT c.id, c.programme_year_id AS year_id, c.kabupaten_id AS area_id, r.months, v.outcome,
               v.visited_on, v.monthly_revenue
        FROM {visit} v
        JOIN {round} r ON r.id = v.round_id
        JOIN {candidate} c ON c.id = v.candidate_id AND c.programme_year_id = r.programme_year_id
        JOIN {handover} h ON h.candidate_id = c.id
        WHERE v.outcome <> '' AND {family}
    ), marked AS (
        SELECT year_id, area_id, MIN(months) FILTER (WHERE outcome = %(closed)s) AS closed_at,
               MAX(months) FILTER (WHERE outcome = ANY(%(running)s)) AS running_at,
               array_agg(months) FILTER (WHERE outcome = ANY(%(competing)s)) AS gone
        FROM seen GROUP BY id, year_id, area_id
    ), timed AS (
        SELECT year_id, area_id, closed_at, running_at,
               CASE WHEN closed_at IS NULL
                    THEN (SELECT min(m) FROM unnest(gone) m WHERE m > COALESCE(running_at, 0)) END AS gone_at
        FROM marked
    ), times AS (
        -- families with the same times count together: a few rows meet each round
        SELECT year_id, area_id, closed_at, gone_at, COALESCE(closed_at, gone_at, running_at) AS last_at,
               count(*) AS n
        FROM timed GROUP BY 1, 2, 3, 4, 5
    ), graduated AS (
        SELECT c.programme_year_id AS year_id, c.kabupaten_id AS area_id, r.months,
               count(*) FILTER (WHERE g.graduated_on <= (h.date + make_interval(months => r.months))::date) AS n
        FROM {graduation} g
        JOIN {candidate} c ON c.id = g.candidate_id JOIN {handover} h ON h.candidate_id = c.id
        JOIN {round} r ON r.programme_year_id = c.programme_year_id
        WHERE {family}
        GROUP BY 1, 2, 3
    ), areas AS (
        SELECT year_id, area_id FROM seen UNION SELECT year_id, area_id FROM graduated
    ), curve AS (
        SELECT a.year_id, a.area_id, r.months,
               COALESCE(sum(t.n) FILTER (WHERE t.last_at >= r.months), 0) AS at_risk,
               COALESCE(sum(t.n) FILTER (WHERE t.closed_at = r.months), 0) AS events,
               COALESCE(sum(t.n) FILTER (WHERE t.gone_at = r.months), 0) AS competing
        FROM areas a JOIN {round} r ON r.programme_year_id = a.year_id
        LEFT JOIN times t ON t.year_id = a.year_id AND t.area_id = a.area_id
        GROUP BY 1, 2, 3
    ), found AS (
        SELECT year_id, area_id, months, count(*) AS reached FROM seen
        WHERE visited_on IS NOT NULL AND outcome = ANY(%(reached)s) GROUP BY 1, 2, 3
    ), revenues AS (
        INSERT INTO {revenue} (programme_year_id, kabupaten_id, months, monthly_revenue, families)
        SELECT year_id, area_id, months, monthly_revenue, count(*) FROM seen
        WHERE visited_on IS NOT NULL AND outcome = ANY(%(running)s) AND monthly_revenue IS NOT NULL
        GROUP BY 1, 2, 3, 4
    )
    INSERT INTO {summary} (programme_year_id, kabupaten_id, months, at_risk, events, competing, reached, graduated)
    SELECT c.year_id, c.area_id, c.months, c.at_risk, c.events, c.competing, COALESCE(f.reached, 0),
           COALESCE(g.n, 0)
    FROM curve c
    LEFT JOIN found f ON f.year_id = c.year_id AND f.area_id = c.area_id AND f.months = c.months
    LEFT JOIN graduated g ON g.year_id = c.year_id AND g.area_id = c.area_id AND g.months = c.months
"""


def _params(*, programme_year_id: int | None, kabupaten_id: int | None) -> dict:
    from disbursements.models import Handover

    return {"handed": CandidateStatus.HANDED_OVER.value, "received": Handover.Outcome.RECEIVED.value,
            "year": programme_year_id, "area": kabupaten_id, "closed": Outcome.CLOSED.value,
            "running": [o.value for o in STILL_RUNNING], "competing": [o.value for o in COMPETING],
            "reached": [o.value for o in (*STILL_RUNNING, Outcome.CLOSED)]}


def _tables() -> dict[str, str]:
    from disbursements.models import Handover

    return {"visit": Visit._meta.db_table, "round": Round._meta.db_table, "candidate": Candidate._meta.db_table,
            "handover": Handover._meta.db_table, "graduation": Graduation._meta.db_table,
            "summary": CohortRound._meta.db_table, "revenue": CohortRevenue._meta.db_table}


@transaction.atomic
def cohort_rounds_refresh(*, programme_year_id: int | None = None, kabupaten_id: int | None = None) -> int:
    """Rewrite the cohort summary of one year and/or area (``None``: all); returns its rows. Two
    statements whatever the number of families; one area's rewrite waits for another of the same area."""
    from regions.models import Kabupaten

    areas = [kabupaten_id] if kabupaten_id is not None else list(
        Kabupaten.objects.order_by("id").values_list("id", flat=True))
    for area in areas:  # in id order: two full refreshes never wait on each other crosswise
        lock_cohort_area(kabupaten_id=area)
    scope = {"programme_year_id": programme_year_id} if programme_year_id is not None else {}
    if kabupaten_id is not None:
        scope["kabupaten_id"] = kabupaten_id
    CohortRound.objects.filter(**scope).delete()
    CohortRevenue.objects.filter(**scope).delete()
    with connection.cursor() as cursor:
        cursor.execute(_REFRESH_SQL.format(family=FAMILY, **_tables()),
                       _params(programme_year_id=programme_year_id, kabupaten_id=kabupaten_id))
        return cursor.rowcount


def cohort_families(*, area_ids: list[int]) -> dict[int, int]:
    """Families handed over per programme year in these areas, counted live."""
    from disbursements.models import Handover

    rows = (Candidate.objects.filter(status=CandidateStatus.HANDED_OVER, kabupaten_id__in=area_ids,
                                     handover__outcome=Handover.Outcome.RECEIVED, handover__date__isnull=False)
            .values_list("programme_year_id").annotate(n=Count("id")).order_by())
    return dict(rows)


# Per family, from the visits of its own year's rounds that found something (``FamilyTimes``).
_FAMILY_TIMES_SQL = """
    INSERT INTO {times} (candidate_id, closed_at, running_at, gone, running_in, unreached_in, done_in)
    SELECT v.candidate_id, MIN(r.months) FILTER (WHERE v.outcome = %(closed)s),
           MAX(r.months) FILTER (WHERE v.outcome = ANY(%(running)s)),
           array_agg(r.months) FILTER (WHERE v.outcome = ANY(%(competing)s)),
           COALESCE(array_agg(r.months ORDER BY r.months) FILTER (WHERE v.outcome = ANY(%(running)s)), '{{}}'),
           COALESCE(array_agg(r.months ORDER BY r.months) FILTER (WHERE v.outcome = ANY(%(not_reached)s)), '{{}}'),
           COALESCE(array_agg(r.months ORDER BY r.months) FILTER (WHERE v.visited_on IS NOT NULL), '{{}}')
    FROM {visit} v
    JOIN {round} r ON r.id = v.round_id
    JOIN {candidate} c ON c.id = v.candidate_id AND c.programme_year_id = r.programme_year_id
    WHERE v.outcome <> '' AND (%(family)s::bigint IS NULL OR v.candidate_id = %(family)s)
    GROUP BY v.candidate_id
    ON CONFLICT (candidate_id) DO UPDATE SET closed_at = EXCLUDED.closed_at, running_at = EXCLUDED.running_at,
        gone = EXCLUDED.gone, running_in = EXCLUDED.running_in, unreached_in = EXCLUDED.unreached_in,
        done_in = EXCLUDED.done_in
"""


@transaction.atomic
def family_times_refresh(*, candidate_id: int | None = None) -> int:
    """Rewrite one family's ``FamilyTimes`` (``None``: every family's); returns the rows written. Under
    a lock, so that two visits of one family saved at once, or the nightly rewrite, never leave a row
    that misses one of them."""
    lock_family_times(candidate_id=candidate_id)
    (FamilyTimes.objects.filter(candidate_id=candidate_id) if candidate_id is not None
     else FamilyTimes.objects.all()).delete()
    with connection.cursor() as cursor:
        cursor.execute(_FAMILY_TIMES_SQL.format(times=FamilyTimes._meta.db_table, **_tables()), {
            "family": candidate_id, "closed": Outcome.CLOSED.value, "running": [o.value for o in STILL_RUNNING],
            "competing": [o.value for o in COMPETING], "not_reached": [o.value for o in NOT_REACHED]})
        return cursor.rowcount
