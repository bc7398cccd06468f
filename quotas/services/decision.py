"""Writes of the decision (penetapan): decide one, the ticked ones or the best-ranked N, the reserve
list, and the withdrawal that gives the place to the first on the reserve list.

Never over the quota: every write that changes the people in an area's places first takes the
transaction-level advisory lock on (year, kabupaten/kota) and counts inside it. It never takes the
programme year's row lock (the ledger's, ``quotas.services.ledger``), so locks are always taken year
first, then areas by code.
"""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy as _lazy

from accounts.permissions import require_provincial
from approvals.models import Approval
from approvals.registry import Act, register
from approvals.selectors import is_pending
from approvals.services import approval_propose
from notices import texts as notice_texts
from notices.models import Kind as NoticeKind
from notices.services.outbox import notices_for_candidates
from programmes.models import ProgrammeYear
from quotas import selectors
from recipients.kk import kk_place_refusal
from recipients.lifecycle import DECIDABLE, WITHDRAWABLE_DECIDED, candidates_move
from recipients.models import Candidate, CandidateStatus
from regions.models import Kabupaten
from uep.formatting import angka
from uep.locks import lock_quota_area

S = CandidateStatus


def _full_message(*, programme_year_id: int, kabupaten: Kabupaten, quota: int, taken: int, wanted: int,
                  held: int = 0) -> str:
    numbers = {"area": kabupaten.name, "year": programme_year_id, "quota": angka(quota), "taken": angka(taken),
               "free": angka(max(0, quota - taken - held)), "wanted": angka(wanted), "held": angka(held)}
    if held:
        return _("Kuota %(area)s %(year)s tinggal %(free)s tempat: %(taken)s dari %(quota)s terisi dan %(held)s "
                 "ditahan usulan yang menunggu persetujuan, sedangkan %(wanted)s calon akan ditetapkan.") % numbers
    if taken >= quota:
        return _("Kuota %(area)s %(year)s sudah penuh: %(taken)s dari %(quota)s tempat terisi.") % numbers
    return _("Kuota %(area)s %(year)s tinggal %(free)s tempat (%(taken)s dari %(quota)s terisi), sedangkan "
             "%(wanted)s calon akan ditetapkan.") % numbers


def _decide_locked(*, programme_year_id: int, kabupaten: Kabupaten, ids: list[int], user, message: str,
                   data: dict | None = None) -> int:
    """Called under the area lock: count the places taken, then decide all of ``ids`` or none."""
    _room_check(programme_year_id=programme_year_id, kabupaten=kabupaten, ids=ids)
    Candidate.objects.filter(id__in=ids).update(reserve_rank=None)
    moved = candidates_move(candidates=ids, to=S.DECIDED, user=user, message=message, data=data)
    # The families hear of it from the same transaction: no notice for a decision rolled back.
    notices_for_candidates(kind=NoticeKind.DECIDED, event=f"y{programme_year_id}", candidates=ids,
                           text=notice_texts.render(NoticeKind.DECIDED, year=programme_year_id, area=kabupaten.name))
    return moved


def _room_check(*, programme_year_id: int, kabupaten: Kabupaten, ids: list[int]) -> None:
    """Called under the area lock: room in the quota for ``ids``, the places held by proposals waiting for a
    checker counted as taken (a proposal being approved no longer waits), and one recipient per KK."""
    quota = selectors.quota_of(programme_year=programme_year_id, kabupaten=kabupaten)
    taken = selectors.occupied_count(programme_year=programme_year_id, kabupaten=kabupaten)
    held = selectors.held_by_proposals(programme_year=programme_year_id, kabupaten=kabupaten).places
    if taken + held + len(ids) > quota:
        raise ValidationError(_full_message(programme_year_id=programme_year_id, kabupaten=kabupaten, quota=quota,
                                            taken=taken, wanted=len(ids), held=held))
    if refusal := kk_place_refusal(programme_year_id=programme_year_id, candidate_ids=ids):
        raise ValidationError(refusal)


def _reserve_renumber(*, programme_year_id: int, kabupaten_id: int) -> int:
    """Number the reserve list 1..n in the ranking order, in one statement."""
    ranked, params = selectors.ranked_sql(programme_year_id=programme_year_id, kabupaten_id=kabupaten_id,
                                          statuses=[S.RESERVE])
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Candidate._meta.db_table} AS t SET reserve_rank = r.rank
            FROM ({ranked}) AS r (id, rank)
            WHERE t.id = r.id AND t.reserve_rank IS DISTINCT FROM r.rank
            """,
            params,
        )
        return cursor.rowcount


def _locked_candidate(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update(of=("self",)).select_related("person", "kabupaten").get(pk=candidate.pk)


def candidate_decide(*, candidate: Candidate, user) -> Candidate:
    """Decide one candidate who passed field verification (or waits on the reserve list) into the quota."""
    require_provincial(user)
    with transaction.atomic():
        lock_quota_area(programme_year_id=candidate.programme_year_id, kabupaten_id=candidate.kabupaten_id)
        candidate = _locked_candidate(candidate)
        if candidate.status not in DECIDABLE:
            raise ValidationError(_("%(name)s tidak dapat ditetapkan: statusnya %(status)s, bukan layak atau "
                                    "cadangan.") % {"name": candidate.name,
                                                   "status": candidate.get_status_display()})
        was_reserve = candidate.status == S.RESERVE
        _decide_locked(programme_year_id=candidate.programme_year_id, kabupaten=candidate.kabupaten,
                       ids=[candidate.pk], user=user, message=_("Ditetapkan sebagai penerima."))
        if was_reserve:
            _reserve_renumber(programme_year_id=candidate.programme_year_id, kabupaten_id=candidate.kabupaten_id)
    candidate.refresh_from_db()
    return candidate


def _decidable_locked(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, candidate_ids) -> list[int]:
    """Under the area lock: the ticked candidates, locked, all of them still decidable, or a refusal."""
    ids = sorted(set(int(i) for i in candidate_ids))
    if not ids:
        raise ValidationError(_("Belum ada calon yang dipilih."))
    found = list(Candidate.objects.select_for_update().filter(
        id__in=ids, programme_year=programme_year, kabupaten=kabupaten, status__in=DECIDABLE
    ).values_list("id", flat=True))
    if len(found) != len(ids):
        raise ValidationError(_("%(n)s dari %(total)s calon yang dipilih tidak (lagi) dapat ditetapkan; muat ulang "
                                "halaman dan pilih lagi.") % {"n": len(ids) - len(found), "total": len(ids)})
    return found


@transaction.atomic
def candidates_decide_selected(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, candidate_ids: list[int],
                               user) -> int:
    """Decide the ticked candidates of one area, all or none."""
    require_provincial(user)
    lock_quota_area(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
    found = _decidable_locked(programme_year=programme_year, kabupaten=kabupaten, candidate_ids=candidate_ids)
    n = _decide_locked(programme_year_id=programme_year.pk, kabupaten=kabupaten, ids=found, user=user,
                       message=_("Ditetapkan sebagai penerima."))
    _reserve_renumber(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
    return n


def _too_few_message(*, kabupaten: Kabupaten, found: int, count: int) -> str:
    return (_("Hanya ada %(n)s calon layak atau cadangan di %(area)s, tidak %(count)s.")
            % {"n": angka(found), "area": kabupaten.name, "count": angka(count)})


def candidates_decide_bulk_preview(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, count: int,
                                   queryset) -> selectors.BulkDecisionPreview:
    """What deciding the ``count`` best-ranked would do, checked by the same rules; nothing is written."""
    counts = selectors.decision_counts(programme_year=programme_year, kabupaten=kabupaten, queryset=queryset)
    preview = selectors.BulkDecisionPreview(count=count, counts=counts, last=None)
    if count > counts.decidable:
        preview.refusal = _too_few_message(kabupaten=kabupaten, found=counts.decidable, count=count)
    elif counts.decided + counts.held + count > counts.quota:
        preview.refusal = _full_message(programme_year_id=programme_year.pk, kabupaten=kabupaten,
                                        quota=counts.quota, taken=counts.decided, wanted=count, held=counts.held)
    else:
        preview.last = selectors.candidates_ranked(programme_year=programme_year, kabupaten=kabupaten,
                                                   queryset=queryset)[count - 1]
    return preview


def _top_locked(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, count: int, last_id: int | None) -> list[int]:
    """Under the area lock: the ``count`` best-ranked, locked, the last of them the one the user saw."""
    if not count or count <= 0:
        raise ValidationError(_("Jumlah calon yang ditetapkan harus lebih dari nol."))
    ranked = selectors.candidates_ranked(programme_year=programme_year, kabupaten=kabupaten,
                                         queryset=Candidate.objects.all())
    ids = list(ranked.select_for_update(of=("self",)).values_list("id", flat=True)[:count])
    if len(ids) < count:
        raise ValidationError(_too_few_message(kabupaten=kabupaten, found=len(ids), count=count))
    if last_id is not None and ids[-1] != last_id:
        raise ValidationError(_("Urutan calon berubah sejak konfirmasi dibuka (ada penetapan atau pembatalan "
                                "lain). Periksa lagi sebelum menetapkan."))
    return ids


@transaction.atomic
def candidates_decide_bulk(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, count: int, user,
                           last_id: int | None = None) -> int:
    """Decide the ``count`` best-ranked candidates of one area (see selectors.RANKING_TEXT).

    ``last_id`` is the candidate the confirmation showed at rank ``count``: if the ranking changed
    since (another decision, a withdrawal), nothing is decided and the user looks again.
    """
    require_provincial(user)
    lock_quota_area(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
    ids = _top_locked(programme_year=programme_year, kabupaten=kabupaten, count=count, last_id=last_id)
    n = _decide_locked(programme_year_id=programme_year.pk, kabupaten=kabupaten, ids=ids, user=user,
                       message=_("Ditetapkan sebagai penerima (%(count)s teratas menurut peringkat).")
                       % {"count": count})
    _reserve_renumber(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
    return n


@transaction.atomic
def reserve_list_rebuild(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, user) -> int:
    """Put everyone who passed field verification but was not decided on the reserve list, in ranking order."""
    require_provincial(user)
    lock_quota_area(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
    waiting = Candidate.objects.filter(programme_year=programme_year, kabupaten=kabupaten, status=S.FIELD_ELIGIBLE)
    candidates_move(candidates=waiting, to=S.RESERVE, user=user,
                    message=_("Masuk daftar cadangan (urutan: %(rule)s).") % {"rule": selectors.RANKING_TEXT})
    _reserve_renumber(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
    return Candidate.objects.filter(programme_year=programme_year, kabupaten=kabupaten, status=S.RESERVE).count()


def _withdraw_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Alasan pembatalan wajib diisi (misalnya pindah domisili, meninggal dunia, "
                                "menolak bantuan)."))
    return reason


def _withdrawable_locked(candidate: Candidate) -> Candidate:
    candidate = _locked_candidate(candidate)
    if candidate.status not in WITHDRAWABLE_DECIDED:
        raise ValidationError(_("%(name)s tidak dapat dibatalkan: statusnya %(status)s. Hanya penerima yang "
                                "sudah ditetapkan dan belum disalurkan.")
                              % {"name": candidate.name, "status": candidate.get_status_display()})
    return candidate


def candidate_withdraw(*, candidate: Candidate, user, reason: str) -> Candidate | None:
    """Withdraw a decided person and give the place to the first on the reserve list of the same area and year.

    Returns the replacement, or None when the reserve list is empty (or the quota was lowered meanwhile).
    """
    require_provincial(user)
    reason = _withdraw_reason(reason)
    with transaction.atomic():
        lock_quota_area(programme_year_id=candidate.programme_year_id, kabupaten_id=candidate.kabupaten_id)
        candidate = _withdrawable_locked(candidate)
        candidates_move(candidates=[candidate], to=S.WITHDRAWN, user=user,
                        message=_("Penetapan dibatalkan: %(reason)s") % {"reason": reason}, data={"reason": reason})
        py, area = candidate.programme_year_id, candidate.kabupaten
        replacement = selectors.reserve_list(programme_year=py, kabupaten=area, queryset=Candidate.objects.all()).select_for_update(of=("self",)).first()
        quota = selectors.quota_of(programme_year=py, kabupaten=area)
        taken = (selectors.occupied_count(programme_year=py, kabupaten=area)
                 + selectors.held_by_proposals(programme_year=py, kabupaten=area).places)
        if replacement is None or taken >= quota:
            return None
        _decide_locked(
            programme_year_id=py, kabupaten=area, ids=[replacement.pk], user=user,
            message=_("Ditetapkan dari daftar cadangan (urutan %(rank)s) menggantikan %(name)s: %(reason)s")
            % {"rank": replacement.reserve_rank, "name": candidate.name, "reason": reason},
            data={"replaces": candidate.pk, "reserve_rank": replacement.reserve_rank, "reason": reason},
        )
        _reserve_renumber(programme_year_id=py, kabupaten_id=area.pk)
    replacement.refresh_from_db()
    return replacement


# --- Four eyes: decisions and withdrawals are proposed, and happen when a second person approves ---

NAMES_SHOWN = 10


def _names(ids: list[int]) -> str:
    names = list(Candidate.objects.filter(id__in=ids).order_by("name").values_list("name", flat=True)[:NAMES_SHOWN])
    more = len(ids) - len(names)
    return ", ".join(names) + (_(" dan %(n)s lainnya") % {"n": angka(more)} if more > 0 else "")


def candidates_decide_selected_propose(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, candidate_ids,
                                       user) -> Approval:
    """Propose deciding the ticked candidates; their places are held until a checker decides."""
    require_provincial(user)
    with transaction.atomic():
        lock_quota_area(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
        ids = _decidable_locked(programme_year=programme_year, kabupaten=kabupaten, candidate_ids=candidate_ids)
        _room_check(programme_year_id=programme_year.pk, kabupaten=kabupaten, ids=ids)
        return approval_propose(
            kind=selectors.ACT_DECIDE, user=user, year=programme_year.pk, kabupaten=kabupaten, places=len(ids),
            payload={"ids": ids},
            summary=_("Tetapkan %(n)s calon %(area)s %(year)s: %(names)s.")
            % {"n": angka(len(ids)), "area": kabupaten.name, "year": programme_year.year, "names": _names(ids)})


def _decide_apply(*, approval: Approval) -> None:
    candidates_decide_selected(programme_year=ProgrammeYear.objects.get(pk=approval.year),
                               kabupaten=approval.kabupaten, candidate_ids=approval.payload["ids"],
                               user=approval.maker)


def candidates_decide_bulk_propose(*, programme_year: ProgrammeYear, kabupaten: Kabupaten, count: int, user,
                                   last_id: int | None = None) -> Approval:
    """Propose "tetapkan teratas": the ``count`` best-ranked, as the confirmation showed them."""
    require_provincial(user)
    with transaction.atomic():
        lock_quota_area(programme_year_id=programme_year.pk, kabupaten_id=kabupaten.pk)
        ids = _top_locked(programme_year=programme_year, kabupaten=kabupaten, count=count, last_id=last_id)
        _room_check(programme_year_id=programme_year.pk, kabupaten=kabupaten, ids=ids)
        return approval_propose(
            kind=selectors.ACT_DECIDE_TOP, user=user, year=programme_year.pk, kabupaten=kabupaten, places=len(ids),
            payload={"count": count, "last": ids[-1], "ids": ids},
            summary=_("Tetapkan %(n)s calon teratas menurut peringkat di %(area)s %(year)s: %(names)s.")
            % {"n": angka(count), "area": kabupaten.name, "year": programme_year.year, "names": _names(ids)})


def _decide_top_apply(*, approval: Approval) -> None:
    """The ranking must still give the people the checker saw; otherwise it waits, with the reason."""
    candidates_decide_bulk(programme_year=ProgrammeYear.objects.get(pk=approval.year), kabupaten=approval.kabupaten,
                           count=approval.payload["count"], last_id=approval.payload["last"], user=approval.maker)


def candidate_withdraw_propose(*, candidate: Candidate, user, reason: str) -> Approval:
    """Propose withdrawing a decided person (the place then goes to the first on the reserve list)."""
    require_provincial(user)
    reason = _withdraw_reason(reason)
    with transaction.atomic():
        lock_quota_area(programme_year_id=candidate.programme_year_id, kabupaten_id=candidate.kabupaten_id)
        candidate = _withdrawable_locked(candidate)
        if is_pending(kind=selectors.ACT_WITHDRAW, target_id=candidate.pk):
            raise ValidationError(_("Pembatalan %(name)s sudah diusulkan dan menunggu persetujuan.")
                                  % {"name": candidate.name})
        return approval_propose(
            kind=selectors.ACT_WITHDRAW, user=user, year=candidate.programme_year_id, kabupaten=candidate.kabupaten,
            target_id=candidate.pk, payload={"reason": reason},
            summary=_("Batalkan penetapan %(name)s (%(area)s %(year)s) dan ganti dari daftar cadangan: %(reason)s")
            % {"name": candidate.name, "area": candidate.kabupaten.name, "year": candidate.programme_year_id,
               "reason": reason})


def _withdraw_apply(*, approval: Approval) -> None:
    candidate = Candidate.objects.get(pk=approval.target_id)
    replacement = candidate_withdraw(candidate=candidate, user=approval.maker, reason=approval.payload["reason"])
    # What happened goes with the approval, for the papers: who came in from the reserve.
    approval.payload = {**approval.payload, "replacement": replacement.pk if replacement else None}
    Approval.objects.filter(pk=approval.pk).update(payload=approval.payload)


def _decision_link(approval: Approval) -> str:
    return reverse("quotas:decision", kwargs={"year": approval.year, "code": approval.kabupaten.code})


register(Act(kind=selectors.ACT_DECIDE, label=_lazy("Penetapan calon terpilih"), apply=_decide_apply,
             link=_decision_link))
register(Act(kind=selectors.ACT_DECIDE_TOP, label=_lazy("Penetapan calon teratas"), apply=_decide_top_apply,
             link=_decision_link))
register(Act(kind=selectors.ACT_WITHDRAW, label=_lazy("Pembatalan penetapan dan penggantian dari cadangan"),
             apply=_withdraw_apply, link=_decision_link))
