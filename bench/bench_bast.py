"""Benchmark: the BAST PDF of a handover day with 1,680 recipients (the whole 2025 programme), made by
the task body in one process, beside a plain reportlab page (the same canvas, 20 lines of text, no
database) measured in the same run. Target: <= 60 s for 1,680 pages.

Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/uep_bench_bast .venv/bin/python bench/bench_bast.py
"""

import datetime as dt
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _env  # noqa: E402,F401

RECIPIENTS = 1680


def setup():
    import subprocess

    subprocess.run([sys.executable, str(_env.ROOT / "scripts" / "ensure_database.py")], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def world():
    from accounts.models import Role, User
    from disbursements.models import Item, PackageType
    from disbursements.services.catalogue import LineInput, package_activate, package_lines_set
    from disbursements.services.handover import handover_day_create, handover_invite
    from programmes.models import ProgrammeYear
    from recipients.models import Candidate, Person
    from recipients.nik import make_nik
    from regions.models import Kabupaten, Kelurahan, Province

    year, _ = ProgrammeYear.objects.get_or_create(year=2090, defaults={"training_required": False})
    area = Kabupaten.objects.get(code="64.72")
    user, _ = User.objects.get_or_create(username="bench_bast", defaults={"role": Role.PROVINCIAL, "province": Province.objects.get(code="64")})
    items = [Item.objects.get_or_create(code=f"BENCH-{n}", defaults={"name": f"Barang uji {n}", "unit": "unit",
                                                                       "specification": "spesifikasi uji"})[0]
             for n in range(8)]
    package, _ = PackageType.objects.get_or_create(province=Province.objects.get(code="64"), programme_year=year, code="PG-BENCH",
                                                   defaults={"name": "Paket uji", "sector": "food"})
    package_lines_set(package=package, lines=[LineInput(i, 2, 100_000) for i in items], user=user)
    package_activate(package=package, user=user)
    # Spread over every kelurahan of the area, as a kabupaten's day is: each village its own "Mengetahui" block.
    villages = list(Kelurahan.objects.filter(kecamatan__kabupaten=area).select_related("kecamatan"))
    kecamatan = villages[0].kecamatan
    Person.objects.bulk_create(
        [Person(nik=make_nik(kecamatan_code=kecamatan.code, birth_date=dt.date(1980, 1, 1), sex="L", serial=n),
                name=f"Penerima Uji {n}", sex="L", birth_date=dt.date(1980, 1, 1)) for n in range(1, RECIPIENTS + 1)],
        ignore_conflicts=True)
    people = Person.objects.filter(name__startswith="Penerima Uji ")
    Candidate.objects.bulk_create(
        [Candidate(person=p, name=p.name, sex=p.sex, birth_date=p.birth_date, programme_year=year, kabupaten=area,
                   kecamatan=villages[n % len(villages)].kecamatan, kelurahan=villages[n % len(villages)],
                   address="Jl. Uji RT 01", no_kk=p.nik, desil_proposed=1, business_type="Gorengan",
                   business_status="BERJALAN", status="decided", requested_package="PG-BENCH", created_by=user)
         for n, p in enumerate(people)], ignore_conflicts=True)
    # The full paper: who hands over, and the decree (written directly: the year is a scratch one).
    from papers.models import Signatory
    from quotas.models import Decree

    Signatory.objects.get_or_create(programme_year=year, kabupaten=area, province=area.province, defaults={
        "name": "Drs. Pejabat Uji, M.Si.", "nip": "197001011990031001", "position": "Kepala Bidang Uji",
        "updated_by": user})
    Decree.objects.get_or_create(programme_year=year, province=area.province, defaults={
        "number": "400.9/1/DINSOS/2090", "date": dt.date(2090, 3, 1), "signer_name": "Kepala Dinas Uji",
        "signer_nip": "197001011990031001", "signer_position": "Kepala Dinas Sosial", "recorded_by": user})
    day = handover_day_create(programme_year=year, kabupaten=area, date=dt.date(2025, 6, 2), place="Aula Uji",
                              user=user)
    # The goods in the warehouse first: an invitation reserves them (refused otherwise).
    from django.db import transaction

    from disbursements.models import StockMove
    from disbursements.services.stock import stock_move

    with transaction.atomic():
        for item in items:
            stock_move(kabupaten_id=area.id, item_id=item.id, kind=StockMove.Kind.RECEIVED, quantity=2 * RECIPIENTS,
                       user=user, note="bench")
    uninvited = list(Candidate.objects.filter(programme_year=year, handover__isnull=True).values_list("id", flat=True))
    if uninvited:  # a second run on the same database finds them invited already
        handover_invite(day=day, candidates=uninvited, user=user)
    from disbursements.models import Handover

    # Each run gives every BAST its verification code again, as a first print does.
    Handover.objects.filter(candidate__programme_year=year).update(day=day, verification_code=None)
    return day, user


def plain_reportlab(pages: int) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    start = time.perf_counter()
    canvas = Canvas(io.BytesIO(), pagesize=A4, pageCompression=1)
    for n in range(pages):
        for line in range(20):
            canvas.drawString(60, 780 - 20 * line, f"Baris {line} halaman {n}: teks biasa tanpa basis data")
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - start


def main():
    setup()
    from disbursements.jobs import BAST
    from disbursements.models import Handover
    from exports.models import Job
    from exports.services import job_make

    day, user = world()
    pages = Handover.objects.filter(day=day).count()
    job = Job.objects.create(kind=BAST, kabupaten=day.kabupaten, params={"day": day.id}, user=user)
    start = time.perf_counter()
    job_make(job_id=job.id)
    ours = time.perf_counter() - start
    import subprocess

    made = job.files.get().file
    info = subprocess.run(["pdfinfo", made.path], capture_output=True, text=True).stdout
    printed = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    baseline = plain_reportlab(pages)
    print(f"BAST PDF, {pages} BASTs on {printed} pages ({made.size // 1024} KB): {ours:.1f} s ({1000 * ours / pages:.1f} ms/page), target <= 60 s")
    print(f"plain reportlab page, same run: {baseline:.1f} s ({1000 * baseline / pages:.1f} ms/page)")


if __name__ == "__main__":
    main()
