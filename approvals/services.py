"""Writes on approvals: propose, approve, send back, cancel; and a year's four-eyes switch per act.

The status of an approval moves in one place (``_move``): one conditional UPDATE from "menunggu",
so two checkers who press "Setujui" at once give one approval: the second UPDATE waits on the row
and then finds it no longer pending. The act is applied in the same transaction as the approval:
if it cannot happen (the quota filled meanwhile), everything rolls back, the proposal stays pending
and keeps the Indonesian reason in ``apply_error``.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.permissions import acting_province, require_admin, require_province
from approvals import selectors
from approvals.models import Approval, ApprovalStatus, FourEyesSwitch
from approvals.registry import act_for

S = ApprovalStatus


def _move(*, approval: Approval, to: str, **fields) -> bool:
    """The only writer of an approval's status: from pending to ``to``, or nothing if it left pending."""
    moved = Approval.objects.filter(pk=approval.pk, status=S.PENDING).update(status=to, **fields) == 1
    if moved:
        approval.status = to
        for name, value in fields.items():
            setattr(approval, name, value)
    return moved


def _no_longer_pending(approval: Approval) -> ValidationError:
    current = Approval.objects.select_related("checker").get(pk=approval.pk)
    return ValidationError(_("Usulan ini sudah %(status)s oleh %(who)s; tidak ada yang diubah.")
                           % {"status": current.get_status_display().lower(),
                              "who": current.checker or current.maker})


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Anda tidak berwenang.")


def approval_propose(*, kind: str, user, year: int, summary: str, payload: dict | None = None, kabupaten=None,
                     places: int = 0, target_id: int | None = None) -> Approval:
    """Record a proposal; called by the act's own propose service after its checks, under its locks.

    When the year switched four eyes off for this act, the act is applied at once by its maker and the
    row says so (status "tanpa pemeriksa").
    """
    act = act_for(kind)
    fields = dict(kind=kind, year=year, kabupaten=kabupaten, places=places, target_id=target_id,
                  payload=payload or {}, summary=summary, maker=user)
    province_id = selectors.act_province_id(kabupaten=kabupaten, user=user)
    if selectors.four_eyes_on(year=year, kind=kind, province_id=province_id):
        return Approval.objects.create(**fields)
    with transaction.atomic():
        approval = Approval.objects.create(status=S.WAIVED, **fields)
        act.apply(approval=approval)
    return approval


def _require_checker(approval: Approval, user) -> None:
    if approval.maker_id == user.pk:
        raise PermissionDenied(_("Pengusul tidak dapat memeriksa usulannya sendiri; minta staf lain "
                                 "memeriksanya."))
    if not (user.is_active and act_for(approval.kind).may_check(user, approval)):
        raise PermissionDenied(_("Peran Anda tidak dapat memeriksa usulan %(act)s.")
                               % {"act": act_for(approval.kind).label})


def approval_approve(*, approval: Approval, user) -> Approval:
    """Approve and apply the act in one transaction, or leave the proposal pending with the reason."""
    _require_checker(approval, user)
    moved = False
    try:
        with transaction.atomic():
            moved = _move(approval=approval, to=S.APPROVED, checker=user, checked_at=timezone.now(), apply_error="")
            if not moved:
                raise _no_longer_pending(approval)
            act_for(approval.kind).apply(approval=approval)
    except (ValidationError, PermissionDenied) as error:
        if moved:  # moved, then the act failed: all rolled back, say why
            approval.status, approval.checker, approval.checked_at = S.PENDING, None, None
            approval.apply_error = _message(error)
            Approval.objects.filter(pk=approval.pk, status=S.PENDING).update(apply_error=approval.apply_error)
            raise ValidationError(_("Usulan tidak dapat dijalankan dan tetap menunggu: %(reason)s")
                                  % {"reason": approval.apply_error}) from error
        raise
    return approval


def approval_send_back(*, approval: Approval, user, reason: str) -> Approval:
    """The checker returns the proposal to its maker with a reason; nothing of the act happens."""
    _require_checker(approval, user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan pengembalian wajib diisi, supaya pengusul tahu apa yang harus diperbaiki."))
    if not _move(approval=approval, to=S.SENT_BACK, checker=user, checked_at=timezone.now(), reason=reason):
        raise _no_longer_pending(approval)
    return approval


def approval_cancel(*, approval: Approval, user) -> Approval:
    """The maker takes back a proposal still waiting."""
    if approval.maker_id != user.pk:
        raise PermissionDenied(_("Hanya pengusul yang dapat membatalkan usulannya."))
    if not _move(approval=approval, to=S.CANCELLED):
        raise _no_longer_pending(approval)
    return approval


def office_size(province) -> int:
    """The active provincial staff of one province: who could be the second person there."""
    return User.objects.filter(is_active=True, role=Role.PROVINCIAL, province=province).count()


@transaction.atomic
def four_eyes_switch(*, year: int, kind: str, enabled: bool, reason: str, user, province=None) -> FourEyesSwitch:
    """Switch four eyes on or off for one act of one year in the user's province (``province``: named by the
    superuser without one); every switch is a row (who, when, why).

    Off only for a small office: at most ``FOUR_EYES_SMALL_OFFICE_STAFF`` active provincial staff of that
    province, so that a second person cannot be found.
    """
    require_admin(user)
    province = province or acting_province(user)
    require_province(user, province.pk)
    act = act_for(kind)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan wajib diisi."))
    if not enabled:
        staff, limit = office_size(province), settings.FOUR_EYES_SMALL_OFFICE_STAFF
        if staff > limit:
            raise ValidationError(_("Empat mata untuk %(act)s hanya dapat dimatikan di kantor kecil (paling banyak "
                                    "%(limit)s staf provinsi aktif); %(province)s sekarang punya %(staff)s, jadi "
                                    "selalu ada orang kedua yang dapat memeriksa.")
                                  % {"act": act.label, "limit": limit, "staff": staff, "province": province.name})
    return FourEyesSwitch.objects.create(province=province, year=year, kind=kind, enabled=enabled, reason=reason,
                                         switched_by=user)
