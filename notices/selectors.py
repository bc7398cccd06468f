"""What staff read of the outbox: counts per kabupaten/kota and kind, scoped to the user's area."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from notices.models import Kind, Notice, Status
from notices.quiet import is_quiet

# Complaint notices are counted for the province only: an area's officer must not learn from a count
# that a (sensitive) complaint about their area came in.
AREA_KINDS = [k for k in Kind.values if k not in (Kind.COMPLAINT_RECEIVED, Kind.COMPLAINT_RESOLVED)]

# Notices a later app hides from some users, registered in its AppConfig.ready() since notices may not
# import it: each takes (user, notices) and returns the notices that user may see (grievances hides the
# notices of sensitive complaints from whoever may not handle them).
NOTICE_HIDERS: list[Callable] = []


def notices_visible_to(user):
    """Each notice a user may read one by one (the admin): their area's, without complaint notices for an
    area's user, without those a later app hides."""
    qs = Notice.objects.visible_to(user)
    if not user.sees_all_areas:
        qs = qs.filter(kind__in=AREA_KINDS)
    for hide in NOTICE_HIDERS:
        qs = hide(user, qs)
    return qs


@dataclass
class Row:
    kabupaten: str
    kind: str
    counts: dict = field(default_factory=dict)


COLUMNS = ["sent", "failed", "held", "waiting", "opted_out", "restricted", "no_phone"]


def notices_summary(*, user, kind: str | None = None) -> list[Row]:
    """One row per (kabupaten/kota, kind): sent, failed, held (quiet hours or a pause after a failure),
    waiting (due now), opted out, restricted, without a number. One grouped query."""
    now = timezone.now()
    qs = Notice.objects.visible_to(user)
    if not user.sees_all_areas:
        qs = qs.filter(kind__in=AREA_KINDS)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    open_ = Q(status__in=[Status.PENDING, Status.SENDING])
    grouped = (qs.values("kabupaten__code", "kabupaten__name", "kind")
               .annotate(sent=Count("pk", filter=Q(status=Status.SENT)),
                         failed=Count("pk", filter=Q(status=Status.FAILED)),
                         held=Count("pk", filter=open_ & Q(not_before__gt=now)),
                         waiting=Count("pk", filter=open_ & Q(not_before__lte=now)),
                         opted_out=Count("pk", filter=Q(status=Status.OPTED_OUT)),
                         restricted=Count("pk", filter=Q(status=Status.RESTRICTED)),
                         no_phone=Count("pk", filter=Q(status=Status.NO_PHONE)))
               .order_by("kabupaten__code", "kind"))
    rows = [Row(kabupaten=g["kabupaten__name"], kind=Kind(g["kind"]).label, counts={c: g[c] for c in COLUMNS})
            for g in grouped]
    if is_quiet(now):  # in quiet hours nothing due goes: it is held until 07:00 WITA
        for row in rows:
            row.counts["held"], row.counts["waiting"] = row.counts["held"] + row.counts["waiting"], 0
    return rows


def totals(rows: list[Row]) -> dict:
    return {c: sum(r.counts[c] for r in rows) for c in COLUMNS}


def failed_notices(*, user):
    """The notices that did not go, newest first, for staff to reach the family another way."""
    return (notices_visible_to(user).filter(status=Status.FAILED)
            .select_related("kabupaten", "candidate").order_by("-created_at"))
