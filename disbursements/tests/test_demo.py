import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.slow  # seeds the whole demo


def test_the_demo_reconciliation_balances_and_a_second_seed_adds_nothing(db, regions):
    from accounts.models import User
    from disbursements.models import Handover, StockMove
    from disbursements.reports import reconciliation_by_area
    from programmes.models import ProgrammeYear

    call_command("seed_demo", stdout=io.StringIO())
    moves = StockMove.objects.count()
    call_command("seed_demo", stdout=io.StringIO())

    report = reconciliation_by_area(user=User.objects.get(username="provinsi"),
                                    programme_year=ProgrammeYear.objects.get(year=2025))
    assert report["rows"] and not report["differences"]
    assert all(row["balanced"] for row in report["rows"])
    assert report["totals"]["ordered_value"] == report["totals"]["delivered_value"] > 0
    assert Handover.objects.filter(outcome="received", candidate__kabupaten__code="64.72").count() == 2 and StockMove.objects.count() == moves
