"""What the province sees after the handover: survival, income, desil movement, pipeline and money.

Each figure is one or two set-based queries over the user's areas, whatever the number of
families; the cohort page reads a summary kept by ``monitoring/services/cohorts.py``. Measured at 100,000
candidates, 20,000 handovers and 100,000 visits by ``bench/bench_monitoring.py``.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.translation import gettext as _, gettext_lazy

from monitoring import estimators
from monitoring.models import COMPETING, NOT_REACHED, STILL_RUNNING, MinimumWage, Outcome, Round, Visit
from monitoring.schedule import PENDING, VisitState, state_expression, state_sql
from recipients.lifecycle import OCCUPYING, PASSED_DESK
from recipients.models import Candidate, CandidateStatus
from regions.selectors import kabupaten_visible_to

Z95 = estimators.Z95


def _area_ids(user) -> list[int]:
    return list(kabupaten_visible_to(user).values_list("id", flat=True))


def _tables() -> dict[str, str]:
    from disbursements.models import Handover, PackageType

    return {"candidate": Candidate._meta.db_table, "handover": Handover._meta.db_table,
            "package": PackageType._meta.db_table, "round": Round._meta.db_table, "visit": Visit._meta.db_table}


def _fetch(sql: str, params) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c.name for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


# ---------------------------------------------------------------------------------------------
# The pendamping's list


def visits_visible_to(user, *, today: dt.date):
    """Visits of the user's areas, each with its state (``VisitState``) as of ``today``."""
    return (Visit.objects.visible_to(user).annotate(state=state_expression(today))
            .select_related("candidate__kabupaten", "candidate__kelurahan", "round",
                            "facilitator"))


# ---------------------------------------------------------------------------------------------
# Survival


GROUPINGS = {
    # name: (SQL of the group's key, SQL of its label)
    "kabupaten": ("c.kabupaten_id", "k.name"),
    "sektor": ("p.sector", "p.sector"),
    "paket": ("p.id", "p.name"),
}


@dataclass
class RoundSurvival:
    """One round of a survival curve: who was where at ``months`` after the handover.

    The first counts are what the visits of the round found; ``at_risk``, ``events`` and
    ``competing`` are the curve's own counts under the rule of ``_SURVIVAL_SQL`` (docs/monitoring.md).
    """

    months: int
    cohort: int  # every family handed over, in every round: nobody is dropped
    closed_before: int  # closed at an earlier round: no longer at risk
    running: int
    closed: int  # closed first found in this round
    not_reached: int  # moved, not found, refused, died
    missed: int  # the visit's window passed without a visit
    pending: int  # not yet due, or due and not yet visited
    at_risk: int = 0  # still followed at this round: not closed, died or moved before, seen since
    events: int = 0  # first found closed at this round
    competing: int = 0  # died or moved away at this round (after the last round seen running)
    survival: float | None = None  # Kaplan-Meier: still running, among the families followed
    low: float | None = None  # log-log Greenwood 95 % interval
    high: float | None = None
    incidence: float | None = None  # Aalen-Johansen: closed by this round, death and moving competing
    incidence_low: float | None = None
    incidence_high: float | None = None

    @property
    def attrition(self) -> int:
        return self.not_reached + self.missed


@dataclass
class SurvivalCurve:
    key: object
    label: str
    rounds: list[RoundSurvival] = field(default_factory=list)


def curve_estimate(rounds: list[RoundSurvival]) -> None:
    """Fill the Kaplan-Meier survival and the Aalen-Johansen incidence of closure along the rounds."""
    steps = [estimators.Step(r.at_risk, r.events, r.competing) for r in rounds]
    for r, km, aj in zip(rounds, estimators.kaplan_meier(steps), estimators.aalen_johansen(steps)):
        r.survival, r.low, r.high = km.value, km.low, km.high
        r.incidence, r.incidence_low, r.incidence_high = aj.value, aj.low, aj.high


# The families followed: handed over (a received BAST with its date) in the user's areas, with their
# group (``GROUPINGS``) and handover date.
_FAMILY_SQL = """
    SELECT c.id, {key} AS grp, {label} AS label, h.date
    FROM {candidate} c
    JOIN {handover} h ON h.candidate_id = c.id
    JOIN {package} p ON p.id = h.package_type_id
    JOIN regions_kabupaten k ON k.id = c.kabupaten_id
    WHERE c.programme_year_id = %(year)s AND c.status = %(handed)s AND c.kabupaten_id = ANY(%(areas)s)
      AND h.outcome = %(received)s AND h.date IS NOT NULL
"""

# Each family's time on the curve, from every round it was visited in: the first round found
# closed is the event; otherwise dying or moving away after the last round seen running is a
# competing event; otherwise the family is censored at the last round seen running (a family not
# reached at 3 months but running at 6 was running at 3). A family never seen is on no risk set.
# Every family counts once in every round of its year. What its visits found is read per family
# (``FamilyTimes``, kept by ``monitoring/services/cohorts.py`` as visits are saved), families alike are
# counted together, and only then meet the rounds; the state of a round not visited (missed,
# pending) is worked out once per handover date and round. ``tests/test_cohorts.py`` holds this
# equal to the row-by-row form it replaced, over the visits themselves.
_SURVIVAL_SQL = """
    WITH family AS MATERIALIZED ({family}),
    marked AS (
        SELECT candidate_id AS id, closed_at, running_at, gone, running_in, unreached_in, done_in FROM {times}
    ), timed AS (
        SELECT f.grp, f.label, f.date, m.closed_at, COALESCE(m.running_in, '{{}}') AS running_in,
               COALESCE(m.unreached_in, '{{}}') AS unreached_in, COALESCE(m.done_in, '{{}}') AS done_in,
               m.running_at, CASE WHEN m.closed_at IS NULL
                   THEN (SELECT min(x) FROM unnest(m.gone) x WHERE x > COALESCE(m.running_at, 0)) END AS gone_at
        FROM family f LEFT JOIN marked m ON m.id = f.id
    ), alike AS (
        -- families alike in group, handover date, times and visits count together
        SELECT grp, label, date, closed_at, gone_at, COALESCE(closed_at, gone_at, running_at) AS last_at,
               running_in, unreached_in, done_in, count(*) AS n
        FROM timed GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ), due AS (
        -- the state of a round not visited, once per handover date and round
        SELECT d.date, r.months, {due} AS state
        FROM (SELECT DISTINCT date FROM family) d JOIN {round} r ON r.programme_year_id = %(year)s
    )
    SELECT GROUPING(a.grp) = 1 AS total, a.grp, MIN(a.label) AS label, d.months,
           sum(a.n)::bigint AS cohort,
           COALESCE(sum(a.n) FILTER (WHERE a.closed_at < d.months), 0)::bigint AS closed_before,
           COALESCE(sum(a.n) FILTER (WHERE a.closed_at = d.months), 0)::bigint AS closed,
           COALESCE(sum(a.n) FILTER (WHERE {alive} AND d.months = ANY(a.running_in)), 0)::bigint AS running,
           COALESCE(sum(a.n) FILTER (WHERE {alive} AND d.months = ANY(a.unreached_in)), 0)::bigint AS not_reached,
           COALESCE(sum(a.n) FILTER (WHERE {alive} AND NOT d.months = ANY(a.done_in) AND d.state = %(missed)s), 0)::bigint
               AS missed,
           COALESCE(sum(a.n) FILTER (WHERE {alive} AND NOT d.months = ANY(a.done_in) AND d.state = ANY(%(pending)s)),
                    0)::bigint AS pending,
           COALESCE(sum(a.n) FILTER (WHERE a.last_at >= d.months), 0)::bigint AS at_risk,
           COALESCE(sum(a.n) FILTER (WHERE a.closed_at = d.months), 0)::bigint AS events,
           COALESCE(sum(a.n) FILTER (WHERE a.gone_at = d.months), 0)::bigint AS competing
    FROM alike a JOIN due d ON d.date = a.date
    GROUP BY GROUPING SETS ((a.grp, d.months), (d.months))
    ORDER BY total DESC, label, d.months
"""


def _named(sql: str, params: list, prefix: str) -> tuple[str, dict]:
    """An SQL fragment with positional ``%s`` made one with named parameters ``prefix0``, ``prefix1`` ..."""
    parts = sql.split("%s")
    named = {f"{prefix}{i}": value for i, value in enumerate(params)}
    return parts[0] + "".join(f"%({prefix}{i})s{part}" for i, part in enumerate(parts[1:])), named


def survival(user, *, programme_year, per: str = "kabupaten", today: dt.date) -> tuple[SurvivalCurve,
                                                                                         list[SurvivalCurve]]:
    """The survival curve of all the user's handed-over families, and one per group (``GROUPINGS``):
    what each round's visits found, and the curve's risk sets, in one query."""
    from disbursements.models import Handover

    key_sql, label_sql = GROUPINGS[per]
    t = _tables()
    months = list(programme_year.monitoring_rounds.values_list("months", flat=True))
    # A family-round not visited is in the state of its due date (``schedule.visit_state``).
    due, due_params = _named(*state_sql(visited_on="NULL", due_on="(d.date + make_interval(months => r.months))::date",
                                        today=today), "due")
    from monitoring.models import FamilyTimes

    sql = _SURVIVAL_SQL.format(family=_FAMILY_SQL.format(key=key_sql, label=label_sql, **t), due=due,
                               times=FamilyTimes._meta.db_table,
                               alive="(a.closed_at IS NULL OR a.closed_at > d.months)", **t)
    rows = _fetch(sql, {
        **due_params, "year": programme_year.pk, "handed": CandidateStatus.HANDED_OVER.value,
        "areas": _area_ids(user), "received": Handover.Outcome.RECEIVED.value, "closed": Outcome.CLOSED.value,
        "running": [o.value for o in STILL_RUNNING], "competing": [o.value for o in COMPETING],
        "not_reached": [o.value for o in NOT_REACHED], "missed": VisitState.MISSED.value,
        "pending": [s.value for s in PENDING]})
    total = SurvivalCurve(key=None, label="")
    groups: dict[object, SurvivalCurve] = {}
    for row in rows:
        curve = total if row.pop("total") else groups.setdefault(row["grp"], SurvivalCurve(row["grp"], row["label"]))
        row.pop("grp"), row.pop("label")
        curve.rounds.append(RoundSurvival(**row))
    for curve in [total, *groups.values()]:
        # Rounds of a year with no handover yet still show, empty.
        present = {r.months for r in curve.rounds}
        curve.rounds += [RoundSurvival(m, 0, 0, 0, 0, 0, 0, 0) for m in months if m not in present]
        curve.rounds.sort(key=lambda r: r.months)
        curve_estimate(curve.rounds)
    if per == "sektor":
        from disbursements.models import PackageType

        for curve in groups.values():
            curve.label = PackageType.Sector(curve.key).label
    return total, list(groups.values())


# ---------------------------------------------------------------------------------------------
# Income


def income(user, *, programme_year) -> list[dict]:
    """Per round, per kabupaten/kota and for all: omzet of the businesses still running, against
    the baseline at handover and against the UMK of the visit's year.

    ``families``: running businesses with an omzet; ``with_baseline``: of those, with a baseline;
    medians in Rupiah; ``above_baseline`` / ``above_umk``: how many earn more than their baseline /
    at least the UMK; ``umk_known``: how many could be compared (the UMK of that area and year is set).
    """
    t = _tables()
    from monitoring.models import Baseline

    rows = _fetch(
        f"""
        SELECT GROUPING(c.kabupaten_id) = 1 AS total, c.kabupaten_id, MIN(k.name) AS label, r.months,
               count(*) AS families,
               count(b.id) AS with_baseline,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY b.monthly_revenue) AS baseline_median,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY v.monthly_revenue) AS omzet_median,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY v.monthly_revenue - b.monthly_revenue) AS change_median,
               count(*) FILTER (WHERE v.monthly_revenue > b.monthly_revenue) AS above_baseline,
               count(u.id) AS umk_known,
               count(*) FILTER (WHERE v.monthly_revenue >= u.amount) AS above_umk
        FROM {t['visit']} v
        JOIN {t['round']} r ON r.id = v.round_id
        JOIN {t['candidate']} c ON c.id = v.candidate_id
        JOIN regions_kabupaten k ON k.id = c.kabupaten_id
        LEFT JOIN {Baseline._meta.db_table} b ON b.candidate_id = c.id
        LEFT JOIN {MinimumWage._meta.db_table} u
               ON u.kabupaten_id = c.kabupaten_id AND u.year = EXTRACT(YEAR FROM v.visited_on)
        WHERE r.programme_year_id = %s AND c.kabupaten_id = ANY(%s) AND c.status = %s
          AND v.outcome = ANY(%s) AND v.monthly_revenue IS NOT NULL
        GROUP BY GROUPING SETS ((r.months, c.kabupaten_id), (r.months))
        ORDER BY r.months, total DESC, label
        """,
        [programme_year.pk, _area_ids(user), CandidateStatus.HANDED_OVER.value, [o.value for o in STILL_RUNNING]])
    for row in rows:
        for key in ("baseline_median", "omzet_median", "change_median"):
            row[key] = None if row[key] is None else round(row[key])
    return rows


# ---------------------------------------------------------------------------------------------
# Out of poverty


@dataclass
class Share:
    """``left`` of ``n`` families left desil 1 to the year's limit, with a Wilson 95 % interval."""

    group: str
    total: int  # in the group
    found: int  # found in the newer snapshot
    n: int  # found, and poor (desil 1 to the limit) before
    left: int  # of those, above the limit in the newer snapshot

    @property
    def not_found(self) -> int:
        return self.total - self.found

    @property
    def share(self) -> float | None:
        return self.left / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return estimators.wilson(self.left, self.n)


@dataclass
class DesilMovement:
    snapshot: object
    recipients: Share
    reserve: Share

    @property
    def difference(self) -> float | None:
        if self.recipients.share is None or self.reserve.share is None:
            return None
        return self.recipients.share - self.reserve.share

    @property
    def difference_interval(self) -> tuple[float, float] | None:
        """The Wald 95 % interval of the difference between two independent shares."""
        a, b = self.recipients, self.reserve
        if self.difference is None:
            return None
        se = math.sqrt(a.share * (1 - a.share) / a.n + b.share * (1 - b.share) / b.n)
        return self.difference - Z95 * se, self.difference + Z95 * se


def snapshots_after_handover(*, programme_year):
    """Registry snapshots taken after the year's first handover: the ones that can show a move."""
    from disbursements.models import Handover
    from verification.models import Snapshot

    ready = Snapshot.objects.filter(status=Snapshot.Status.READY)
    if not ready.exists():  # no registry loaded yet: the handovers need not be read
        return Snapshot.objects.none()
    first = (Handover.objects.filter(candidate__programme_year=programme_year).order_by("date")
             .values_list("date", flat=True).first())
    if first is None:
        return Snapshot.objects.none()
    return Snapshot.objects.filter(status=Snapshot.Status.READY, extract_date__gt=first)


def desil_movement(user, *, programme_year, snapshot) -> DesilMovement:
    """Each recipient's desil before (the one that counted at the decision) and in ``snapshot``,
    against the year's reserve (eligible, not funded): the comparison group.
    """
    from verification.models import RegistryRecord

    limit = programme_year.desil_max
    after = RegistryRecord.objects.filter(snapshot=snapshot, refusal__isnull=True,
                                          nik=Cast(OuterRef("person__nik"), BigIntegerField())).values("desil")[:1]
    counts = (Candidate.objects.visible_to(user)
              .filter(programme_year=programme_year, status__in=(CandidateStatus.HANDED_OVER, CandidateStatus.RESERVE))
              .annotate(before=Candidate.DESIL, after=Subquery(after))
              .values("status")
              .annotate(total=Count("id"), found=Count("after"),
                        n=Count("id", filter=Q(after__isnull=False, before__lte=limit)),
                        left=Count("id", filter=Q(before__lte=limit, after__gt=limit)))
              .order_by())
    by_status = {row.pop("status"): row for row in counts}
    empty = {"total": 0, "found": 0, "n": 0, "left": 0}
    return DesilMovement(
        snapshot=snapshot,
        recipients=Share("recipients", **by_status.get(CandidateStatus.HANDED_OVER, empty)),
        reserve=Share("reserve", **by_status.get(CandidateStatus.RESERVE, empty)))


# ---------------------------------------------------------------------------------------------
# Pipeline and money

PIPELINE_STEPS = ("proposed", "passed", "decided", "trained", "handed_over", "monitored", "running")
PIPELINE_LABELS = (gettext_lazy("Diusulkan"), gettext_lazy("Lolos verifikasi"), gettext_lazy("Ditetapkan"),
                   gettext_lazy("Bimtek"), gettext_lazy("Disalurkan"), gettext_lazy("Dimonitor"),
                   gettext_lazy("Masih berjalan"))


def pipeline(user, *, programme_year) -> list[dict]:
    """Per kabupaten/kota: proposed -> passed -> decided -> bimtek -> handed over -> monitored ->
    still running (the latest visit found the business running). Three queries."""
    from disbursements.models import TrainingSession

    areas = list(kabupaten_visible_to(user))
    candidates = Candidate.objects.visible_to(user).filter(programme_year=programme_year)
    by_area = {k.id: dict.fromkeys(PIPELINE_STEPS, 0) for k in areas}
    for row in candidates.values("kabupaten_id").annotate(
            proposed=Count("id"), passed=Count("id", filter=Q(status__in=PASSED_DESK)),
            decided=Count("id", filter=Q(status__in=OCCUPYING)),
            handed_over=Count("id", filter=Q(status=CandidateStatus.HANDED_OVER))).order_by():
        by_area[row.pop("kabupaten_id")].update(row)
    trained = (TrainingSession.participants.through.objects
               .filter(candidate__in=candidates.filter(status__in=OCCUPYING))
               .values("candidate__kabupaten_id").annotate(n=Count("candidate_id", distinct=True)).order_by())
    for row in trained:
        by_area[row["candidate__kabupaten_id"]]["trained"] = row["n"]
    # Each family's latest visit done, in one pass over the visits (DISTINCT ON), not one subquery per family.
    t = _tables()
    followed = _fetch(
        f"""
        SELECT c.kabupaten_id, count(*) AS monitored, count(*) FILTER (WHERE latest.outcome = ANY(%s)) AS running
        FROM (SELECT DISTINCT ON (v.candidate_id) v.candidate_id, v.outcome FROM {t['visit']} v
              WHERE v.visited_on IS NOT NULL ORDER BY v.candidate_id, v.visited_on DESC, v.id DESC) latest
        JOIN {t['candidate']} c ON c.id = latest.candidate_id
        WHERE c.programme_year_id = %s AND c.status = %s AND c.kabupaten_id = ANY(%s)
        GROUP BY c.kabupaten_id
        """, [[o.value for o in STILL_RUNNING], programme_year.pk, CandidateStatus.HANDED_OVER.value,
              [k.id for k in areas]])
    for row in followed:
        by_area[row.pop("kabupaten_id")].update(row)
    return [{"kabupaten": k, **by_area[k.id]} for k in areas]


def budget_realisation(user, *, programme_year) -> tuple[list[dict], dict]:
    """Each budget document of the year, in date order, against the value of the packages handed over.

    The value handed over fills the documents in order (the plan first, then each revision), so
    each row says how much of that document is realised. Province-wide: budgets are not per area, but
    per province (the user's documents and the handovers of its areas).
    """
    from disbursements.models import Handover, HandoverLine
    from quotas.models import BudgetDocument

    # What the BAST lists, at the prices paid; a handover recorded without lines counts its package's value.
    lines = (HandoverLine.objects.filter(handover=OuterRef("pk")).values("handover")
             .annotate(value=Sum(F("quantity") * F("unit_price"), output_field=BigIntegerField())).values("value"))
    realised = (Handover.objects.visible_to(user).filter(candidate__programme_year=programme_year, outcome=Handover.Outcome.RECEIVED,
                                        candidate__status=CandidateStatus.HANDED_OVER)
                .annotate(goods=Coalesce(Subquery(lines), F("package_type__value"), output_field=BigIntegerField()))
                .aggregate(value=Sum("goods"), n=Count("id")))
    remaining = realised["value"] or 0
    rows = []
    for document in (BudgetDocument.objects.visible_to(user).filter(programme_year=programme_year)
                     .annotate(places=Sum("quota_entries__places"))
                     .order_by("date", "id")):
        used = min(remaining, document.amount)
        remaining -= used
        rows.append({"document": document, "places": document.places or 0, "amount": document.amount,
                     "realised": used, "share": used / document.amount if document.amount else None})
    return rows, {"value": realised["value"] or 0, "handovers": realised["n"], "beyond": remaining}


# ---------------------------------------------------------------------------------------------
# The goods


def item_use(user, *, programme_year) -> list[dict]:
    """Per round and item of the BAST: how many were found used, idle, sold, broken or lost."""
    from monitoring.models import ItemUse, VisitItem

    rows = (VisitItem.objects.visible_to(user).filter(visit__round__programme_year=programme_year)
            .values("visit__round__months", "line__item__name")
            .annotate(**{use: Count("id", filter=Q(use=use)) for use in ItemUse.values}, total=Count("id"))
            .order_by("visit__round__months", "line__item__name"))
    return [{"months": r.pop("visit__round__months"), "item": r.pop("line__item__name"), **r} for r in rows]


# ---------------------------------------------------------------------------------------------
# Graduation


@dataclass
class GraduationRow:
    """Graduation in one kabupaten/kota (or all): ``graduated`` of ``handed_over`` families."""

    label: str
    handed_over: int
    graduated: int
    closed_after: int  # graduated, then found closed at a later visit: still counted, shown beside
    above_desil: int | None  # graduated and above the year's desil limit in the latest snapshot

    @property
    def share(self) -> float | None:
        return self.graduated / self.handed_over if self.handed_over else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return estimators.wilson(self.graduated, self.handed_over)


def graduation(user, *, programme_year) -> tuple[GraduationRow, list[GraduationRow], list[str]]:
    """Graduation per kabupaten/kota of the user's areas and for all of them, with a Wilson 95 %
    interval over every family handed over (nobody is dropped), and why an area can graduate nobody
    (its UMK of a visit's year is not set). Two queries."""
    from monitoring.models import Graduation
    from monitoring.services.graduation import graduation_rule_for
    from verification.models import RegistryRecord

    rule = graduation_rule_for(programme_year)
    snapshot = snapshots_after_handover(programme_year=programme_year).order_by("-extract_date").first()
    handed = (Candidate.objects.visible_to(user)
              .filter(programme_year=programme_year, status=CandidateStatus.HANDED_OVER))
    later_closed = Visit.objects.filter(candidate=OuterRef("pk"), outcome=Outcome.CLOSED,
                                        visited_on__gt=OuterRef("graduation__graduated_on"))
    aggregates = {"handed_over": Count("id"), "graduated": Count("graduation"),
                  "closed_after": Count("id", filter=Q(graduation__isnull=False, closed_later=True))}
    annotated = handed.annotate(closed_later=Exists(later_closed))
    if snapshot is not None:
        after = RegistryRecord.objects.filter(snapshot=snapshot, refusal__isnull=True,
                                              nik=Cast(OuterRef("person__nik"), BigIntegerField())).values("desil")[:1]
        annotated = annotated.annotate(after=Subquery(after))
        aggregates["above_desil"] = Count("id", filter=Q(graduation__isnull=False, after__gt=programme_year.desil_max))
    rows = (annotated.values("kabupaten_id", "kabupaten__name").annotate(**aggregates).order_by("kabupaten__name"))
    groups = [GraduationRow(label=r["kabupaten__name"], handed_over=r["handed_over"], graduated=r["graduated"],
                            closed_after=r["closed_after"], above_desil=r.get("above_desil")) for r in rows]
    total = GraduationRow(label="", handed_over=sum(g.handed_over for g in groups),
                          graduated=sum(g.graduated for g in groups),
                          closed_after=sum(g.closed_after for g in groups),
                          above_desil=sum(g.above_desil for g in groups) if snapshot is not None else None)
    reasons = []
    if rule.umk_required:
        missing = (Visit.objects.filter(candidate__in=handed, visited_on__isnull=False)
                   .annotate(year=ExtractYear("visited_on"))
                   .exclude(Exists(MinimumWage.objects.filter(kabupaten=OuterRef("candidate__kabupaten"),
                                                              year=OuterRef("year"))))
                   .values_list("candidate__kabupaten__name", "year").distinct().order_by("candidate__kabupaten__name",
                                                                                          "year"))
        reasons = [_("UMK %(area)s tahun %(year)s belum diisi: keluarga yang dikunjungi tahun itu belum dapat "
                     "dinyatakan lulus.") % {"area": area, "year": year} for area, year in missing]
    return total, groups, reasons


# ---------------------------------------------------------------------------------------------
# Every cohort, side by side

COHORT_MONTHS = (6, 12, 24, 36)


@dataclass
class CohortCell:
    """One cohort at ``months`` after its handovers; None where the year has no such round."""

    months: int
    reached: int = 0
    survival: float | None = None
    omzet_median: int | None = None
    graduated: int = 0


@dataclass
class Cohort:
    programme_year: object
    handed_over: int
    cells: list[CohortCell | None]
    desil: DesilMovement | None  # against the latest snapshot after the year's first handover

    @property
    def graduated_share(self) -> list[float | None]:
        return [c.graduated / self.handed_over if c and self.handed_over else None for c in self.cells]


def _median(counts: list[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many), as PostgreSQL's percentile_cont(0.5) computes it."""
    n = sum(k for _v, k in counts)
    if not n:
        return None
    ordered = sorted(counts)

    def at(rank: int) -> float:
        total = 0
        for value, k in ordered:
            total += k
            if rank < total:
                return float(value)

    position = 0.5 * (n - 1)  # between the two middle values, or on the middle one
    low, high = at(math.floor(position)), at(math.ceil(position))
    return low + (high - low) * (position - math.floor(position))


def cohorts(user, *, today: dt.date, months=COHORT_MONTHS) -> list[Cohort]:
    """Every programme year with a handover in the user's areas, at 6, 12, 24 and 36 months: families
    reached at that round, survival (``survival``'s rule, over all the year's rounds), the median omzet
    of those running, and those graduated by then (by their own handover date). Read from the summary
    ``monitoring/services/cohorts.py`` keeps, the families counted live; one query per year for the desil
    movement. ``today`` is kept for the callers: none of these figures depends on the visits' due states."""
    from monitoring.models import CohortRevenue, CohortRound
    from monitoring.services.cohorts import cohort_families
    from programmes.models import ProgrammeYear

    areas = _area_ids(user)
    families = cohort_families(area_ids=areas)
    rounds: dict[int, list[int]] = {}
    for year_id, m in Round.objects.filter(programme_year_id__in=families).values_list("programme_year_id", "months"):
        rounds.setdefault(year_id, []).append(m)
    summed = {}
    for row in (CohortRound.objects.filter(kabupaten_id__in=areas, programme_year_id__in=families)
                .values("programme_year_id", "months")
                .annotate(at_risk=Sum("at_risk"), events=Sum("events"), competing=Sum("competing"),
                          reached=Sum("reached"), graduated=Sum("graduated")).order_by()):
        summed[row.pop("programme_year_id"), row.pop("months")] = row
    revenues: dict[tuple, list] = {}
    for year_id, m, value, n in (CohortRevenue.objects.filter(kabupaten_id__in=areas, programme_year_id__in=families,
                                                              months__in=months)
                                 .values_list("programme_year_id", "months", "monthly_revenue")
                                 .annotate(n=Sum("families")).order_by()):
        revenues.setdefault((year_id, m), []).append((value, n))
    empty = {"at_risk": 0, "events": 0, "competing": 0, "reached": 0, "graduated": 0}
    out = []
    years = ProgrammeYear.objects.filter(pk__in=[pk for pk, ms in rounds.items() if set(ms) & set(months)])
    for year in years.order_by("year"):
        handed = families[year.pk]
        curve = [RoundSurvival(m, handed, 0, 0, 0, 0, 0, 0, **{k: summed.get((year.pk, m), empty)[k]
                                                                for k in ("at_risk", "events", "competing")})
                 for m in sorted(rounds[year.pk])]
        curve_estimate(curve)
        at = {r.months: r for r in curve}
        cells = []
        for m in months:
            if m not in at:
                cells.append(None)
                continue
            median = _median(revenues.get((year.pk, m), []))
            row = summed.get((year.pk, m), empty)
            cells.append(CohortCell(months=m, reached=row["reached"], survival=at[m].survival,
                                    omzet_median=None if median is None else round(median),
                                    graduated=row["graduated"]))
        snapshot = snapshots_after_handover(programme_year=year).order_by("-extract_date").first()
        desil = desil_movement(user, programme_year=year, snapshot=snapshot) if snapshot else None
        out.append(Cohort(programme_year=year, handed_over=handed, cells=cells, desil=desil))
    return out


@dataclass
class PriorCohort:
    """The followed recipients of an earlier programme's year (``monitoring/services/prior.py``): its own cohort."""

    scheme: str
    year: int
    followed: int
    cells: list[CohortCell]


def _family_time(visits: list[tuple[int, str]]) -> tuple[int | None, int | None, int | None]:
    """(closed_at, gone_at, last_at) of one family from its (months, outcome): ``_SURVIVAL_SQL``'s rule."""
    running = [m for m, o in visits if o in STILL_RUNNING]
    closed = [m for m, o in visits if o == Outcome.CLOSED]
    closed_at = min(closed) if closed else None
    running_at = max(running) if running else None
    gone = [m for m, o in visits if o in COMPETING and m > (running_at or 0)]
    gone_at = min(gone) if gone and closed_at is None else None
    last_at = next((t for t in (closed_at, gone_at, running_at) if t is not None), None)
    return closed_at, gone_at, last_at


def prior_cohorts(user, *, months=COHORT_MONTHS) -> list[PriorCohort]:
    """Earlier programmes' recipients followed in the user's areas, per scheme and year, at ``months``
    after they received their aid: reached, survival by the UEP curve's rule (Kaplan-Meier over the
    rounds visited) and the median omzet of those running. Two queries; never part of UEP's figures."""
    import statistics

    from monitoring.models import PriorFollowUp, PriorVisit

    followed = (PriorFollowUp.objects.visible_to(user)
                .values("prior_recipient__scheme", "prior_recipient__year").annotate(n=Count("id")).order_by())
    families: dict[tuple, dict[int, list]] = {}
    for v in (PriorVisit.objects.visible_to(user)
              .values_list("follow_up__prior_recipient__scheme", "follow_up__prior_recipient__year", "follow_up_id",
                           "months", "outcome", "monthly_revenue")):
        families.setdefault(v[:2], {}).setdefault(v[2], []).append(v[3:])
    out = []
    for row in sorted(followed, key=lambda r: (r["prior_recipient__year"], r["prior_recipient__scheme"])):
        key = (row["prior_recipient__scheme"], row["prior_recipient__year"])
        visits = families.get(key, {})
        times = [_family_time([(m, o) for m, o, _r in vs]) for vs in visits.values()]
        grid = sorted(set(months) | {m for vs in visits.values() for m, _o, _r in vs})
        curve = [RoundSurvival(m, row["n"], 0, 0, 0, 0, 0, 0, at_risk=sum(1 for t in times if t[2] is not None and t[2] >= m),
                               events=sum(1 for t in times if t[0] == m), competing=sum(1 for t in times if t[1] == m))
                 for m in grid]
        curve_estimate(curve)
        at = {r.months: r for r in curve}
        cells = []
        for m in months:
            found = [(o, r) for vs in visits.values() for vm, o, r in vs if vm == m]
            revenues = [r for o, r in found if o in STILL_RUNNING and r is not None]
            cells.append(CohortCell(months=m, reached=sum(1 for o, _r in found if o in (*STILL_RUNNING, Outcome.CLOSED)),
                                    survival=at[m].survival,
                                    omzet_median=round(statistics.median(revenues)) if revenues else None))
        out.append(PriorCohort(scheme=key[0], year=key[1], followed=row["n"], cells=cells))
    return out


# ---------------------------------------------------------------------------------------------
# Toward the province's poverty target


@dataclass
class TargetRow:
    """One cohort in one kabupaten/kota against the latest registry snapshot after its handovers."""

    year: int
    label: str
    snapshot: object
    recipients: Share
    reserve: Share
    graduated: int
    people: int  # registry members of the recipient families that left the poor desils or graduated


def toward_target(user, *, snapshots: dict | None = None) -> list[TargetRow]:
    """Per cohort and kabupaten/kota: recipients poor (desil 1 to the year's limit) at the decision
    who are above it in the latest snapshot after the year's first handover, against the reserve
    (eligible, not funded: a comparison, not a randomised one); the graduated families; and the
    people in those families (the snapshot's members of their KK). One query per cohort.
    ``snapshots``: that snapshot of some years (programme year pk: snapshot or None), already found."""
    from monitoring.models import Graduation
    from programmes.models import ProgrammeYear
    from verification.models import RegistryRecord

    rows = []
    years = ProgrammeYear.objects.filter(Exists(Candidate.objects.filter(
        programme_year=OuterRef("pk"), status=CandidateStatus.HANDED_OVER))).order_by("year")
    for year in years:
        if snapshots is not None and year.pk in snapshots:
            snapshot = snapshots[year.pk]
        else:
            snapshot = snapshots_after_handover(programme_year=year).order_by("-extract_date").first()
        if snapshot is None:
            continue
        found = _fetch(
            f"""
            WITH c AS (
                SELECT c.id, c.status, c.kabupaten_id, k.name AS label, COALESCE(c.desil_dtks, c.desil_proposed) AS before,
                       r.desil AS after, r.no_kk, g.id IS NOT NULL AS graduated
                FROM {Candidate._meta.db_table} c
                JOIN recipients_person p ON p.id = c.person_id
                JOIN regions_kabupaten k ON k.id = c.kabupaten_id
                LEFT JOIN {RegistryRecord._meta.db_table} r
                       ON r.snapshot_id = %(snapshot)s AND r.refusal IS NULL AND r.nik = p.nik::bigint
                LEFT JOIN {Graduation._meta.db_table} g ON g.candidate_id = c.id
                WHERE c.programme_year_id = %(year)s AND c.status = ANY(%(statuses)s) AND c.kabupaten_id = ANY(%(areas)s)
            ), members AS (
                SELECT m.no_kk, count(*) AS n FROM {RegistryRecord._meta.db_table} m
                WHERE m.snapshot_id = %(snapshot)s AND m.refusal IS NULL AND m.no_kk IN (
                    SELECT no_kk FROM c WHERE status = %(handed)s AND (graduated OR (before <= %(limit)s AND after > %(limit)s)))
                GROUP BY m.no_kk
            )
            SELECT c.label, c.status, count(*) AS total, count(c.after) AS found,
                   count(*) FILTER (WHERE c.after IS NOT NULL AND c.before <= %(limit)s) AS n,
                   count(*) FILTER (WHERE c.before <= %(limit)s AND c.after > %(limit)s) AS left,
                   count(*) FILTER (WHERE c.graduated) AS graduated,
                   COALESCE(sum(m.n) FILTER (WHERE c.status = %(handed)s
                                             AND (c.graduated OR (c.before <= %(limit)s AND c.after > %(limit)s))), 0)
                       AS people
            FROM c LEFT JOIN members m ON m.no_kk = c.no_kk
            GROUP BY c.label, c.status ORDER BY c.label
            """,
            {"snapshot": snapshot.pk, "year": year.pk, "areas": _area_ids(user), "limit": year.desil_max,
             "handed": CandidateStatus.HANDED_OVER.value,
             "statuses": [CandidateStatus.HANDED_OVER.value, CandidateStatus.RESERVE.value]})
        by_label: dict[str, dict] = {}
        for row in found:
            by_label.setdefault(row["label"], {})[row["status"]] = row
        empty = {"total": 0, "found": 0, "n": 0, "left": 0, "graduated": 0, "people": 0}
        for label, groups in by_label.items():
            funded = groups.get(CandidateStatus.HANDED_OVER.value, empty)
            reserve = groups.get(CandidateStatus.RESERVE.value, empty)
            rows.append(TargetRow(
                year=year.year, label=label, snapshot=snapshot,
                recipients=Share("recipients", **{k: funded[k] for k in ("total", "found", "n", "left")}),
                reserve=Share("reserve", **{k: reserve[k] for k in ("total", "found", "n", "left")}),
                graduated=funded["graduated"], people=int(funded["people"])))
    return rows
