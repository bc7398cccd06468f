"""Two deliveries recorded at the same moment: together they never exceed the area's allocation."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.db.models import Sum

from disbursements.models import DeliveryLine, StockBalance
from disbursements.services.procurement import ContractLineInput, DeliveryLineInput, contract_create, delivery_record
from regions.models import Province

pytestmark = pytest.mark.slow  # threads racing on real transactions


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_at_the_same_moment_never_exceed_the_allocation(users, samarinda, programme_year, items):
    # Before the lock both read "5 left" and 4 + 3 = 7 were delivered against an allocation of 5.
    from disbursements.models import Vendor

    contract = contract_create(programme_year=programme_year, vendor=Vendor.objects.create(province=Province.objects.get(code="64"), name="CV Kompor"),
                               number="K/RACE/1", signed_on=dt.date(2025, 3, 1), user=users["provincial"],
                               lines=[ContractLineInput(items["kompor"], 5, 500_000, {samarinda.id: 5})])
    line = contract.lines.get()
    start, outcomes = threading.Barrier(2), []

    def deliver(number, quantity):
        try:
            start.wait()
            delivery_record(contract=contract, kabupaten=samarinda, received_on=dt.date(2025, 5, 1),
                            vendor_bast_number=f"BAST/{number}", user=users["officer"],
                            lines=[DeliveryLineInput(line, quantity, quantity)])
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            close_old_connections()

    threads = [threading.Thread(target=deliver, args=args) for args in (("A", 4), ("B", 3))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("ok") == 1, outcomes
    refusal = next(o for o in outcomes if o != "ok")
    assert "sisa alokasi kontrak untuk Kota Samarinda" in refusal
    delivered = DeliveryLine.objects.aggregate(n=Sum("quantity_received"))["n"]
    assert delivered in (3, 4)
    assert StockBalance.objects.get(kabupaten=samarinda, item=items["kompor"]).on_hand == delivered
