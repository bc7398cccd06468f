"""Racing for the last 20 kompor of Samarinda: 50 invitations never reserve more than is on hand, and the 20
invited families received at the same moment never take on-hand below zero."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections
from django.db.models import Sum

from disbursements.models import Handover, PackageType, StockBalance, StockMove
from disbursements.reservation import reserved_quantities
from disbursements.services.catalogue import LineInput, package_activate, package_lines_set
from disbursements.services.handover import Received, handover_day_create, handover_invite, handover_receive
from recipients.models import CandidateStatus
from regions.models import Province

pytestmark = pytest.mark.slow  # threads racing on real transactions


@pytest.mark.django_db(transaction=True)
def test_fifty_invitations_of_the_last_twenty_items_never_over_reserve_nor_take_stock_below_zero(users, samarinda, make_candidate,
                                                                             programme_year, items, stock_in):
    programme_year.training_required = False
    programme_year.save()
    kompor = items["kompor"]
    package = PackageType.objects.create(programme_year=programme_year, province=Province.objects.get(code="64"), code="PG-KOMPOR", name="Kompor", sector="food")
    package_lines_set(package=package, lines=[LineInput(kompor, 1, 500_000)], user=users["provincial"])
    package_activate(package=package, user=users["provincial"])
    recipients = [make_candidate(samarinda, status="decided", requested_package="PG-KOMPOR",
                                 created_by=users["officer"]) for _ in range(50)]
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula", user=users["officer"])
    stock_in(samarinda, kompor, 20)

    invitations = race(recipients, lambda r: handover_invite(day=day, candidates=[r], user=users["officer"]))

    assert set(invitations) == {"ok", "StockShort"}, [o for o in invitations if o not in ("ok", "StockShort")]
    assert invitations.count("ok") == 20
    assert reserved_quantities(kabupaten_ids=[samarinda.id]) == {(samarinda.id, kompor.id): 20}
    handovers = list(Handover.objects.filter(day=day))
    # A second stock: the goods of a write-off taken meanwhile make "diterima" the last line of defence.
    StockBalance.objects.filter(kabupaten=samarinda, item=kompor).update(on_hand=15)

    outcomes = race(handovers, lambda h: handover_receive(handover=h, user=users["officer"], received=Received(
        serial_numbers={h.lines.get().id: f"KG-{h.id}"})))

    assert set(outcomes) == {"ok", "OutOfStock"}, [o for o in outcomes if o not in ("ok", "OutOfStock")]
    assert outcomes.count("ok") == 15
    assert StockBalance.objects.get(kabupaten=samarinda, item=kompor).on_hand == 0
    out = StockMove.objects.filter(kind=StockMove.Kind.HANDED_OVER).aggregate(n=Sum("quantity"))["n"]
    assert out == 15
    assert Handover.objects.filter(outcome=Handover.Outcome.RECEIVED).count() == 15
    assert sum(1 for r in recipients if r.__class__.objects.get(pk=r.pk).status == CandidateStatus.HANDED_OVER) == 15


def race(targets, act) -> list[str]:
    """Run ``act`` on every target at the same moment, one thread (and database connection) each."""
    start, outcomes = threading.Barrier(len(targets)), []

    def one(target):
        try:
            start.wait()
            act(target)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the refusal is what the test counts
            name = type(error).__name__
            outcomes.append(name if name in ("OutOfStock", "StockShort") else repr(error)[:300])
        finally:
            close_old_connections()

    threads = [threading.Thread(target=one, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes
