"""50 handovers race for the last 20 kompor of Samarinda: on-hand never goes below zero."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections
from django.db.models import Sum

from disbursements.catalogue import LineInput, package_activate, package_lines_set
from disbursements.handover import Received, handover_day_create, handover_invite, handover_receive
from disbursements.models import Handover, PackageType, StockBalance, StockMove
from recipients.models import CandidateStatus

pytestmark = pytest.mark.slow  # threads racing on real transactions


@pytest.mark.django_db(transaction=True)
def test_fifty_handovers_of_the_last_twenty_items_never_take_stock_below_zero(users, samarinda, make_candidate,
                                                                             programme_year, items, stock_in):
    programme_year.training_required = False
    programme_year.save()
    kompor = items["kompor"]
    package = PackageType.objects.create(programme_year=programme_year, code="PG-KOMPOR", name="Kompor", sector="food")
    package_lines_set(package=package, lines=[LineInput(kompor, 1, 500_000)], user=users["provincial"])
    package_activate(package=package, user=users["provincial"])
    recipients = [make_candidate(samarinda, status="decided", requested_package="PG-KOMPOR",
                                 created_by=users["officer"]) for _ in range(50)]
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula", user=users["officer"])
    handovers = handover_invite(day=day, candidates=recipients, user=users["officer"])
    stock_in(samarinda, kompor, 20)

    start, outcomes = threading.Barrier(50), []

    def hand(handover):
        try:
            start.wait()
            handover_receive(handover=handover, user=users["officer"], received=Received())
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the refusal is what the test counts
            outcomes.append(type(error).__name__ if type(error).__name__ == "OutOfStock" else repr(error)[:300])
        finally:
            close_old_connections()

    threads = [threading.Thread(target=hand, args=(h,)) for h in handovers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert set(outcomes) == {"ok", "OutOfStock"}, [o for o in outcomes if o not in ("ok", "OutOfStock")]
    assert outcomes.count("ok") == 20
    assert StockBalance.objects.get(kabupaten=samarinda, item=kompor).on_hand == 0
    out = StockMove.objects.filter(kind=StockMove.Kind.HANDED_OVER).aggregate(n=Sum("quantity"))["n"]
    assert out == 20
    assert Handover.objects.filter(outcome=Handover.Outcome.RECEIVED).count() == 20
    assert sum(1 for r in recipients if r.__class__.objects.get(pk=r.pk).status == CandidateStatus.HANDED_OVER) == 20
