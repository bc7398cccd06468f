"""Complaints: received from the public form or recorded by an officer, followed to a resolution.

The acts themselves (code, deadlines, acknowledgement, closing) are in ``grievances.services.intake``, which the
delivery check calls too; here are the checks of who may do them from the complaints' pages."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import require_area
from grievances.models import Channel, Grievance
from grievances.services.intake import CODE_LENGTH, grievance_create, grievance_move


def grievance_submit(*, category: str, kabupaten, description: str, complainant_name: str = "",
                     complainant_phone: str = "", channel: str = Channel.WEB, user=None, now=None) -> Grievance:
    """A complaint from the public form (``user`` None) or recorded by staff from a call, message or visit."""
    if channel == Channel.WEB:
        if user is not None:
            raise ValueError("a complaint recorded by staff names its channel")
    else:
        if user is None:
            raise PermissionDenied(_("Hanya petugas yang dapat mencatat pengaduan dari telepon, WhatsApp atau "
                                     "kunjungan."))
        require_area(user, kabupaten.id)
    return grievance_create(category=category, channel=channel, kabupaten_id=kabupaten.id, description=description,
                            complainant_name=complainant_name, complainant_phone=complainant_phone, user=user,
                            now=now)


def grievance_by_code(*, code: str) -> Grievance | None:
    """The public tracking page's one read: the complaint of that code, typed in any case and spacing."""
    normalised = "".join((code or "").split()).upper().replace("-", "")
    if len(normalised) != CODE_LENGTH:
        return None
    return Grievance.objects.filter(code=normalised).only("code", "status", "received_at", "updated_at",
                                                                  "resolve_due_at").first()


@transaction.atomic
def grievance_update(*, grievance: Grievance, status: str, resolution: str = "", user, now=None) -> Grievance:
    """Move a complaint on; sensitive ones only by the designated officer (``writable_by``)."""
    require_area(user, grievance.kabupaten_id)
    if not Grievance.objects.writable_by(user).filter(pk=grievance.pk).exists():
        raise PermissionDenied(_("Peran Anda hanya dapat membaca."))
    return grievance_move(grievance_id=grievance.pk, status=status, resolution=resolution, now=now)
