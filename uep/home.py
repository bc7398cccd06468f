"""What the Beranda shows each role, for the year chosen in the header.

An officer sees what waits for them; provincial staff (and a province-wide viewer) see the
province at a glance. Every figure comes from a few aggregates whatever the number of
candidates: the province's from ``quotas.selectors.province_overview`` (one GROUP BY), an
officer's from one aggregate over their area's candidates.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from disbursements.models import Handover
from disbursements.selectors import evidence_pending
from fieldwork.models import Submission, SubmissionStatus
from programmes.models import ProgrammeYear
from quotas.selectors import budget_total, province_overview
from recipients.lifecycle import HANDOVER_READY, S
from recipients.models import Candidate, Upload

UPLOADS_SHOWN = 5


@dataclass
class Waiting:
    """An officer's to-do list of the year."""

    uploads: list[Upload] = field(default_factory=list)
    field_visits: int = 0
    training: int = 0
    handovers: int = 0
    evidence_pending: int = 0
    # Visits from a phone that met one recorded meanwhile, for the area's officer to settle.
    device_conflicts: int = 0

    @property
    def nothing(self) -> bool:
        return not (self.uploads or self.field_visits or self.training or self.handovers or self.evidence_pending
                    or self.device_conflicts)


def waiting_for(*, user, programme_year: ProgrammeYear) -> Waiting:
    """Uploads to confirm or fix, field visits due, bimtek and handovers to record, BAST scans still missing,
    in the user's area."""
    uploads = list(
        Upload.objects.writable_by(user).filter(programme_year=programme_year)
        .filter(Q(status__in=[Upload.Status.PREVIEW, Upload.Status.FAILED])
                | Q(status=Upload.Status.CONFIRMED, refused_count__gt=0))
        # The refusals and refused rows of a big file weigh megabytes: the list needs the counts only.
        .only("id", "original_name", "status", "uploaded_at", "accepted_count", "refused_count")
        .order_by("-uploaded_at")[:UPLOADS_SHOWN])
    # Field visits wait on a desk pass (as verification.selectors.candidates_awaiting_field_visit);
    # when the year asks for a bimtek first, only trained recipients are ready for the handover.
    ready = (S.TRAINED,) if programme_year.training_required else HANDOVER_READY
    # Counting a column of the (kabupaten, year, status) index lets PostgreSQL answer from the index alone.
    counts = Candidate.objects.writable_by(user).filter(programme_year=programme_year).aggregate(
        field_visits=Count("status", filter=Q(status=S.DESK_PASSED)),
        training=Count("status", filter=Q(status=S.DECIDED)),
        handovers=Count("status", filter=Q(status__in=ready)),
    )
    if not programme_year.training_required:
        counts["training"] = 0
    # Received handovers whose signed BAST scan is not matched yet stay here until it is.
    counts["evidence_pending"] = evidence_pending(
        Handover.objects.writable_by(user).filter(candidate__programme_year=programme_year)).count()
    counts["device_conflicts"] = Submission.objects.writable_by(user).filter(status=SubmissionStatus.CONFLICT).count()
    return Waiting(uploads=uploads, **counts)


@dataclass
class Glance:
    """The province (or a viewer's area) at a glance: the funnel per area, quota fill, money."""

    overview: object
    budget: int
    bars: list[dict]

    @property
    def committed_percent(self) -> int:
        return min(100, round(100 * self.overview.total.committed / self.budget)) if self.budget else 0


# The funnel's stages, each drawn inside the one before it: (stage, y, height) in a 10-high bar.
BAR_STAGES = (("proposed", 0, 10), ("passed_desk", 1, 8), ("passed_field", 2, 6), ("decided", 3, 4))


def glance_for(*, user, programme_year: ProgrammeYear) -> Glance:
    overview = province_overview(programme_year=programme_year, user=user)
    top = max([1, *(max(r.proposed, r.quota) for r in overview.rows)])
    # Widths in percent of the largest area, one bar per stage of the funnel, and the quota mark.
    bars = [{"row": r, "quota_x": round(min(99.4, 100 * r.quota / top), 2),
             "stages": [(stage, round(100 * getattr(r, stage) / top, 2), y, height) for stage, y, height in BAR_STAGES]}
            for r in overview.rows]
    return Glance(overview=overview, budget=budget_total(programme_year=programme_year, province=user.province), bars=bars)
