"""Which package a decided recipient gets: their PAKET_USULAN by default, changed by provincial staff with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.permissions import require_area, require_provincial
from disbursements.models import Handover, PackageAssignment, PackageType
from disbursements.services.handover import handover_lines_reset
from recipients.lifecycle import WITHDRAWABLE_DECIDED
from recipients.models import Candidate


@transaction.atomic
def package_assign(*, candidate: Candidate, package: PackageType, reason: str, user) -> PackageAssignment:
    """Give a decided recipient another package of their year, within the cap, before the handover."""
    require_provincial(user)
    require_area(user, candidate.kabupaten_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan penggantian paket wajib diisi."))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status not in WITHDRAWABLE_DECIDED:
        raise ValidationError(_("Paket hanya dapat ditetapkan untuk penerima yang sudah ditetapkan dan belum "
                                "disalurkan (status sekarang: %(status)s).") % {"status": candidate.get_status_display()})
    if Handover.objects.filter(candidate=candidate, outcome=Handover.Outcome.RECEIVED).exists():
        raise ValidationError(_("Paket sudah diserahkan; tidak dapat diganti."))
    if (package.programme_year_id != candidate.programme_year_id or not package.is_active
            or package.province_id != candidate.kabupaten.province_id):
        raise ValidationError(_("Pilih paket aktif tahun %(year)s.") % {"year": candidate.programme_year_id})
    assignment, _created = PackageAssignment.objects.update_or_create(
        candidate=candidate, defaults={"package": package, "reason": reason, "assigned_by": user})
    # An invitation already printed with the old package follows the new one.
    invited = Handover.objects.filter(candidate=candidate).exclude(outcome=Handover.Outcome.RECEIVED).first()
    if invited is not None and invited.package_type_id != package.id:

        handover_lines_reset(handover=invited, package=package)
    return assignment


def assignable(candidates):
    return candidates.filter(Q(status__in=WITHDRAWABLE_DECIDED))
