"""Benchmark: inviting every ready recipient of Kutai Kartanegara (1,680, the whole 2025 programme's size) to a
handover day in one action: the BAST numbers, the package lines and the stock reservation. Target: < 5 s.

Beside it, in the same run: the same 1,680 invited page by page as before (34 actions of 50, each through the
same service), and the floor: a raw INSERT ... SELECT of the same invitations and lines with no check at all.
Each measurement runs in a transaction rolled back afterwards, so all three start from the same data
(median of three).

Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_invite .venv/bin/python bench/bench_invite.py
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401

RECIPIENTS = 1680
PAGE = 50
RUNS = 3


def setup():
    import subprocess

    subprocess.run([sys.executable, str(_env.ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def world():
    """1,680 decided recipients spread over Kukar's kecamatan, two packages, the goods in the warehouse."""
    from django.db import transaction

    from accounts.models import Role, User

    from disbursements.models import Item, PackageType, StockBalance, StockMove
    from disbursements.services.catalogue import LineInput, package_activate, package_lines_set
    from disbursements.services.handover import handover_day_create
    from disbursements.services.stock import stock_move
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate, Person
    from recipients.nik import make_nik
    from regions.models import Kabupaten, Kecamatan, Province

    year, _ = ProgrammeYear.objects.get_or_create(year=2091, defaults={"training_required": False})
    area = Kabupaten.objects.get(code="64.02")
    user, _ = User.objects.get_or_create(username="bench_invite", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    items = [Item.objects.get_or_create(code=f"BENCH-INV-{n}", defaults={"name": f"Barang undangan {n}",
                                                                          "unit": "unit"})[0] for n in range(10)]
    packages = []
    for code, chosen in (("PG-INV-A", items[:6]), ("PG-INV-B", items[4:])):
        package, _ = PackageType.objects.get_or_create(province=Province.objects.get(code="64"), programme_year=year, code=code,
                                                       defaults={"name": f"Paket {code}", "sector": "food"})
        package_lines_set(package=package, lines=[LineInput(i, 2, 100_000) for i in chosen], user=user)
        packages.append(package_activate(package=package, user=user))
    kecamatan = list(Kecamatan.objects.filter(kabupaten=area).prefetch_related("kelurahan_set"))
    if not Candidate.objects.filter(programme_year=year).exists():
        people = []
        for n in range(1, RECIPIENTS + 1):
            k = kecamatan[n % len(kecamatan)]
            people.append(Person(nik=make_nik(kecamatan_code=k.code, birth_date=dt.date(1980, 1, 1), sex="L",
                                              serial=n), name=f"Penerima Undangan {n}", sex="L",
                                 birth_date=dt.date(1980, 1, 1)))
        Person.objects.bulk_create(people, ignore_conflicts=True)
        people = Person.objects.filter(name__startswith="Penerima Undangan ").order_by("id")
        Candidate.objects.bulk_create([
            Candidate(person=p, name=p.name, sex=p.sex, birth_date=p.birth_date, programme_year=year, kabupaten=area,
                      kecamatan=kecamatan[n % len(kecamatan)],
                      kelurahan=kecamatan[n % len(kecamatan)].kelurahan_set.all()[0], address="Jl. Uji RT 01",
                      no_kk=p.nik, desil_proposed=1, business_type="Gorengan", business_status="BERJALAN",
                      status="decided", requested_package=packages[n % 2].code, created_by=user)
            for n, p in enumerate(people)])
    with transaction.atomic():
        for item in items:
            have = StockBalance.objects.filter(kabupaten=area, item=item).values_list("on_hand", flat=True).first() or 0
            if have < 2 * RECIPIENTS:
                stock_move(kabupaten_id=area.id, item_id=item.id, kind=StockMove.Kind.RECEIVED,
                           quantity=2 * RECIPIENTS - have, user=user, note="bench")
    day = handover_day_create(programme_year=year, kabupaten=area, date=dt.date(2025, 6, 2), place="Aula Uji Kukar",
                              user=user)
    return day, user


class Rollback(Exception):
    pass


def timed(act) -> tuple[float, int]:
    """Run ``act`` in a transaction rolled back afterwards; its time and the invitations it wrote."""
    from django.db import transaction

    from disbursements.models import Handover

    start = time.perf_counter()
    try:
        with transaction.atomic():
            act()
            elapsed = time.perf_counter() - start
            count = Handover.objects.filter(candidate__programme_year_id=2091).count()
            raise Rollback
    except Rollback:
        pass
    return elapsed, count


def one_action(day, user):
    from disbursements.selectors import invitable
    from disbursements.services.handover import handover_invite

    handover_invite(day=day, candidates=invitable(day=day, user=user), user=user)


def page_by_page(day, user):
    from disbursements.selectors import invitable
    from disbursements.services.handover import handover_invite

    ids = list(invitable(day=day, user=user).order_by("name", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), PAGE):
        handover_invite(day=day, candidates=ids[start:start + PAGE], user=user)


def raw_insert_select(day, user):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            WITH c AS (
                SELECT c.id, p.id AS package_id, row_number() OVER (ORDER BY c.name, c.id) AS n
                FROM recipients_candidate c
                JOIN disbursements_packagetype p ON p.programme_year_id = c.programme_year_id
                                                 AND p.code = c.requested_package AND p.is_active
                WHERE c.programme_year_id = %(year)s AND c.kabupaten_id = %(area)s AND c.status = 'decided'),
            h AS (
                INSERT INTO disbursements_handover (candidate_id, day_id, package_type_id, outcome, bast_number,
                                                    bast_scan, notes, recorded_by_id, recorded_at)
                SELECT c.id, %(day)s, c.package_id, 'invited', lpad(c.n::text, 4, '0') || '/BAST-RAW', '', '',
                       %(user)s, now() FROM c
                RETURNING id, package_type_id)
            INSERT INTO disbursements_handoverline (handover_id, item_id, quantity, unit_price, serial_numbers)
            SELECT h.id, pi.item_id, pi.quantity, pi.unit_price, '' FROM h
            JOIN disbursements_packageitem pi ON pi.package_id = h.package_type_id""",
                       {"year": 2091, "area": day.kabupaten_id, "day": day.id, "user": user.pk})


def main():
    setup()
    day, user = world()
    results = {}
    for name, act in (("one action (filter)", one_action), ("page by page (34 x 50)", page_by_page),
                      ("raw INSERT ... SELECT", raw_insert_select)):
        runs = [timed(lambda: act(day, user)) for _ in range(RUNS)]
        assert all(count == RECIPIENTS for _t, count in runs), (name, runs)
        results[name] = statistics.median(t for t, _c in runs)
    for name, seconds in results.items():
        print(f"{name:<24} {RECIPIENTS:,} invitations: {seconds:6.2f} s".replace(",", "."))
    print(f"target: one action < 5 s ({'met' if results['one action (filter)'] < 5 else 'NOT met'})")


if __name__ == "__main__":
    main()
