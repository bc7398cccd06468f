"""Reads on approvals: what waits for whom, what pending proposals hold, which approval made an act."""

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approvals.models import Approval, ApprovalStatus, FourEyesSwitch
from approvals.registry import act_for
from regions.selectors import province_kabupaten_ids

APPLIED = (ApprovalStatus.APPROVED, ApprovalStatus.WAIVED)


def four_eyes_on(*, year: int, kind: str, province_id: int | None) -> bool:
    """On unless the province's newest switch of the year for this act turned it off (no province: on)."""
    if province_id is None:
        return True
    newest = (FourEyesSwitch.objects.filter(province_id=province_id, year=year, kind=kind)
              .order_by("-switched_at", "-id").first())
    return True if newest is None else newest.enabled


def act_province_id(*, kabupaten, user) -> int | None:
    """The province an act belongs to: its kabupaten/kota's, else (an act of the whole province) its maker's."""
    return kabupaten.province_id if kabupaten is not None else user.province_id


def pending_places(*, year: int, kinds, kabupaten_id: int | None = None, province=None, sign: int = 0) -> int:
    """The places the pending proposals of these acts hold (only the positive or negative ones with ``sign``),
    of one area or of one province (its areas', and its staff's proposals for the whole province)."""
    pending = Approval.objects.filter(status=ApprovalStatus.PENDING, year=year, kind__in=list(kinds))
    if kabupaten_id is not None:
        pending = pending.filter(kabupaten_id=kabupaten_id)
    if province is not None:
        pending = pending.filter(Q(kabupaten_id__in=province_kabupaten_ids(province.pk))
                                 | Q(kabupaten__isnull=True, maker__province_id=province.pk))
    if sign > 0:
        pending = pending.filter(places__gt=0)
    elif sign < 0:
        pending = pending.filter(places__lt=0)
    return pending.aggregate(n=Sum("places"))["n"] or 0


def is_pending(*, kind: str, target_id: int) -> bool:
    """Is this act on this object already proposed and waiting? (An act is proposed once at a time.)"""
    return Approval.objects.filter(kind=kind, target_id=target_id, status=ApprovalStatus.PENDING).exists()


def approvals_visible_to(user):
    return Approval.objects.visible_to(user).select_related("maker", "checker", "kabupaten")


def approvals_waiting_for(user) -> list[Approval]:
    """Pending proposals this user may check: another person's, of an act their role checks."""
    pending = approvals_visible_to(user).filter(status=ApprovalStatus.PENDING).exclude(maker=user)
    return [a for a in pending.order_by("made_at", "id") if act_for(a.kind).may_check(user, a)]


def may_check(user, approval: Approval) -> bool:
    return (approval.status == ApprovalStatus.PENDING and approval.maker_id != user.pk
            and act_for(approval.kind).may_check(user, approval))


def approval_for(*, kind: str, target_id: int) -> Approval | None:
    """The approval that applied an act on one object (a BAST, a candidate), for the papers; None if none."""
    return (Approval.objects.filter(kind=kind, target_id=target_id, status__in=APPLIED)
            .select_related("maker", "checker").order_by("-checked_at", "-id").first())


def approvals_applied(*, kinds, year: int, kabupaten_id: int | None = None) -> list[Approval]:
    """The applied approvals of these acts in a year (and area), oldest first: the lines of an SK annex."""
    applied = Approval.objects.filter(kind__in=list(kinds), year=year, status__in=APPLIED)
    if kabupaten_id is not None:
        applied = applied.filter(kabupaten_id=kabupaten_id)
    return list(applied.select_related("maker", "checker").order_by("checked_at", "id"))


def proposed_message(approval: Approval) -> str:
    """What the maker reads after proposing: it waits for a second person, or ran (four eyes switched off)."""
    if approval.status == ApprovalStatus.WAIVED:
        return _("Dijalankan tanpa pemeriksa: empat mata dimatikan untuk tindakan ini di tahun %(year)s.") \
            % {"year": approval.year}
    return _("Usulan dicatat dan menunggu persetujuan staf lain: %(summary)s") % {"summary": approval.summary}


def approval_line(approval: Approval) -> str:
    """The line a paper prints: who proposed and who approved, and when ("7 Des 2026")."""
    def person(user):
        return user.get_full_name() or user.username

    def day(moment):
        return date_format(timezone.localtime(moment), "DATE_FORMAT")

    if approval.status == ApprovalStatus.WAIVED:
        return _("Diusulkan dan dijalankan oleh %(maker)s, %(made)s, tanpa pemeriksa (empat mata dimatikan).") \
            % {"maker": person(approval.maker), "made": day(approval.made_at)}
    return _("Diusulkan oleh %(maker)s, %(made)s; disetujui oleh %(checker)s, %(checked)s.") % {
        "maker": person(approval.maker), "made": day(approval.made_at),
        "checker": person(approval.checker), "checked": day(approval.checked_at)}
