from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Upper

from disbursements.models import PackageType
from recipients.lifecycle import FOLLOW_UP
from recipients.models import Candidate


def recipients_visible_to(user, *, programme_year=None):
    """Decided, trained and handed-over recipients of the user's area(s)."""
    qs = Candidate.objects.visible_to(user).filter(status__in=FOLLOW_UP)
    if programme_year is not None:
        qs = qs.filter(programme_year=programme_year)
    return (qs.select_related("person", "kabupaten", "kecamatan", "handover__package_type")
            .order_by("kabupaten__code", "name"))


def default_package_id():
    """The year's active package whose code is the candidate's PAKET_USULAN (as a query expression)."""
    return Subquery(PackageType.objects.annotate(code_upper=Upper("code")).filter(
        programme_year=OuterRef("programme_year"), code_upper=Upper(OuterRef("requested_package")), is_active=True,
    ).values("id")[:1])


def with_package(candidates):
    """Candidates annotated with ``package_id``: the assigned package, else the default from PAKET_USULAN."""
    return candidates.annotate(package_id=Coalesce("package_assignment__package_id", default_package_id()))


def package_of(*, candidate: Candidate) -> PackageType | None:
    package_id = with_package(Candidate.objects.filter(pk=candidate.pk)).values_list("package_id", flat=True).first()
    return PackageType.objects.filter(pk=package_id).first() if package_id else None
