from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Upper

from disbursements.models import PackageType
from recipients.lifecycle import FOLLOW_UP, HANDOVER_READY
from recipients.models import Candidate, CandidateStatus


def recipients_visible_to(user, *, programme_year=None):
    """Decided, trained and handed-over recipients of the user's area(s)."""
    qs = Candidate.objects.visible_to(user).filter(status__in=FOLLOW_UP)
    if programme_year is not None:
        qs = qs.filter(programme_year=programme_year)
    return (qs.select_related("person", "kabupaten", "kecamatan", "handover__package_type")
            .order_by("kabupaten__code", "name"))


def default_package_id():
    """The year's active package of the candidate's province whose code is its PAKET_USULAN (as a query
    expression)."""
    return Subquery(PackageType.objects.annotate(code_upper=Upper("code")).filter(
        programme_year=OuterRef("programme_year"), province=OuterRef("kabupaten__province"),
        code_upper=Upper(OuterRef("requested_package")), is_active=True,
    ).values("id")[:1])


def with_package(candidates):
    """Candidates annotated with ``package_id``: the assigned package, else the default from PAKET_USULAN."""
    return candidates.annotate(package_id=Coalesce("package_assignment__package_id", default_package_id()))


def package_of(*, candidate: Candidate) -> PackageType | None:
    package_id = with_package(Candidate.objects.filter(pk=candidate.pk)).values_list("package_id", flat=True).first()
    return PackageType.objects.filter(pk=package_id).first() if package_id else None


def packages_offered(*, programme_year_id: int, province_id: int | None = None) -> list[tuple[str, str]]:
    """(code, name) of the year's active packages of the province: what an officer may propose (PAKET_USULAN)."""
    packages = PackageType.objects.filter(programme_year_id=programme_year_id, is_active=True)
    if province_id is not None:
        packages = packages.filter(province_id=province_id)
    return list(packages.values_list("code", "name"))


# An invitation that blocks a new one: open, or the package already decided one way or the other.
INVITATION_HELD = ("invited", "received", "refused", "replaced")


def invitable(*, day, user, kecamatan_id: int | None = None, package_id: int | None = None,
              trained: bool | None = None):
    """The recipients of the day's area and year ready to be invited: decided or trained, with a package, and not
    invited yet (or absent, or their invitation cancelled); narrowed by kecamatan, package and bimtek done."""
    qs = with_package(Candidate.objects.writable_by(user).filter(
        kabupaten_id=day.kabupaten_id, programme_year_id=day.programme_year_id, status__in=HANDOVER_READY,
    ).exclude(handover__outcome__in=INVITATION_HELD)).filter(package_id__isnull=False)
    if kecamatan_id is not None:
        qs = qs.filter(kecamatan_id=kecamatan_id)
    if package_id is not None:
        qs = qs.filter(package_id=package_id)
    if trained is not None:
        qs = qs.filter(status=CandidateStatus.TRAINED) if trained else qs.exclude(status=CandidateStatus.TRAINED)
    return qs


def evidence_pending(handovers):
    """Received handovers whose signed BAST scan has not been matched yet."""
    from disbursements.models import Handover

    return handovers.filter(outcome=Handover.Outcome.RECEIVED, bast_scan="")
