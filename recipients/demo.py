"""Demo candidates: a few dozen in Samarinda and Balikpapan, through the real upload services."""

from django.core.files.base import ContentFile

from programmes.models import ProgrammeYear
from recipients.generate import candidate_rows, candidate_xlsx
from recipients.models import Upload
from recipients.services.upload import upload_check, upload_confirm, upload_create
from regions.models import Kabupaten

DEMO = [("64.72", "samarinda", 30, 1), ("64.71", "balikpapan", 20, 2)]


def seed(*, users, stdout):
    year, _ = ProgrammeYear.objects.get_or_create(year=2025)
    for code, username, rows, seed_no in DEMO:
        kabupaten = Kabupaten.objects.get(code=code)
        name = f"contoh-usulan-{kabupaten.digits}.xlsx"
        if Upload.objects.filter(kabupaten=kabupaten, original_name=name, status=Upload.Status.CONFIRMED).exists():
            continue  # idempotent
        user = users[username]
        data = candidate_xlsx(candidate_rows(kabupaten=kabupaten, rows=rows, year=2025, seed=seed_no,
                                             serial_start=seed_no * 1000, bad_rows=2))
        upload = upload_check(upload=upload_create(user=user, kabupaten=kabupaten, programme_year=year,
                                                   file=ContentFile(data, name=name)))
        upload_confirm(upload=upload, user=user)
        stdout.write(f"  {kabupaten.name}: {upload.accepted_count} calon, {upload.refused_count} baris ditolak")
