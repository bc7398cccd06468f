"""Between check and confirm: the checked rows kept beside the file, and the set-based write.

``stage_rows`` keeps the rows that passed the check (JSON), so a confirm need not read and check
the file again. ``write_rows`` writes them with one COPY into a temporary table and two
INSERT ... SELECT into Person and Candidate, the audit triggers on (one history row per person and
candidate, statement-level triggers).
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from recipients.contract import Checked
from recipients.models import Candidate, CandidateStatus, Person, Upload

def _staged_name(upload: Upload) -> str:
    return f"uploads/checked/upload-{upload.id}.json"


def stage_rows(upload: Upload, checked: Checked) -> None:
    """Keep the checked rows beside the file, so confirm need not read and check the file again."""
    name = _staged_name(upload)
    default_storage.delete(name)
    payload = {"rows": [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in checked.good]}
    default_storage.save(name, ContentFile(json.dumps(payload, separators=(",", ":")).encode()))


def staged_rows(upload: Upload) -> list | None:
    name = _staged_name(upload)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        payload = json.loads(fh.read())
    return payload["rows"]


def drop_staged(upload: Upload) -> None:
    default_storage.delete(_staged_name(upload))


# upload_rows' columns, in the order of a checked row (``contract.ROW_FIELDS``), and the field each
# is written to: the types and lengths
# are the model's, written once.
STAGED_COLUMNS = {
    "upload_row": Candidate._meta.get_field("upload_row"), "nik": Person._meta.get_field("nik"),
    **{name: Candidate._meta.get_field(name) for name in ("name", "sex", "birth_date", "no_kk")},
    "kecamatan_id": Candidate._meta.get_field("kecamatan"), "kelurahan_id": Candidate._meta.get_field("kelurahan"),
    **{name: Candidate._meta.get_field(name) for name in ("address", "phone")},
    "desil": Candidate._meta.get_field("desil_proposed"),
    **{name: Candidate._meta.get_field(name) for name in ("business_type", "business_status")},
    "package": Candidate._meta.get_field("requested_package"), "notes": Candidate._meta.get_field("notes"),
}


def _temp_columns() -> str:
    return ", ".join(f"{name} {field.db_type(connection)}" for name, field in STAGED_COLUMNS.items())


def write_rows(*, upload: Upload, user, rows: list[tuple]) -> None:
    """COPY the rows into a temporary table, then two INSERT ... SELECT; the audit triggers stay on."""
    if not rows:
        return
    with connection.cursor() as cursor:
        # Dropped at the end too: an outer transaction (a test, a batch) may confirm several uploads.
        cursor.execute("DROP TABLE IF EXISTS upload_rows")
        cursor.execute(f"CREATE TEMP TABLE upload_rows ({_temp_columns()}) ON COMMIT DROP")
        with cursor.copy(f"COPY upload_rows ({', '.join(STAGED_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        # A temporary table has no statistics until analysed; without them the planner joins
        # 20,000 rows by nested loops over a sequential scan (13 s instead of 0.3 s). Only the
        # join column is needed (0.03 s instead of 0.2 s for all fifteen).
        cursor.execute("ANALYZE upload_rows (nik)")
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT nik, name, sex, birth_date, now() FROM upload_rows
            ON CONFLICT (nik) DO NOTHING""")
        cursor.execute("""
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
                kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status,
                requested_package, notes, upload_id, upload_row, status, reserve_rank, created_at, created_by_id)
            SELECT p.id, r.name, r.sex, r.birth_date, %s, %s, r.kecamatan_id, r.kelurahan_id, r.address, r.phone,
                r.no_kk, r.desil,
                r.business_type, r.business_status, r.package, r.notes, %s, r.upload_row, %s, NULL, now(), %s
            FROM upload_rows r JOIN recipients_person p ON p.nik = r.nik""",
                       [upload.programme_year_id, upload.kabupaten_id, upload.id, CandidateStatus.PROPOSED, user.id])
        cursor.execute("DROP TABLE upload_rows")
