import csv
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "wilayah_kaltim.csv"


def load(apps, schema_editor):
    """The loader as it stood at this migration (the live one, regions.services, knows provinces,
    which do not exist yet here)."""
    Kabupaten = apps.get_model("regions", "Kabupaten")
    Kecamatan = apps.get_model("regions", "Kecamatan")
    Kelurahan = apps.get_model("regions", "Kelurahan")
    with open(DATA_FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_level: dict[str, list[dict]] = {}
    for row in rows:
        by_level.setdefault(row["tingkat"], []).append(row)
    Kabupaten.objects.bulk_create([Kabupaten(code=r["kode"], name=r["nama"]) for r in by_level["kabupaten_kota"]])
    kabupaten = {k.code: k for k in Kabupaten.objects.all()}
    Kecamatan.objects.bulk_create(
        [Kecamatan(code=r["kode"], name=r["nama"], kabupaten=kabupaten[r["kode"][:5]]) for r in by_level["kecamatan"]])
    kecamatan = {k.code: k for k in Kecamatan.objects.all()}
    Kelurahan.objects.bulk_create(
        [Kelurahan(code=r["kode"], name=r["nama"], kecamatan=kecamatan[r["kode"][:8]]) for r in by_level["kelurahan_desa"]])


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
