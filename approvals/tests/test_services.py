"""The approvals service itself: one approval for two checkers at once, the maker never the checker
(also in the database), send back and cancel, and the year's four-eyes switch for a small office."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Role
from approvals import selectors
from approvals.models import Approval, ApprovalStatus, FourEyesSwitch
from approvals.services import approval_approve, approval_cancel, four_eyes_switch
from quotas.services import decision
from quotas.tests.conftest import eligible, plan, set_quota  # noqa: F401 - fixtures shared with quotas
from quotas.tests.test_race import run_together
from recipients.models import Candidate, CandidateStatus as S


@pytest.fixture
def checkers(make_user):
    return [make_user(f"pemeriksa_{i}", Role.PROVINCIAL) for i in range(2)]


def _decide_proposal(programme_year, samarinda, set_quota, eligible, maker, n=2):
    set_quota(samarinda, 5)
    candidates = eligible(samarinda, n)
    return decision.candidates_decide_selected_propose(
        programme_year=programme_year, kabupaten=samarinda, candidate_ids=[c.pk for c in candidates], user=maker)


@pytest.mark.django_db(transaction=True)
def test_two_checkers_at_once_give_one_approval(programme_year, samarinda, set_quota, eligible, users, checkers):
    approval = _decide_proposal(programme_year, samarinda, set_quota, eligible, users["provincial"])

    results = run_together([lambda c=c: approval_approve(approval=Approval.objects.get(pk=approval.pk), user=c)
                            for c in checkers])

    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    refused = next(r[1] for r in results if r[0] == "refused")
    assert refused.startswith("Usulan ini sudah disetujui oleh "), refused
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.APPROVED and approval.checker in checkers
    assert Candidate.objects.filter(kabupaten=samarinda, status=S.DECIDED).count() == 2
    # One timeline entry per person: the act ran once.
    assert all(c.timeline.filter(status=S.DECIDED).count() == 1
               for c in Candidate.objects.filter(kabupaten=samarinda))


@pytest.mark.django_db
def test_the_database_refuses_a_checker_who_is_the_maker(programme_year, samarinda, set_quota, eligible, users):
    maker = users["provincial"]
    approval = _decide_proposal(programme_year, samarinda, set_quota, eligible, maker)
    with pytest.raises(IntegrityError, match="approval_checker_is_not_maker"), transaction.atomic():
        Approval.objects.filter(pk=approval.pk).update(status=ApprovalStatus.APPROVED, checker=maker,
                                                       checked_at=approval.made_at)


@pytest.mark.django_db
def test_only_the_maker_cancels_and_then_nothing_is_held(programme_year, samarinda, set_quota, eligible, users,
                                                          checkers):
    approval = _decide_proposal(programme_year, samarinda, set_quota, eligible, users["provincial"])
    with pytest.raises(PermissionDenied):
        approval_cancel(approval=approval, user=checkers[0])
    approval_cancel(approval=approval, user=users["provincial"])
    assert Approval.objects.get(pk=approval.pk).status == ApprovalStatus.CANCELLED
    assert selectors.pending_places(year=2025, kinds=["quotas.decide"]) == 0


@pytest.mark.django_db
def test_the_checker_sees_what_waits_and_the_maker_does_not(programme_year, samarinda, set_quota, eligible, users,
                                                            checkers):
    approval = _decide_proposal(programme_year, samarinda, set_quota, eligible, users["provincial"])
    assert selectors.approvals_waiting_for(checkers[0]) == [approval]
    assert selectors.approvals_waiting_for(users["provincial"]) == []
    assert selectors.approvals_waiting_for(users["officer"]) == []  # sees it, may not check it


@pytest.mark.django_db
def test_a_small_office_may_switch_four_eyes_off_for_one_act_and_the_switch_is_logged(
        programme_year, samarinda, set_quota, eligible, users, kaltim):
    # The users fixture has one provincial staff member (and the administrator): a small office.
    switch = four_eyes_switch(year=2025, kind="quotas.decide", enabled=False, reason="Hanya satu staf",
                              user=users["admin"])
    assert (switch.switched_by, switch.kind, switch.enabled) == (users["admin"], "quotas.decide", False)
    assert not selectors.four_eyes_on(year=2025, kind="quotas.decide", province_id=kaltim.pk)
    assert selectors.four_eyes_on(year=2025, kind="quotas.withdraw", province_id=kaltim.pk)  # per act
    assert selectors.four_eyes_on(year=2026, kind="quotas.decide", province_id=kaltim.pk)  # per year

    approval = _decide_proposal(programme_year, samarinda, set_quota, eligible, users["provincial"])

    assert approval.status == ApprovalStatus.WAIVED and approval.checker is None
    assert Candidate.objects.filter(kabupaten=samarinda, status=S.DECIDED).count() == 2

    four_eyes_switch(year=2025, kind="quotas.decide", enabled=True, reason="Staf kedua datang", user=users["admin"])
    assert selectors.four_eyes_on(year=2025, kind="quotas.decide", province_id=kaltim.pk)
    assert FourEyesSwitch.objects.count() == 2  # both switches stay, as the log


@pytest.mark.django_db
def test_a_larger_office_cannot_switch_four_eyes_off(users, make_user):
    for i in range(2):
        make_user(f"staf_lain_{i}", Role.PROVINCIAL)
    with pytest.raises(ValidationError, match="hanya dapat dimatikan di kantor kecil"):
        four_eyes_switch(year=2025, kind="quotas.decide", enabled=False, reason="Sibuk", user=users["admin"])
    with pytest.raises(PermissionDenied):
        four_eyes_switch(year=2025, kind="quotas.decide", enabled=False, reason="Sibuk", user=users["provincial"])
    assert not FourEyesSwitch.objects.exists()
