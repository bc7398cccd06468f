"""Graduation (lulus / mandiri): which handed-over families have made it, by their year's rule.

A family graduates when, at ``consecutive_rounds`` consecutive rounds of its year, its business was
running (berjalan or berkembang) and, where the rule asks, its omzet was at least the UMK of its
kabupaten/kota for the visit's year; and pendampingan continued ``mentoring_months`` after the
first of those rounds: a pendamping follows the family and no closure was recorded meanwhile. The
graduation date is the later of the last qualifying visit and the end of that mentoring. Computed
set-based (one statement for every family of every year), recorded once with the visits it rests on
and written on the case's timeline; a later closure never takes it back (the pages show it beside).
The rule in words: docs/monitoring.md.
"""

import datetime as dt

from django.db import connection, transaction
from django.utils.translation import gettext as _

from monitoring.models import STILL_RUNNING, Assignment, Graduation, GraduationRule, MinimumWage, Outcome, Round, Visit
from monitoring.services.cohorts import cohort_rounds_refresh, family_times_refresh
from recipients.models import Candidate, CandidateEvent, CandidateStatus

# The business is running in the sense of graduation: struggling (tersendat) is not enough.
GRADUATING = tuple(o for o in STILL_RUNNING if o != Outcome.STRUGGLING)
MONTHS_ID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def graduation_rule_for(programme_year) -> GraduationRule:
    """The year's rule; a year nobody set one for gets the defaults."""
    rule, _created = GraduationRule.objects.get_or_create(programme_year=programme_year)
    return rule


def graduation_rule_update(*, programme_year, user, consecutive_rounds: int, umk_required: bool,
                           mentoring_months: int) -> GraduationRule:
    """Provincial staff set a year's rule; graduations already recorded stay (never silently undone)."""
    from accounts.permissions import require_provincial

    require_provincial(user)
    rule = graduation_rule_for(programme_year)
    rule.consecutive_rounds, rule.umk_required, rule.mentoring_months = consecutive_rounds, umk_required, mentoring_months
    rule.updated_by = user
    rule.full_clean()
    rule.save()
    return rule


def _sql() -> str:
    t = {"candidate": Candidate._meta.db_table, "round": Round._meta.db_table, "visit": Visit._meta.db_table,
         "rule": GraduationRule._meta.db_table, "umk": MinimumWage._meta.db_table,
         "graduation": Graduation._meta.db_table, "assignment": Assignment._meta.db_table,
         "event": CandidateEvent._meta.db_table}
    return f"""
    WITH rounds AS (
        SELECT r.id, r.programme_year_id, row_number() OVER (PARTITION BY r.programme_year_id ORDER BY r.months) AS k
        FROM {t['round']} r WHERE %(year)s::bigint IS NULL OR r.programme_year_id = %(year)s
    ), qualifying AS (
        -- every visit done that meets the rule's round condition, numbered in its year's round order
        SELECT c.id AS candidate_id, rd.k, v.id AS visit_id, v.visited_on,
               COALESCE(g.consecutive_rounds, 2) AS need, COALESCE(g.mentoring_months, 4) AS mentoring
        FROM {t['candidate']} c
        JOIN rounds rd ON rd.programme_year_id = c.programme_year_id
        JOIN {t['visit']} v ON v.candidate_id = c.id AND v.round_id = rd.id AND v.visited_on IS NOT NULL
        LEFT JOIN {t['rule']} g ON g.programme_year_id = c.programme_year_id
        LEFT JOIN {t['umk']} u ON u.kabupaten_id = c.kabupaten_id AND u.year = EXTRACT(YEAR FROM v.visited_on)
        WHERE c.status = %(handed_over)s
          AND NOT EXISTS (SELECT 1 FROM {t['graduation']} x WHERE x.candidate_id = c.id)
          AND v.outcome = ANY(%(graduating)s)
          AND (NOT COALESCE(g.umk_required, true) OR v.monthly_revenue >= u.amount)
    ), runs AS (
        -- gaps and islands: consecutive qualifying rounds share one island
        SELECT q.*, q.k - row_number() OVER (PARTITION BY q.candidate_id ORDER BY q.k) AS island FROM qualifying q
    ), first_run AS (
        SELECT DISTINCT ON (candidate_id) candidate_id, MIN(k) AS start_k, MIN(need) AS need, MIN(mentoring) AS mentoring
        FROM runs GROUP BY candidate_id, island HAVING count(*) >= MIN(need)
        ORDER BY candidate_id, MIN(k)
    ), found AS (
        SELECT f.candidate_id, a.visit_id AS first_visit_id, b.visit_id AS last_visit_id,
               GREATEST(b.visited_on, (a.visited_on + make_interval(months => f.mentoring))::date) AS graduated_on,
               a.visited_on AS first_on
        FROM first_run f
        JOIN runs a ON a.candidate_id = f.candidate_id AND a.k = f.start_k
        JOIN runs b ON b.candidate_id = f.candidate_id AND b.k = f.start_k + f.need - 1
    ), graduated AS (
        INSERT INTO {t['graduation']} (candidate_id, graduated_on, first_visit_id, last_visit_id, computed_at)
        SELECT found.candidate_id, found.graduated_on, found.first_visit_id, found.last_visit_id, now()
        FROM found
        WHERE found.graduated_on <= %(today)s
          AND EXISTS (SELECT 1 FROM {t['assignment']} s WHERE s.candidate_id = found.candidate_id)
          AND NOT EXISTS (SELECT 1 FROM {t['visit']} z WHERE z.candidate_id = found.candidate_id
                          AND z.outcome = %(closed)s AND z.visited_on BETWEEN found.first_on AND found.graduated_on)
        ON CONFLICT (candidate_id) DO NOTHING
        RETURNING candidate_id, graduated_on
    )
    INSERT INTO {t['event']} (candidate_id, at, status, message, data)
    SELECT candidate_id, now(), '',
           %(message)s || ' ' || EXTRACT(DAY FROM graduated_on) || ' '
           || (%(months)s::text[])[EXTRACT(MONTH FROM graduated_on)::int] || ' ' || EXTRACT(YEAR FROM graduated_on),
           jsonb_build_object('graduation', graduated_on)
    FROM graduated
    """


@transaction.atomic
def graduations_compute(*, today: dt.date, programme_year=None) -> int:
    """Record every family that graduated by ``today`` (of one year, or of all); returns how many
    were new. Idempotent: the nightly job and the page's button call it."""
    params = {"year": programme_year.pk if programme_year else None, "handed_over": CandidateStatus.HANDED_OVER.value,
              "graduating": [o.value for o in GRADUATING], "closed": Outcome.CLOSED.value, "today": today,
              "message": _("Dinyatakan lulus (mandiri) per"), "months": MONTHS_ID}
    with connection.cursor() as cursor:
        cursor.execute(_sql(), params)
        new = cursor.rowcount
    # The cohort page's graduated counts; nightly, this also catches whatever changed since (handovers,
    # withdrawals, rounds or visits corrected in the admin).
    if programme_year is None:  # the nightly run: every family's times too (monitoring/services/cohorts.py)
        family_times_refresh()
    cohort_rounds_refresh(programme_year_id=programme_year.pk if programme_year else None)
    return new
