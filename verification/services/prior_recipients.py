"""Earlier UEP/WRSE/KUBE recipients: imported once, so that a repeat is caught at the desk."""

import csv
import io

from django.db import connection
from django.utils.translation import gettext as _

from verification.models import PriorRecipient, Scheme

PRIOR_COLUMNS = {"NIK": "nik", "NO_KK": "no_kk", "TAHUN": "year", "SKEMA": "scheme"}


def _rows_of(*, name: str, content: bytes) -> list[list]:
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        return sheet.to_python(skip_empty_area=False)
    text = content.decode("utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0]
    return list(csv.reader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","))


def prior_recipients_import(*, name: str, content: bytes, source: str, user=None) -> dict:
    """Import past UEP/WRSE/KUBE recipients (NIK, NO_KK optional, TAHUN, SKEMA).

    Bad rows are reported by row number; a row already known is skipped, not duplicated.
    """
    rows = _rows_of(name=name, content=content)
    if not rows:
        return {"created": 0, "skipped": 0, "refusals": [{"row": 1, "reason": _("Berkas kosong.")}]}
    header = [str(h or "").strip().upper().replace(" ", "_") for h in rows[0]]
    index = {field: header.index(col) for col, field in PRIOR_COLUMNS.items() if col in header}
    missing = [col for col, field in PRIOR_COLUMNS.items() if field not in index and field != "no_kk"]
    if missing:
        return {"created": 0, "skipped": 0,
                "refusals": [{"row": 1, "reason": _("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)}}]}
    objects, refusals = [], []
    for number, row in enumerate(rows[1:], start=2):
        def cell(field):
            i = index.get(field)
            value = row[i] if i is not None and i < len(row) else ""
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return str(value if value is not None else "").strip()

        if not any(str(c or "").strip() for c in row):
            continue
        nik, no_kk, year, scheme = cell("nik"), cell("no_kk"), cell("year"), cell("scheme").upper()
        if not (len(nik) == 16 and nik.isdigit()):
            refusals.append({"row": number, "reason": _("NIK harus 16 digit angka.")})
        elif no_kk and not (len(no_kk) == 16 and no_kk.isdigit()):
            refusals.append({"row": number, "reason": _("NO_KK harus 16 digit angka atau dikosongkan.")})
        elif not (year.isdigit() and 2000 <= int(year) <= 2100):
            refusals.append({"row": number, "reason": _("TAHUN harus tahun empat digit.")})
        elif scheme not in Scheme.values:
            refusals.append({"row": number, "reason": _("SKEMA harus UEP, WRSE atau KUBE.")})
        else:
            objects.append(PriorRecipient(nik=nik, no_kk=no_kk, year=int(year), scheme=scheme, source=source[:200],
                                          imported_by=user))
    before = PriorRecipient.objects.count()
    PriorRecipient.objects.bulk_create(objects, ignore_conflicts=True, batch_size=5000)
    created = PriorRecipient.objects.count() - before
    if created:
        # The desk's joins plan on these statistics; autovacuum may be off or late.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {PriorRecipient._meta.db_table}")
    return {"created": created, "skipped": len(objects) - created, "refusals": refusals}

