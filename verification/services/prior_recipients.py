"""Earlier UEP/WRSE/KUBE recipients: imported once, so that a repeat is caught at the desk."""

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from recipients.nik import InvalidNumber, check_number
from uep.files import FileRefused, read_table
from verification.models import PriorRecipient, Scheme

PRIOR_COLUMNS = {"NIK": "nik", "NO_KK": "no_kk", "TAHUN": "year", "SKEMA": "scheme"}


def _number_problem(value: str, label: str) -> str | None:
    """Why a NIK or No. KK is not one (the structure every NIK and KK has), or None."""
    try:
        check_number(value, label)
    except InvalidNumber as exc:
        return str(exc)
    return None


def prior_recipients_import(*, name: str, content: bytes, source: str, user=None) -> dict:
    """Import past UEP/WRSE/KUBE recipients (NIK, NO_KK optional, TAHUN, SKEMA).

    Bad rows are reported by row number; a row already known is skipped, not duplicated.
    """
    try:
        rows = read_table(content, max_bytes=settings.UPLOAD_MAX_BYTES)
    except FileRefused as exc:
        return {"created": 0, "skipped": 0, "refusals": [{"row": 1, "reason": str(exc)}]}
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
        problem = _number_problem(nik, "NIK") or (no_kk and _number_problem(no_kk, "NO_KK"))
        if problem:
            refusals.append({"row": number, "reason": problem})
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

