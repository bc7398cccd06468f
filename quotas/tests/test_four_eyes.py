"""Four eyes on the quota acts: entries, spreads, the decision (ticked and top-N) and the withdrawal
with its replacement from the reserve. For each: the maker cannot approve, a checker approves and the
act happens, a send-back leaves nothing done, and pending proposals hold the quota."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from approvals.models import Approval, ApprovalStatus
from approvals.services import approval_approve, approval_send_back
from quotas import selectors
from quotas.models import QuotaEntry
from quotas.services import decision, ledger
from quotas.tests.test_race import run_together
from recipients.models import Candidate, CandidateStatus as S

pytestmark = pytest.mark.django_db


@pytest.fixture
def checker(make_user):
    return make_user("staf_prov_pemeriksa", Role.PROVINCIAL, first_name="Pemeriksa", last_name="Kedua")


@pytest.fixture
def maker(users):
    return users["provincial"]


def _propose(act, *, programme_year, samarinda, plan, maker, set_quota, eligible):
    """Each act's proposal, on a Samarinda with room: 5 places, 3 decided, 4 eligible."""
    set_quota(samarinda, 5)
    decided = eligible(samarinda, 3)
    Candidate.objects.filter(pk__in=[c.pk for c in decided]).update(status=S.DECIDED)
    waiting = eligible(samarinda, 4)
    Candidate.objects.filter(pk=waiting[-1].pk).update(status=S.RESERVE, reserve_rank=1)
    area = dict(programme_year=programme_year, kabupaten=samarinda)
    if act == "entry":
        return ledger.quota_entry_propose(**area, document=plan, places=2, reason="Tambahan APBD-P", user=maker)
    if act == "spread":
        return ledger.spread_propose(programme_year=programme_year, document=plan, total=10, rule="even",
                                     reason="Pembagian awal", user=maker)
    if act == "decide":
        return decision.candidates_decide_selected_propose(**area, candidate_ids=[waiting[0].pk], user=maker)
    if act == "decide_top":
        return decision.candidates_decide_bulk_propose(**area, count=2, user=maker)
    if act == "withdraw":
        return decision.candidate_withdraw_propose(candidate=decided[0], user=maker, reason="Pindah domisili")
    raise AssertionError(act)


def _state(programme_year, samarinda):
    return (selectors.places_total(programme_year=programme_year, province=samarinda.province),
            sorted(Candidate.objects.filter(kabupaten=samarinda).values_list("id", "status")))


ACTS = ["entry", "spread", "decide", "decide_top", "withdraw"]


def _after(programme_year, samarinda) -> tuple[int, int]:
    return (selectors.places_total(programme_year=programme_year, province=samarinda.province),
            Candidate.objects.filter(kabupaten=samarinda, status=S.DECIDED).count())


def _expected(act, places, decided) -> tuple[int, int]:
    """Places of the year and people decided in Samarinda after the act ran once."""
    return {"entry": (places + 2, decided), "spread": (places + 10, decided), "decide": (places, decided + 1),
            "decide_top": (places, decided + 2), "withdraw": (places, decided)}[act]


@pytest.mark.parametrize("act", ACTS)
def test_the_maker_cannot_approve_their_own_proposal(act, programme_year, samarinda, plan, maker, set_quota, eligible):
    approval = _propose(act, programme_year=programme_year, samarinda=samarinda, plan=plan, maker=maker,
                        set_quota=set_quota, eligible=eligible)
    before = _state(programme_year, samarinda)
    with pytest.raises(PermissionDenied, match="Pengusul tidak dapat memeriksa usulannya sendiri"):
        approval_approve(approval=approval, user=maker)
    assert _state(programme_year, samarinda) == before
    assert Approval.objects.get(pk=approval.pk).status == ApprovalStatus.PENDING


@pytest.mark.parametrize("act", ACTS)
def test_nothing_moves_until_a_checker_approves_then_the_act_happens(act, programme_year, samarinda, plan, maker,
                                                                     checker, set_quota, eligible):
    approval = _propose(act, programme_year=programme_year, samarinda=samarinda, plan=plan, maker=maker,
                        set_quota=set_quota, eligible=eligible)
    before = _state(programme_year, samarinda)
    places, decided = before[0], Candidate.objects.filter(kabupaten=samarinda, status=S.DECIDED).count()

    approval_approve(approval=approval, user=checker)

    approval.refresh_from_db()
    assert (approval.status, approval.checker, approval.maker) == (ApprovalStatus.APPROVED, checker, maker)
    assert _after(programme_year, samarinda) == _expected(act, places, decided)
    if act == "withdraw":  # the reserve filled the place
        assert Candidate.objects.filter(kabupaten=samarinda, status=S.WITHDRAWN).count() == 1
        assert approval.payload["replacement"] is not None
    if act in ("entry", "spread"):  # the ledger records who proposed it
        assert set(QuotaEntry.objects.filter(reason__in=["Tambahan APBD-P", "Pembagian awal"])
                   .values_list("created_by", flat=True)) == {maker.pk}


@pytest.mark.parametrize("act", ACTS)
def test_a_checker_sends_back_with_a_reason_and_nothing_happens(act, programme_year, samarinda, plan, maker, checker,
                                                                set_quota, eligible):
    approval = _propose(act, programme_year=programme_year, samarinda=samarinda, plan=plan, maker=maker,
                        set_quota=set_quota, eligible=eligible)
    before = _state(programme_year, samarinda)
    with pytest.raises(ValidationError, match="Alasan pengembalian wajib diisi"):
        approval_send_back(approval=approval, user=checker, reason="  ")

    approval_send_back(approval=approval, user=checker, reason="Dokumen anggaran salah")

    approval.refresh_from_db()
    assert (approval.status, approval.reason, approval.checker) == (ApprovalStatus.SENT_BACK,
                                                                   "Dokumen anggaran salah", checker)
    assert _state(programme_year, samarinda) == before
    with pytest.raises(ValidationError, match="sudah dikembalikan"):
        approval_approve(approval=approval, user=checker)


def test_pending_decisions_hold_the_quota(programme_year, samarinda, maker, checker, set_quota, eligible):
    set_quota(samarinda, 5)
    candidates = eligible(samarinda, 8)
    area = dict(programme_year=programme_year, kabupaten=samarinda)
    decision.candidates_decide_selected_propose(**area, candidate_ids=[c.pk for c in candidates[:3]], user=maker)

    with pytest.raises(ValidationError) as refused:
        decision.candidates_decide_selected_propose(**area, candidate_ids=[c.pk for c in candidates[3:6]],
                                                    user=checker)
    assert refused.value.messages == ["Kuota Kota Samarinda 2025 tinggal 2 tempat: 0 dari 5 terisi dan 3 ditahan "
                                      "usulan yang menunggu persetujuan, sedangkan 3 calon akan ditetapkan."]
    with pytest.raises(ValidationError, match="ditahan usulan"):  # top-N counts the same hold
        decision.candidates_decide_bulk_propose(**area, count=3, user=maker)
    decision.candidates_decide_bulk_propose(**area, count=2, user=maker)
    counts = selectors.decision_counts(**area, queryset=Candidate.objects.all())
    assert (counts.decided, counts.held, counts.free) == (0, 5, 0)


def test_pending_quota_reductions_and_decisions_cannot_together_exceed_the_quota(
        programme_year, samarinda, plan, maker, checker, set_quota, eligible):
    set_quota(samarinda, 5)
    candidates = eligible(samarinda, 4)
    area = dict(programme_year=programme_year, kabupaten=samarinda)
    decision.candidates_decide_selected_propose(**area, candidate_ids=[c.pk for c in candidates[:3]], user=maker)

    with pytest.raises(ValidationError, match="3 tempat ditahan usulan"):
        ledger.quota_entry_propose(**area, document=plan, places=-3, reason="Efisiensi", user=checker)
    reduction = ledger.quota_entry_propose(**area, document=plan, places=-2, reason="Efisiensi", user=checker)
    assert reduction.places == -2
    with pytest.raises(ValidationError, match="ditahan usulan"):  # 3 held + 2 removed: the quota is spoken for
        decision.candidates_decide_selected_propose(**area, candidate_ids=[candidates[3].pk], user=maker)


def test_pending_additions_keep_their_money_in_the_budget_check(programme_year, samarinda, balikpapan, plan, maker,
                                                                checker):
    # The plan pays 1.500 places of Rp 5.000.000; two proposals of 1.000 each cannot both wait.
    area = dict(programme_year=programme_year, document=plan, reason="Kuota awal")
    ledger.quota_entry_propose(**area, kabupaten=samarinda, places=1000, user=maker)
    with pytest.raises(ValidationError) as refused:
        ledger.quota_entry_propose(**area, kabupaten=balikpapan, places=1000, user=checker)
    assert "2.000 tempat (1.000 di antaranya dalam usulan yang menunggu persetujuan)" in refused.value.messages[0]
    with pytest.raises(ValidationError, match="Anggaran tidak cukup"):
        ledger.spread_propose(programme_year=programme_year, document=plan, total=600, rule="even",
                              reason="Sisa", user=checker)


def test_an_approval_that_no_longer_fits_stays_pending_with_the_reason(programme_year, samarinda, plan, maker,
                                                                       checker, set_quota, eligible):
    set_quota(samarinda, 2)
    candidates = eligible(samarinda, 2)
    approval = decision.candidates_decide_selected_propose(programme_year=programme_year, kabupaten=samarinda,
                                                           candidate_ids=[c.pk for c in candidates], user=maker)
    # Meanwhile the ledger loses a place outside four eyes (an administrator's correction).
    QuotaEntry.objects.create(programme_year=programme_year, kabupaten=samarinda, document=plan, places=-1,
                              reason="Koreksi", created_by=maker)

    with pytest.raises(ValidationError, match="tetap menunggu: Kuota Kota Samarinda 2025 tinggal 1 tempat"):
        approval_approve(approval=approval, user=checker)

    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING and approval.checker is None
    assert "tinggal 1 tempat" in approval.apply_error
    assert not Candidate.objects.filter(kabupaten=samarinda, status=S.DECIDED).exists()


def test_a_withdrawal_is_proposed_once_per_person(programme_year, samarinda, maker, set_quota, eligible):
    set_quota(samarinda, 1)
    (person,) = eligible(samarinda, 1)
    Candidate.objects.filter(pk=person.pk).update(status=S.DECIDED)
    decision.candidate_withdraw_propose(candidate=person, user=maker, reason="Meninggal dunia")
    with pytest.raises(ValidationError, match="sudah diusulkan dan menunggu persetujuan"):
        decision.candidate_withdraw_propose(candidate=person, user=maker, reason="Meninggal dunia")


def test_an_officer_cannot_check_a_quota_act(programme_year, samarinda, plan, maker, users, set_quota, eligible):
    approval = _propose("decide", programme_year=programme_year, samarinda=samarinda, plan=plan, maker=maker,
                        set_quota=set_quota, eligible=eligible)
    with pytest.raises(PermissionDenied, match="tidak dapat memeriksa"):
        approval_approve(approval=approval, user=users["officer"])


@pytest.mark.parametrize("act", ACTS)
@pytest.mark.django_db(transaction=True)
def test_two_checkers_at_once_give_one_approval_and_the_act_runs_once(act, programme_year, samarinda, plan, maker,
                                                                      checker, make_user, set_quota, eligible):
    second = make_user("staf_prov_pemeriksa_2", Role.PROVINCIAL)
    approval = _propose(act, programme_year=programme_year, samarinda=samarinda, plan=plan, maker=maker,
                        set_quota=set_quota, eligible=eligible)
    places, decided = _after(programme_year, samarinda)

    results = run_together([lambda u=u: approval_approve(approval=Approval.objects.get(pk=approval.pk), user=u)
                            for u in (checker, second)])

    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    assert "sudah disetujui" in next(r[1] for r in results if r[0] == "refused")
    assert _after(programme_year, samarinda) == _expected(act, places, decided)


def test_the_papers_read_who_proposed_and_who_approved_a_decision(programme_year, samarinda, maker, checker,
                                                                  set_quota, eligible):
    from approvals.selectors import approval_line

    set_quota(samarinda, 2)
    first, second = eligible(samarinda, 2)
    approval = decision.candidates_decide_bulk_propose(programme_year=programme_year, kabupaten=samarinda, count=1,
                                                       user=maker)
    area = dict(programme_year=programme_year, kabupaten=samarinda)
    assert selectors.decision_approvals_by_candidate(**area) == {}  # not yet approved
    approval_approve(approval=approval, user=checker)

    assert selectors.decision_approvals_by_candidate(**area) == {first.pk: approval}
    assert selectors.decision_approvals(**area) == [approval]
    line = approval_line(approval)
    assert re.fullmatch(rf"Diusulkan oleh {maker.username}, \d{{1,2}} [A-Z][a-z]{{2}} \d{{4}}; disetujui oleh "
                        r"Pemeriksa Kedua, \d{1,2} [A-Z][a-z]{2} \d{4}\.", line), line


def test_the_annex_pdf_lists_who_proposed_and_who_approved_each_decision(client, programme_year, samarinda, maker,
                                                                         checker, set_quota, eligible):
    from uep.tests.pdf import read_pdf

    set_quota(samarinda, 3)
    eligible(samarinda, 3)
    approval = decision.candidates_decide_bulk_propose(programme_year=programme_year, kabupaten=samarinda, count=3,
                                                       user=maker)
    approval_approve(approval=approval, user=checker)
    client.force_login(maker)

    response = client.get(f"/kuota/tahun/2025/penetapan/{samarinda.code}/lampiran.pdf")

    text = read_pdf(response.content).words
    assert "Persetujuan penetapan (empat mata):" in text
    assert re.search(rf"Penetapan calon teratas \(3 orang\): Diusulkan oleh {maker.username}, "
                     r"\d{1,2} [A-Z][a-z]{2} \d{4}; disetujui oleh Pemeriksa Kedua, \d{1,2} [A-Z][a-z]{2} \d{4}\.",
                     text), text
