import csv
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from regions import selectors

DATA_FILE = Path(__file__).resolve().parent / "data" / "wilayah_kaltim.csv"
LEVELS = ("provinsi", "kabupaten_kota", "kecamatan", "kelurahan_desa")


class RegionsFileError(ValueError):
    """A regions file that cannot be loaded; the message names the line."""


PARENT_LENGTH = {"kabupaten_kota": 2, "kecamatan": 5, "kelurahan_desa": 8}  # "64", "64.01", "64.01.01"


def _rows_by_level(path: Path) -> dict[str, list[dict]]:
    """The rows of a Kemendagri regions file (``kode,nama,tingkat``) by level. The file stands alone:
    every row's parent is in it (its province's row included), else the line is named."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or not {"kode", "nama", "tingkat"} <= set(rows[0]):
        raise RegionsFileError(_("Berkas wilayah harus berkolom kode, nama, tingkat dan tidak kosong."))
    codes = {row["kode"] for row in rows}
    by_level: dict[str, list[dict]] = {level: [] for level in LEVELS}
    for line, row in enumerate(rows, start=2):
        level, code = row["tingkat"], row["kode"]
        if level not in by_level:
            raise RegionsFileError(_("Baris %(line)d: tingkat \"%(level)s\" tidak dikenal.") % {"line": line, "level": level})
        parent = code[:PARENT_LENGTH[level]] if level in PARENT_LENGTH else None
        if parent is not None and parent not in codes:
            raise RegionsFileError(_("Baris %(line)d: %(code)s %(name)s, induknya %(parent)s tidak ada di berkas.")
                                   % {"line": line, "code": code, "name": row["nama"], "parent": parent})
        by_level[level].append(row)
    return by_level


@transaction.atomic
def regions_load(*, apps=None, path: Path = DATA_FILE, paper_place: str = "") -> dict[str, int]:
    """Load (or refresh) the Kemendagri regions of one file, by default the shipped Kalimantan Timur;
    idempotent. Another province's file has the same shape and adds its province beside the others.
    A kabupaten/kota belongs to the province of its code's first two digits. ``paper_place``: where the
    file's province signs its papers (kept as it is when not given)."""
    if apps is None:
        from django.apps import apps
    Province = apps.get_model("regions", "Province")
    Kabupaten = apps.get_model("regions", "Kabupaten")
    Kecamatan = apps.get_model("regions", "Kecamatan")
    Kelurahan = apps.get_model("regions", "Kelurahan")

    by_level = _rows_by_level(path)
    upsert = {"update_conflicts": True, "unique_fields": ["code"], "update_fields": ["name"]}
    Province.objects.bulk_create([Province(code=r["kode"], name=r["nama"]) for r in by_level["provinsi"]], **upsert)
    if paper_place.strip():
        Province.objects.filter(code__in=[r["kode"] for r in by_level["provinsi"]]).update(
            paper_place=paper_place.strip())
    provinces = {p.code: p for p in Province.objects.all()}
    Kabupaten.objects.bulk_create(
        [Kabupaten(code=r["kode"], name=r["nama"], province=provinces[r["kode"][:2]]) for r in by_level["kabupaten_kota"]],
        **upsert,
    )
    kabupaten = {k.code: k for k in Kabupaten.objects.all()}
    Kecamatan.objects.bulk_create(
        [Kecamatan(code=r["kode"], name=r["nama"], kabupaten=kabupaten[r["kode"][:5]]) for r in by_level["kecamatan"]],
        **upsert,
    )
    kecamatan = {k.code: k for k in Kecamatan.objects.all()}
    Kelurahan.objects.bulk_create(
        [Kelurahan(code=r["kode"], name=r["nama"], kecamatan=kecamatan[r["kode"][:8]]) for r in by_level["kelurahan_desa"]],
        **upsert,
    )
    selectors.province_areas_forget()
    return {level: len(items) for level, items in by_level.items() if items}
