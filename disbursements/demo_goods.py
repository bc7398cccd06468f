"""Demo goods flow in Samarinda: four recipients decided, a contract for their packages, its delivery into
stock, a bimtek, and a handover day where two receive and one is absent (the fourth is left for a try-out).

The reconciliation balances: ordered = delivered, and delivered = handed over + on hand.
"""

import datetime as dt
from collections import Counter

from disbursements.models import Contract, PackageType, Vendor
from disbursements.services.assignment import package_assign
from disbursements.services.handover import Received, handover_absent, handover_day_create, handover_invite, handover_receive
from disbursements.services.procurement import ContractLineInput, DeliveryLineInput, contract_create, delivery_record
from disbursements.services.training import training_record
from recipients.lifecycle import candidates_move
from recipients.models import Candidate, CandidateStatus
from regions.models import Kabupaten, Province

CONTRACT = "027/KONTRAK-UEP/DINSOS-KT/2025"
PACKAGES = ["PG-GORENGAN", "PG-GORENGAN", "PG-JAHIT", "PG-KUE"]


def demo_serials(handover) -> dict:
    """Made-up serial numbers for the equipment of a demo handover (a kompor's plate reads so)."""
    return {line.id: ", ".join(f"SN-{handover.id:05d}-{line.item.code}-{n + 1}" for n in range(line.quantity))
            for line in handover.lines.select_related("item") if line.item.has_serial_number}


def seed_goods(*, year, users, stdout):
    if Contract.objects.filter(number=CONTRACT).exists():
        return
    provincial, officer = users["provinsi"], users["samarinda"]
    samarinda = Kabupaten.objects.get(code="64.72")
    people = list(Candidate.objects.filter(programme_year=year, kabupaten=samarinda,
                                           status=CandidateStatus.PROPOSED).order_by("id")[:len(PACKAGES)])
    if len(people) < len(PACKAGES):
        return
    note = "Data contoh"
    for status in (CandidateStatus.DESK_PASSED, CandidateStatus.FIELD_ELIGIBLE):
        candidates_move(candidates=people, to=status, user=provincial, message=note)
    from quotas.services.decision import candidate_decide

    for person in people:
        candidate_decide(candidate=person, user=provincial)  # within Samarinda's quota
    packages = {p.code: p for p in PackageType.objects.filter(programme_year=year, code__in=PACKAGES)}
    for person, code in zip(people, PACKAGES):
        package_assign(candidate=person, package=packages[code], reason="Sesuai usaha yang berjalan (data contoh)",
                       user=provincial)
    needed = Counter()
    for code in PACKAGES:
        for line in packages[code].lines.all():
            needed[(line.item, line.unit_price)] += line.quantity
    vendor, _ = Vendor.objects.get_or_create(province=Province.objects.get(code="64"), name="CV Mitra Usaha Kaltim", defaults={
        "npwp": "01.234.567.8-722.000", "address": "Jl. Juanda No. 12, Samarinda", "contact_person": "Rahmat"})
    contract = contract_create(
        programme_year=year, vendor=vendor, number=CONTRACT, signed_on=dt.date(2025, 4, 14), user=provincial,
        lines=[ContractLineInput(item=item, quantity=q, unit_price=price, allocations={samarinda.id: q})
               for (item, price), q in needed.items()])
    delivery_record(contract=contract, kabupaten=samarinda, received_on=dt.date(2025, 5, 15),
                    vendor_bast_number="BAST-CVMUK/05/2025/014", user=officer,
                    lines=[DeliveryLineInput(contract_line=line, quantity_stated=line.quantity,
                                             quantity_received=line.quantity) for line in contract.lines.all()])
    training_record(programme_year=year, kabupaten=samarinda, date=dt.date(2025, 5, 20), venue="Aula Dinsos Samarinda",
                    topic="Penggunaan peralatan dan pengelolaan usaha", candidates=people[:3], user=officer)
    day = handover_day_create(programme_year=year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula Kantor Camat Samarinda Ulu", user=officer)
    handovers = handover_invite(day=day, candidates=people[:3], user=officer)
    for handover in handovers[:2]:
        handover_receive(handover=handover, user=officer, received=Received(serial_numbers=demo_serials(handover)))
    handover_absent(handover=handovers[2], user=officer, notes="Sakit, dijadwalkan ulang")
    stdout.write(f"  Penyaluran contoh Samarinda: kontrak {CONTRACT}, 2 paket diserahkan, 1 dijadwalkan ulang")
