import datetime as dt

import pytest


@pytest.fixture
def plan(programme_year, kaltim):
    """The APBD murni of 2025: enough for 1.500 places of Rp 5.000.000."""
    from quotas.models import BudgetDocument

    return BudgetDocument.objects.create(programme_year=programme_year, province=kaltim, kind=BudgetDocument.Kind.PLAN,
                                         number="DPA-1.06.0001/2025", date=dt.date(2025, 1, 2), amount=7_500_000_000)


@pytest.fixture
def revision(programme_year, kaltim):
    """The APBD Perubahan 2025: Rp 1 miliar more, for the 180 extra places."""
    from quotas.models import BudgetDocument

    return BudgetDocument.objects.create(programme_year=programme_year, province=kaltim,
                                         kind=BudgetDocument.Kind.REVISION,
                                         number="DPPA-1.06.0001/2025", date=dt.date(2025, 9, 30),
                                         amount=1_000_000_000)


@pytest.fixture
def set_quota(plan, users):
    """Give an area a quota through the ledger (one entry on the plan)."""
    from quotas.models import QuotaEntry

    def give(kabupaten, places, programme_year=None):
        return QuotaEntry.objects.create(programme_year=programme_year or plan.programme_year, kabupaten=kabupaten,
                                         document=plan, places=places, reason="Kuota awal uji",
                                         created_by=users["provincial"])

    return give


@pytest.fixture
def eligible(make_candidate, users):
    """``n`` candidates of an area who passed field verification."""

    def make(kabupaten, n, **fields):
        return [make_candidate(kabupaten, created_by=users["officer"], status="field_eligible", **fields)
                for _ in range(n)]

    return make


@pytest.fixture
def approve_pending(make_user):
    """Four eyes: a second provincial staff member approves every proposal still waiting."""
    from accounts.models import Role
    from approvals.models import Approval, ApprovalStatus
    from approvals.services import approval_approve

    checker = make_user("staf_prov_pemeriksa_uji", Role.PROVINCIAL)

    def approve():
        pending = list(Approval.objects.filter(status=ApprovalStatus.PENDING).order_by("id"))
        for approval in pending:
            approval_approve(approval=approval, user=checker)
        return len(pending)

    return approve
