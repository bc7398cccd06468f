from django.db.models import Count, OuterRef, Q, Subquery

from disbursements.models import BusinessState, MonitoringVisit
from recipients.lifecycle import FOLLOW_UP
from recipients.models import Candidate, CandidateStatus
from regions.selectors import kabupaten_visible_to



def _latest_visit(field: str):
    return Subquery(MonitoringVisit.objects.filter(candidate=OuterRef("pk")).order_by("-visited_on", "-id")
                    .values(field)[:1])


def recipients_visible_to(user, *, programme_year=None):
    """Decided, trained and handed-over recipients of the user's area(s), with their latest visit."""
    qs = Candidate.objects.visible_to(user).filter(status__in=FOLLOW_UP)
    if programme_year is not None:
        qs = qs.filter(programme_year=programme_year)
    return (qs.select_related("person", "kabupaten", "kecamatan", "handover__package_type")
            .annotate(last_visit_on=_latest_visit("visited_on"), last_visit_state=_latest_visit("state"))
            .order_by("kabupaten__code", "name"))


def business_survival(user, *, programme_year=None) -> list[dict]:
    """Per kabupaten/kota: packages handed over, visited, and how many businesses still run.

    The figure leaders ask for: of the visited businesses, the share whose latest visit did
    not find them closed.
    """
    handed = Candidate.objects.visible_to(user).filter(status=CandidateStatus.HANDED_OVER)
    if programme_year is not None:
        handed = handed.filter(programme_year=programme_year)
    counts = (handed.annotate(state=_latest_visit("state")).values("kabupaten_id")
              .annotate(handed_over=Count("id"), visited=Count("id", filter=Q(state__isnull=False)),
                        closed=Count("id", filter=Q(state=BusinessState.CLOSED))))
    by_area = {row["kabupaten_id"]: row for row in counts}
    rows = []
    for kabupaten in kabupaten_visible_to(user):
        row = by_area.get(kabupaten.id, {"handed_over": 0, "visited": 0, "closed": 0})
        running = row["visited"] - row["closed"]
        rows.append({"kabupaten": kabupaten, "handed_over": row["handed_over"], "visited": row["visited"],
                     "running": running, "closed": row["closed"],
                     "survival_pct": round(100 * running / row["visited"]) if row["visited"] else None})
    return rows
