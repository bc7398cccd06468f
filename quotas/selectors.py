"""Reads on programme years, quotas and decisions. Writes are in ``quotas.services``."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from quotas.models import BudgetDocument, ProgrammeYear, QuotaEntry
from recipients.lifecycle import DECIDABLE, OCCUPYING, PASSED_DESK, PASSED_FIELD
from recipients.models import Candidate, CandidateStatus
from regions.models import Kabupaten
from regions.selectors import kabupaten_visible_to

S = CandidateStatus

# The ranking of the decision and of the reserve list: the poorest desil first, then the
# earlier proposal, then the NIK, so that the same data always gives the same order.
RANKING = (Candidate.DESIL, "created_at", "person__nik")
RANKING_SQL = ("coalesce(c.desil_dtks, c.desil_proposed)", "c.created_at", "p.nik")  # the same, for raw SQL
RANKING_TEXT = ("desil DTKS terendah dahulu (desil usulan bila belum diverifikasi); bila sama, yang lebih dahulu "
                "diusulkan; bila sama, NIK terkecil")


def programme_year_current() -> ProgrammeYear | None:
    return ProgrammeYear.objects.filter(is_open=True).order_by("-year").first() or ProgrammeYear.objects.first()


def quota_of(*, programme_year: ProgrammeYear, kabupaten: Kabupaten) -> int:
    """A kabupaten/kota's quota: the sum of its ledger entries."""
    return QuotaEntry.objects.filter(programme_year=programme_year, kabupaten=kabupaten).aggregate(
        total=Sum("places"))["total"] or 0


def quotas_by_kabupaten(*, programme_year: ProgrammeYear) -> dict[int, int]:
    rows = QuotaEntry.objects.filter(programme_year=programme_year).values("kabupaten_id").annotate(total=Sum("places"))
    return {r["kabupaten_id"]: r["total"] for r in rows}


def places_total(*, programme_year: ProgrammeYear) -> int:
    return QuotaEntry.objects.filter(programme_year=programme_year).aggregate(total=Sum("places"))["total"] or 0


def budget_total(*, programme_year: ProgrammeYear) -> int:
    return BudgetDocument.objects.filter(programme_year=programme_year).aggregate(total=Sum("amount"))["total"] or 0


def occupied_count(*, programme_year: ProgrammeYear, kabupaten: Kabupaten) -> int:
    """Places taken: decided, trained or handed over."""
    return Candidate.objects.filter(programme_year=programme_year, kabupaten=kabupaten, status__in=OCCUPYING).count()


def occupied_by_kabupaten(*, programme_year: ProgrammeYear) -> dict[int, int]:
    rows = (Candidate.objects.filter(programme_year=programme_year, status__in=OCCUPYING)
            .values("kabupaten_id").annotate(n=Count("id")))
    return {r["kabupaten_id"]: r["n"] for r in rows}


def eligible_by_kabupaten(*, programme_year: ProgrammeYear) -> dict[int, int]:
    """Candidates who passed field verification, per kabupaten/kota: the weight of a proportional spread."""
    rows = (Candidate.objects.filter(programme_year=programme_year, status__in=PASSED_FIELD)
            .values("kabupaten_id").annotate(n=Count("id")))
    return {r["kabupaten_id"]: r["n"] for r in rows}


def candidates_ranked(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, queryset: QuerySet | None = None,
                      statuses=DECIDABLE) -> QuerySet:
    """The decision list of one area and year, best first (see RANKING_TEXT)."""
    qs = Candidate.objects.all() if queryset is None else queryset
    return (qs.filter(programme_year=programme_year, kabupaten=kabupaten, status__in=statuses)
            .select_related("person", "kecamatan", "kelurahan").order_by(*RANKING, "id"))


def reserve_list(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, queryset: QuerySet | None = None) -> QuerySet:
    qs = Candidate.objects.all() if queryset is None else queryset
    return (qs.filter(programme_year=programme_year, kabupaten=kabupaten, status=S.RESERVE)
            .select_related("person", "kecamatan", "kelurahan").order_by("reserve_rank", *RANKING, "id"))


def decided_list(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, queryset: QuerySet | None = None) -> QuerySet:
    qs = Candidate.objects.all() if queryset is None else queryset
    return (qs.filter(programme_year=programme_year, kabupaten=kabupaten, status__in=OCCUPYING)
            .select_related("person", "kecamatan", "kelurahan").order_by("kecamatan__code", "name", "id"))


@dataclass
class AreaRow:
    kabupaten: Kabupaten
    quota: int = 0
    proposed: int = 0
    passed_desk: int = 0
    passed_field: int = 0
    decided: int = 0
    reserve: int = 0
    value_per_recipient: int = 0

    @property
    def free(self) -> int:
        return self.quota - self.decided

    @property
    def committed(self) -> int:
        return self.decided * self.value_per_recipient

    @property
    def filled_percent(self) -> int:
        return min(100, round(100 * self.decided / self.quota)) if self.quota > 0 else 0


@dataclass
class Overview:
    programme_year: ProgrammeYear
    rows: list[AreaRow]
    total: AreaRow = field(init=False)

    def __post_init__(self):
        self.total = AreaRow(kabupaten=None, value_per_recipient=self.programme_year.value_per_recipient)
        for row in self.rows:
            for name in ("quota", "proposed", "passed_desk", "passed_field", "decided", "reserve"):
                setattr(self.total, name, getattr(self.total, name) + getattr(row, name))

    @property
    def chart_max(self) -> int:
        return max([1, *(max(r.quota, r.decided + r.reserve) for r in self.rows)])


def province_overview(*, programme_year: ProgrammeYear, user) -> Overview:
    """Per kabupaten/kota the user may see: quota, the funnel of candidates, places and money."""
    areas = list(kabupaten_visible_to(user))
    quotas = quotas_by_kabupaten(programme_year=programme_year)
    counts = {
        r["kabupaten_id"]: r for r in
        Candidate.objects.visible_to(user).filter(programme_year=programme_year).values("kabupaten_id").annotate(
            proposed=Count("id"),
            passed_desk=Count("id", filter=Q(status__in=PASSED_DESK)),
            passed_field=Count("id", filter=Q(status__in=PASSED_FIELD)),
            decided=Count("id", filter=Q(status__in=OCCUPYING)),
            reserve=Count("id", filter=Q(status=S.RESERVE)),
        )
    }
    rows = []
    for area in areas:
        c = counts.get(area.id, {})
        rows.append(AreaRow(
            kabupaten=area, quota=quotas.get(area.id, 0), proposed=c.get("proposed", 0),
            passed_desk=c.get("passed_desk", 0), passed_field=c.get("passed_field", 0),
            decided=c.get("decided", 0), reserve=c.get("reserve", 0),
            value_per_recipient=programme_year.value_per_recipient,
        ))
    return Overview(programme_year=programme_year, rows=rows)
