import csv
from pathlib import Path

from django.db import transaction

DATA_FILE = Path(__file__).resolve().parent / "data" / "wilayah_kaltim.csv"


@transaction.atomic
def regions_load(*, apps=None, path: Path = DATA_FILE) -> dict[str, int]:
    """Load (or refresh) the Kemendagri regions from the shipped CSV; idempotent."""
    if apps is None:
        from django.apps import apps
    Kabupaten = apps.get_model("regions", "Kabupaten")
    Kecamatan = apps.get_model("regions", "Kecamatan")
    Kelurahan = apps.get_model("regions", "Kelurahan")

    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_level: dict[str, list[dict]] = {}
    for row in rows:
        by_level.setdefault(row["tingkat"], []).append(row)

    Kabupaten.objects.bulk_create(
        [Kabupaten(code=r["kode"], name=r["nama"]) for r in by_level["kabupaten_kota"]],
        update_conflicts=True, unique_fields=["code"], update_fields=["name"],
    )
    kabupaten = {k.code: k for k in Kabupaten.objects.all()}
    Kecamatan.objects.bulk_create(
        [Kecamatan(code=r["kode"], name=r["nama"], kabupaten=kabupaten[r["kode"][:5]]) for r in by_level["kecamatan"]],
        update_conflicts=True, unique_fields=["code"], update_fields=["name"],
    )
    kecamatan = {k.code: k for k in Kecamatan.objects.all()}
    Kelurahan.objects.bulk_create(
        [Kelurahan(code=r["kode"], name=r["nama"], kecamatan=kecamatan[r["kode"][:8]]) for r in by_level["kelurahan_desa"]],
        update_conflicts=True, unique_fields=["code"], update_fields=["name"],
    )
    return {level: len(items) for level, items in by_level.items()}
