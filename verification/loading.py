"""Loading a DTKS/DTSEN extract: COPY into a new partition, check set-based, index, attach.

A million rows is a normal province: the file is streamed to PostgreSQL as it is, never
parsed row by row in Python (except to skip rows whose column count is wrong, which
COPY cannot do by itself). Inserting the rows a second time (staging table, then an
indexed table) was measured at 5-10x a raw COPY here; so the partition the file is
copied into is the final table, the checks only write the refused rows, and the NIK
index is built once at the end. Refused rows are counted and a sample is kept with line
numbers; they never stop the rest.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.db import connection, transaction
from django.utils.translation import gettext as _

from regions.models import Kabupaten

# The file's columns: our name -> headers accepted (normalised: upper case, "_" for separators).
COLUMNS = {
    "id_dtks": ("ID_DTKS", "IDDTKS", "ID_DTSEN"),
    "nik": ("NIK",),
    "no_kk": ("NO_KK", "NOKK", "KK", "NOMOR_KK"),
    "name": ("NAMA", "NAMA_LENGKAP"),
    "sex": ("JENIS_KELAMIN", "JK"),
    "birth_date": ("TANGGAL_LAHIR", "TGL_LAHIR"),
    "kabupaten": ("KABUPATEN_KOTA", "KABUPATEN", "KAB_KOTA"),
    "kecamatan": ("KECAMATAN",),
    "kelurahan": ("KELURAHAN_DESA", "KELURAHAN", "DESA"),
    "desil": ("DESIL",),
}
REFUSAL_SAMPLE = 500
COPY_BLOCK = 1 << 20


def refusal_reasons() -> dict[str, str]:
    return {
        "columns": _("Jumlah kolom pada baris ini tidak sama dengan header."),
        "id_dtks": _("ID DTKS kosong."),
        "nik": _("NIK harus 16 digit angka, berkode provinsi dan nomor urut yang sah."),
        "no_kk": _("No. KK harus 16 digit angka."),
        "name": _("NAMA kosong."),
        "sex": _("JENIS_KELAMIN harus L atau P."),
        "birth_date": _("TANGGAL_LAHIR bukan tanggal yang sah (YYYY-MM-DD atau DD/MM/YYYY)."),
        "desil": _("DESIL harus angka 1 sampai 10."),
        "kabupaten": _("KABUPATEN_KOTA bukan kabupaten/kota di Kalimantan Timur (64.xx)."),
        "duplicate": _("NIK sudah muncul di baris sebelumnya pada berkas yang sama."),
    }


class SnapshotFileError(ValueError):
    """The file as a whole cannot be loaded (no header, a required column missing)."""


@dataclass
class LoadResult:
    row_count: int = 0
    loaded_count: int = 0
    refused_count: int = 0
    refusals: list[dict] = field(default_factory=list)


def _normalise_header(value: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", value.strip().upper()).strip("_")


def map_header(header: list[str]) -> list[str]:
    """Staging column names in the file's order; unknown columns become ignored ``extra_n``."""
    wanted = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    names, seen = [], set()
    for i, raw in enumerate(header):
        name = wanted.get(_normalise_header(raw))
        if name is None or name in seen:
            name = f"extra_{i}"
        seen.add(name)
        names.append(name)
    missing = [COLUMNS[n][0] for n in COLUMNS if n not in seen]
    if missing:
        raise SnapshotFileError(_("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)})
    return names


DATES_TABLE = "verification_staging_dates"
RECORD_COLUMNS = ["id_dtks", "nik", "no_kk", "name", "sex", "birth_date", "kabupaten", "kecamatan", "kelurahan",
                  "desil"]


def partition_name(snapshot_id: int) -> str:
    return f"verification_registryrecord_s{int(snapshot_id)}"


def _create_dates_table(cursor) -> None:
    """Every valid birth date since 1900, keyed by both accepted spellings (YYYY-MM-DD, DD/MM/YYYY)."""
    cursor.execute(f"DROP TABLE IF EXISTS {DATES_TABLE}")
    cursor.execute(f"""
        CREATE TEMP TABLE {DATES_TABLE} AS
        SELECT k.text AS text
        FROM generate_series('1900-01-01'::date, current_date, interval '1 day') g,
             LATERAL (VALUES (to_char(g, 'YYYY-MM-DD')), (to_char(g, 'DD/MM/YYYY'))) AS k(text)
    """)
    cursor.execute(f"ALTER TABLE {DATES_TABLE} ADD PRIMARY KEY (text)")
    cursor.execute(f"ANALYZE {DATES_TABLE}")


def kabupaten_keys_sql() -> str:
    """A VALUES list of every way a file may name a Kaltim kabupaten/kota -> its dotted code."""
    keys = []
    for k in Kabupaten.objects.filter(code__startswith="64."):
        for key in {k.code, k.digits, k.name.upper(), k.short_name.upper()}:
            keys.append(f"('{key.replace(chr(39), chr(39) * 2)}', '{k.code}')")
    return "VALUES " + (", ".join(keys) or "(NULL, NULL)")


def _refusal_update(table: str) -> str:
    """One scan; only the refused rows are written. Cheap tests on the raw text (the NIK must be
    exactly 16 digits: it is the key the verification joins on); other columns are trimmed."""
    digits16 = "length({c}) = 16 AND ltrim({c}, '0123456789') = ''"
    return f"""
        UPDATE {table} r SET refusal = c.reason FROM (
          SELECT t.line,
            CASE
              WHEN coalesce(btrim(t.id_dtks), '') = '' THEN 'id_dtks'
              WHEN t.nik IS NULL OR NOT ({digits16.format(c="t.nik")}) OR left(t.nik, 2) = '00'
                   OR substr(t.nik, 3, 2) = '00' OR right(t.nik, 4) = '0000' THEN 'nik'
              WHEN t.no_kk IS NULL OR NOT ({digits16.format(c="btrim(t.no_kk)")}) THEN 'no_kk'
              WHEN coalesce(btrim(t.name), '') = '' THEN 'name'
              WHEN NOT (t.sex IN ('L', 'P') OR upper(btrim(t.sex)) IN ('L', 'P')) OR t.sex IS NULL THEN 'sex'
              WHEN d.text IS NULL AND NOT EXISTS (SELECT 1 FROM {DATES_TABLE} WHERE text = btrim(t.birth_date))
                THEN 'birth_date'
              WHEN NOT (t.desil IN ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10')
                        OR btrim(t.desil) IN ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10'))
                   OR t.desil IS NULL THEN 'desil'
              WHEN kab.code IS NULL AND NOT EXISTS (SELECT 1 FROM ({kabupaten_keys_sql()}) AS k(key, code)
                                                   WHERE key = upper(btrim(t.kabupaten))) THEN 'kabupaten'
            END AS reason
          FROM {table} t
          LEFT JOIN ({kabupaten_keys_sql()}) AS kab(key, code) ON kab.key = t.kabupaten
          LEFT JOIN {DATES_TABLE} d ON d.text = t.birth_date
          -- A row that is clean as written skips the detailed checks above.
          WHERE NOT coalesce(t.id_dtks <> '' AND length(t.nik) = 16 AND ltrim(t.nik, '0123456789') = ''
                             AND left(t.nik, 2) <> '00' AND substr(t.nik, 3, 2) <> '00' AND right(t.nik, 4) <> '0000'
                             AND length(t.no_kk) = 16 AND ltrim(t.no_kk, '0123456789') = '' AND t.name <> ''
                             AND t.sex IN ('L', 'P') AND d.text IS NOT NULL
                             AND t.desil IN ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10')
                             AND kab.code IS NOT NULL, false)
        ) c
        WHERE c.reason IS NOT NULL AND r.line = c.line
    """


def _copy_file(cursor, *, table: str, columns: list[str], fh, delimiter: str, size: int,
               on_progress: Callable[[int], None], strict: bool) -> tuple[int, list[dict]]:
    """COPY the rest of the open file into ``table``; returns (rows copied, rows refused for their shape).

    ``strict`` streams bytes as they are (fast); otherwise rows are parsed in Python and
    the ones with a wrong number of columns are refused with their line number.
    """
    cols = ", ".join(columns)
    refused = []
    copied = 0
    if strict:
        sql = f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, DELIMITER '{delimiter}')"
        with cursor.copy(sql) as copy:
            last = -1
            while block := fh.read(COPY_BLOCK):
                copy.write(block)
                pct = int(100 * fh.tell() / size) if size else 100
                if pct // 5 != last:
                    last = pct // 5
                    on_progress(pct)
        return cursor.rowcount, refused
    text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    with cursor.copy(f"COPY {table} (line, {cols}) FROM STDIN") as copy:
        for row in reader:
            line = 1 + reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                refused.append({"row": line, "reason": "columns"})
                continue
            copy.write_row([line, *(cell.replace("\x00", "") for cell in row)])
            copied += 1
            if copied % 50_000 == 0:
                on_progress(int(100 * text.buffer.tell() / size) if size else 100)
    text.detach()
    return copied, refused


def load_csv(*, snapshot_id: int, path: Path, on_progress: Callable[[int, str], None],
             on_loaded: Callable[[LoadResult], None]) -> LoadResult:
    """COPY a CSV extract into a new partition of the snapshot, check it, index it, attach it.

    ``on_loaded`` runs in the transaction that attaches the partition (mark the snapshot
    ready there), so a crash leaves either nothing or a complete snapshot.
    Progress: 0-70 % copying, 70-95 % checking and indexing.
    """
    table = partition_name(snapshot_id)
    size = path.stat().st_size
    with open(path, "rb") as fh:
        first = fh.readline().decode("utf-8-sig", errors="replace")
        if not first.strip():
            raise SnapshotFileError(_("Berkas kosong atau tanpa baris header."))
        delimiter = ";" if first.count(";") > first.count(",") else ","
        columns = map_header(next(csv.reader([first], delimiter=delimiter)))
        body_start = fh.tell()
        with connection.cursor() as django_cursor:
            cursor = django_cursor.cursor
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            # The file's unknown columns are dropped after the COPY (a dropped column costs nothing).
            extras = [c for c in columns if c.startswith("extra_")]
            cursor.execute(
                f"CREATE TABLE {table} (snapshot_id bigint NOT NULL DEFAULT {int(snapshot_id)} "
                f"CHECK (snapshot_id = {int(snapshot_id)}), "
                f"line bigint GENERATED BY DEFAULT AS IDENTITY (START 2) NOT NULL, "
                + ", ".join(f"{c} text" + (' COLLATE "C"' if c == "nik" else "") for c in RECORD_COLUMNS + extras)
                + ", refusal text)"
            )
            try:
                copy_progress = lambda pct: on_progress(int(pct * 0.7), _("Menyalin berkas ke basis data"))  # noqa: E731
                try:
                    with transaction.atomic():
                        copied, shape_refusals = _copy_file(
                            cursor, table=table, columns=columns, fh=fh, delimiter=delimiter, size=size,
                            on_progress=copy_progress, strict=True)
                except psycopg.DataError:
                    # A row with too many or too few columns, a blank line, bytes that are not
                    # UTF-8: go again row by row, refusing the bad ones by their line number.
                    fh.seek(body_start)
                    copied, shape_refusals = _copy_file(
                        cursor, table=table, columns=columns, fh=fh, delimiter=delimiter, size=size,
                        on_progress=copy_progress, strict=False)
                for extra in extras:
                    cursor.execute(f"ALTER TABLE {table} DROP COLUMN {extra}")
                on_progress(70, _("Memeriksa data"))
                result = _check_index_attach(cursor, snapshot_id=snapshot_id, table=table, copied=copied,
                                             shape_refusals=shape_refusals, on_progress=on_progress,
                                             on_loaded=on_loaded)
            except BaseException:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
                raise
            finally:
                cursor.execute(f"DROP TABLE IF EXISTS {DATES_TABLE}")
    return result


def _check_index_attach(cursor, *, snapshot_id: int, table: str, copied: int, shape_refusals: list[dict],
                        on_progress, on_loaded) -> LoadResult:
    _create_dates_table(cursor)
    cursor.execute("SET jit = off")  # compiling the checks costs more than it saves on a million rows
    cursor.execute(_refusal_update(table))
    cursor.execute("RESET jit")
    on_progress(80, _("Membuat indeks"))
    index = f"{table}_nik"
    cursor.execute("SET maintenance_work_mem = '256MB'")
    try:
        with transaction.atomic():
            cursor.execute(f"CREATE UNIQUE INDEX {index} ON {table} (nik) WHERE refusal IS NULL")
    except psycopg.errors.UniqueViolation:
        # The same NIK twice in the file: the first row stays, the later ones are refused.
        cursor.execute(f"""
            UPDATE {table} t SET refusal = 'duplicate' FROM (
              SELECT line, row_number() OVER (PARTITION BY nik ORDER BY line) AS n FROM {table}
              WHERE refusal IS NULL AND nik IN (
                SELECT nik FROM {table} WHERE refusal IS NULL GROUP BY nik HAVING count(*) > 1)
            ) d WHERE d.n > 1 AND t.line = d.line
        """)
        cursor.execute(f"CREATE UNIQUE INDEX {index} ON {table} (nik) WHERE refusal IS NULL")
    cursor.execute("RESET maintenance_work_mem")
    on_progress(95, _("Menyimpan snapshot"))
    cursor.execute(f"""
        SELECT line, refusal, count(*) OVER () FROM {table} WHERE refusal IS NOT NULL
        ORDER BY line LIMIT {REFUSAL_SAMPLE}
    """)
    rows = cursor.fetchall()
    invalid = rows[0][2] if rows else 0
    refusals = sorted(shape_refusals + [{"row": line, "reason": reason} for line, reason, _n in rows],
                      key=lambda r: r["row"])[:REFUSAL_SAMPLE]
    result = LoadResult(row_count=copied + len(shape_refusals), loaded_count=copied - invalid,
                        refused_count=invalid + len(shape_refusals), refusals=refusals)
    with transaction.atomic():
        cursor.execute(f"ALTER TABLE verification_registryrecord ATTACH PARTITION {table} "
                       f"FOR VALUES IN ({int(snapshot_id)})")
        on_loaded(result)
    cursor.execute(f"ANALYZE {table}")
    return result


def xlsx_to_csv(source: Path, target: Path) -> None:
    """A small XLSX extract, written as CSV for the same COPY path (dates as YYYY-MM-DD)."""
    import datetime as dt

    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(source))
    rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    with open(target, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for row in rows:
            cells = []
            for cell in row:
                if isinstance(cell, (dt.date, dt.datetime)):
                    cell = cell.strftime("%Y-%m-%d")
                elif isinstance(cell, float) and cell.is_integer():
                    cell = int(cell)
                cells.append("" if cell is None else str(cell))
            writer.writerow(cells)
