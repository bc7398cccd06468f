import datetime as dt

import pytest

from regions.models import Province
from verification.tests.conftest import load_snapshot, write_csv  # noqa: F401 - fixtures for the desil tests

HANDED_ON = dt.date(2025, 6, 2)  # rounds due 2 Sep 2025, 2 Dec 2025, 2 Jun 2026


@pytest.fixture
def packages(programme_year):
    from disbursements.models import PackageType

    return {
        "gorengan": PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-GORENGAN", sector="food",
                                               name="Paket usaha gorengan", value=5_000_000, is_active=True),
        "jahit": PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-JAHIT", sector="craft",
                                            name="Paket usaha jahit", value=5_000_000, is_active=True),
    }


@pytest.fixture
def hand_over(users, packages, make_candidate):
    """A handed-over recipient: the candidate in status 'disalurkan' with its BAST."""
    from disbursements.models import Handover

    counter = iter(range(1, 10000))

    def make(kabupaten, *, package="gorengan", date=HANDED_ON, name=None, **fields):
        officer = users["officer"] if kabupaten.code == "64.72" else users["other_officer"]
        candidate = make_candidate(kabupaten, name=name, status="handed_over", created_by=officer, **fields)
        Handover.objects.create(candidate=candidate, package_type=packages[package], date=date,
                                outcome=Handover.Outcome.RECEIVED,
                                bast_number=f"BAST/UJI/{next(counter)}", bast_scan="bast/uji.pdf",
                                recorded_by=officer)
        return candidate

    return make


@pytest.fixture
def visit(users):
    """Record what the visit of ``months`` found for a handed-over candidate (rounds already scheduled)."""
    from monitoring.models import Visit
    from monitoring.services.visits import visit_record

    def record(candidate, months, outcome, *, on=None, revenue=None, reason="", **fields):
        due = Visit.objects.get(candidate=candidate, round__months=months)
        officer = users["officer"] if candidate.kabupaten.code == "64.72" else users["other_officer"]
        if outcome == "tutup" and not reason:
            reason = "Modal habis"
        return visit_record(visit=due, user=officer, visited_on=on or due.due_on, outcome=outcome,
                            monthly_revenue=revenue, reason=reason, **fields)

    return record
