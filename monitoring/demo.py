"""Demo monitoring: a year of follow-up after the demo's handovers.

Builds on the handovers the goods demo made in Samarinda and adds ten in Balikpapan through the
same services (contract, delivery, bimtek, handover day), three more candidates on Balikpapan's
reserve, then: the UMK table, pendamping, baselines, the visits of the 3, 6 and 12 month rounds
(some families never reached), and a newer DTKS snapshot where some families left desil 1-5.
Idempotent: a second run finds the visits and does nothing.
"""

import datetime as dt
import tempfile
from collections import Counter
from pathlib import Path

from disbursements.demo_goods import demo_serials
from disbursements.models import Contract, HandoverLine, PackageType, Vendor
from disbursements.services.assignment import package_assign
from disbursements.services.handover import Received, handover_day_create, handover_invite, handover_receive
from disbursements.services.procurement import ContractLineInput, DeliveryLineInput, contract_create, delivery_record
from disbursements.services.training import training_record
from monitoring.models import Facilitator, MinimumWage, Visit
from monitoring.services.rounds import rounds_schedule
from monitoring.services.visits import baseline_record, facilitator_assign, visit_record
from programmes.models import ProgrammeYear
from recipients.lifecycle import candidates_move
from recipients.models import Candidate, CandidateStatus
from regions.models import Kabupaten, Province

CONTRACT = "031/KONTRAK-UEP/DINSOS-KT/2025"
PACKAGES = ["PG-GORENGAN", "PG-KUE", "PG-KELONTONG", "PG-JAHIT", "PG-BENGKEL"] * 2
# Demo UMK per month (Rp) for 2025 and 2026; real figures come from the governor's decree.
UMK = {"64.01": 3_750_000, "64.02": 3_820_000, "64.03": 3_900_000, "64.07": 3_780_000, "64.08": 3_950_000,
       "64.09": 3_700_000, "64.11": 3_760_000, "64.71": 3_790_000, "64.72": 3_720_000, "64.74": 3_850_000}
# What each family's visits at 3, 6 and 12 months found: (outcome, omzet) or None (never visited:
# the round was missed). Families in handover order: Samarinda's two first, then Balikpapan's ten.
PLAN = [
    [("berjalan", 1_500_000), ("berkembang", 2_500_000), ("berkembang", 4_200_000)],
    [("berjalan", 1_000_000), ("tersendat", 600_000), ("tutup", None)],
    [("berjalan", 1_200_000), ("berjalan", 1_800_000), ("berjalan", 2_000_000)],
    [("berkembang", 2_000_000), ("berkembang", 3_500_000), ("berkembang", 4_000_000)],
    [("tersendat", 500_000), ("tutup", None), None],
    [("tidak_ditemukan", None), ("berjalan", 1_100_000), None],
    [("berjalan", 900_000), ("pindah", None), None],
    [None, None, None],
    [("berjalan", 1_400_000), ("berjalan", 1_600_000), ("meninggal", None)],
    [("menolak", None), ("menolak", None), None],
    [("berjalan", 1_000_000), ("berjalan", 1_300_000), ("berjalan", 1_700_000)],
    [("tutup", None), None, None],
]
REASONS = {"tutup": "Modal habis dipakai berobat keluarga"}


def _balikpapan_handovers(*, year, users, stdout) -> None:
    """Ten Balikpapan recipients through the goods services; three more eligible go to the reserve."""
    if Contract.objects.filter(number=CONTRACT).exists():
        return
    provincial, officer = users["provinsi"], users["balikpapan"]
    area = Kabupaten.objects.get(code="64.71")
    people = list(Candidate.objects.filter(programme_year=year, kabupaten=area, status=CandidateStatus.PROPOSED)
                  .order_by("id")[:13])
    if len(people) < 13:
        return
    note = "Data contoh"
    for status in (CandidateStatus.DESK_PASSED, CandidateStatus.FIELD_ELIGIBLE):
        candidates_move(candidates=people, to=status, user=provincial, message=note)
    candidates_move(candidates=people[10:], to=CandidateStatus.RESERVE, user=provincial,
                    message="Cadangan (data contoh)")
    people = people[:10]
    from quotas.services.decision import candidate_decide

    for person in people:
        candidate_decide(candidate=person, user=provincial)
    packages = {p.code: p for p in PackageType.objects.filter(programme_year=year, code__in=PACKAGES)}
    for person, code in zip(people, PACKAGES):
        package_assign(candidate=person, package=packages[code], reason="Sesuai usaha yang berjalan (data contoh)",
                       user=provincial)
    needed = Counter()
    for code in PACKAGES:
        for line in packages[code].lines.all():
            needed[(line.item, line.unit_price)] += line.quantity
    vendor, _ = Vendor.objects.get_or_create(province=Province.objects.get(code="64"), name="CV Balikpapan Sejahtera", defaults={
        "npwp": "02.345.678.9-721.000", "address": "Jl. Jenderal Sudirman No. 5, Balikpapan",
        "contact_person": "Hendra"})
    contract = contract_create(
        programme_year=year, vendor=vendor, number=CONTRACT, signed_on=dt.date(2025, 5, 2), user=provincial,
        lines=[ContractLineInput(item=item, quantity=q, unit_price=price, allocations={area.id: q})
               for (item, price), q in needed.items()])
    delivery_record(contract=contract, kabupaten=area, received_on=dt.date(2025, 6, 10),
                    vendor_bast_number="BAST-CVBS/06/2025/003", user=officer,
                    lines=[DeliveryLineInput(contract_line=line, quantity_stated=line.quantity,
                                             quantity_received=line.quantity) for line in contract.lines.all()])
    training_record(programme_year=year, kabupaten=area, date=dt.date(2025, 6, 20), venue="Aula Dinsos Balikpapan",
                    topic="Penggunaan peralatan dan pengelolaan usaha", candidates=people, user=officer)
    day = handover_day_create(programme_year=year, kabupaten=area, date=dt.date(2025, 7, 1),
                              place="Aula Kantor Kelurahan Gunung Samarinda", user=officer)
    for handover in handover_invite(day=day, candidates=people, user=officer):
        handover_receive(handover=handover, user=officer, received=Received(serial_numbers=demo_serials(handover)))
    stdout.write(f"  Penyaluran contoh Balikpapan: kontrak {CONTRACT}, 10 paket diserahkan, 3 cadangan")


def _newer_snapshot(*, year, users, stdout) -> None:
    """A DTSEN update of November 2026: several recipients (and one of the reserve) left desil 1-5."""
    from verification.models import Snapshot
    from verification.services import snapshots
    from verification.synthetic import generate_snapshot_file

    if Snapshot.objects.filter(label="Pemutakhiran DTSEN (contoh)").exists():
        return
    followed = (Candidate.objects.filter(programme_year=year, status__in=(CandidateStatus.HANDED_OVER,
                                                                          CandidateStatus.RESERVE))
                .select_related("person", "kabupaten", "kecamatan", "kelurahan").order_by("id"))
    people = [{"nik": c.person.nik, "no_kk": c.no_kk, "name": c.name, "sex": c.sex, "birth_date": c.birth_date,
               "kabupaten_code": c.kabupaten.code, "kecamatan": c.kecamatan.name, "kelurahan": c.kelurahan.name,
               # Every second recipient moved up to desil 6; the reserve mostly stayed.
               "desil": (6 if i % 2 == 0 else 3) if c.status == CandidateStatus.HANDED_OVER else (6 if i % 5 == 0
                                                                                                 else 2)}
              for i, c in enumerate(followed)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dtsen-2026.csv"
        generate_snapshot_file(rows=len(people) + 200, out=path, people=people)
        snapshot = snapshots.snapshot_create(extract_date=dt.date(2026, 11, 30), label="Pemutakhiran DTSEN (contoh)",
                                             path=path, user=users["provinsi"])
        snapshots.snapshot_load(snapshot_id=snapshot.id)
    stdout.write(f"  Snapshot DTSEN November 2026 (contoh): {len(people)} penerima dan cadangan")


def seed(*, users, stdout):
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    for code, amount in UMK.items():
        for umk_year in (2025, 2026):
            MinimumWage.objects.get_or_create(
                kabupaten=Kabupaten.objects.get(code=code), year=umk_year,
                defaults={"amount": amount + (150_000 if umk_year == 2026 else 0),
                          "decree_number": f"100.3.3.1/K.{800 + umk_year % 100}/{umk_year - 1} (contoh)"})
    if Visit.objects.filter(candidate__programme_year=year, visited_on__isnull=False).exists():
        return
    _balikpapan_handovers(year=year, users=users, stdout=stdout)
    rounds_schedule()
    families = list(Candidate.objects.filter(programme_year=year, status=CandidateStatus.HANDED_OVER)
                    .select_related("handover", "kabupaten").order_by("handover__date", "handover__id"))
    officers = {"64.72": users["samarinda"], "64.71": users["balikpapan"]}
    pendamping = {}
    for code, names in (("64.72", ["Nur Aisyah"]), ("64.71", ["Yusuf Rahman", "Dewi Lestari"])):
        area = Kabupaten.objects.get(code=code)
        pendamping[code] = [Facilitator.objects.get_or_create(kabupaten=area, name=n, defaults={"phone": "0812"})[0]
                            for n in names]
    for code, people in (("64.72", [f for f in families if f.kabupaten.code == "64.72"]),
                         ("64.71", [f for f in families if f.kabupaten.code == "64.71"])):
        for i, group in enumerate((people[:6], people[6:])):
            if group and i < len(pendamping[code]):
                facilitator_assign(facilitator=pendamping[code][i], candidates=group, user=officers[code])
    for n, (family, rounds) in enumerate(zip(families, PLAN)):
        officer = officers.get(family.kabupaten.code, users["provinsi"])
        baseline_record(candidate=family, user=officer, recorded_on=family.handover.date, state="BERJALAN",
                        monthly_revenue=800_000 + 100_000 * (n % 6), assets=5_500_000, workers=1)
        lines = list(HandoverLine.objects.filter(handover=family.handover).order_by("id"))
        for months, found in zip((3, 6, 12), rounds):
            if found is None:
                continue
            outcome, omzet = found
            visit = Visit.objects.get(candidate=family, round__months=months)
            closed = outcome == "tutup"
            items = {line.id: (("dijual", "Dijual untuk menutup utang") if closed and i == 0 else
                               ("tidak_dipakai", "") if closed else ("dipakai", ""))
                     for i, line in enumerate(lines)}
            visit_record(visit=visit, user=officer, visited_on=visit.due_on + dt.timedelta(days=3 + n % 5),
                         outcome=outcome, monthly_revenue=omzet, workers=1 if omzet else None,
                         reason=REASONS.get(outcome, ""), items=items,
                         notes="Kunjungan pendampingan (data contoh)")
    stdout.write(f"  Monitoring: {len(families)} keluarga diikuti pada putaran 3, 6 dan 12 bulan")
    _newer_snapshot(year=year, users=users, stdout=stdout)
