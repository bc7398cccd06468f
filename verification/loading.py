"""Loading a DTKS/DTSEN extract: COPY into a new partition, check set-based, index, attach.

A million rows is a normal province: the file is streamed to PostgreSQL as it is, never
parsed row by row in Python. The partition it is copied into is the final table, with
typed columns (NIK and KK as bigint, the birth date as a date, desil as smallint), so the
COPY itself parses and checks the values; what is left to check afterwards is a few integer
comparisons. The NIK index is built once at the end, on integers. If COPY meets a value it
cannot read (a NIK like 6.47E+15, 30 February, a short row), the file is copied again
around the bad rows, which are read in Python and refused with their line number: a bad row
is reported, never fatal to the rest.
"""

import csv
import datetime as dt
import functools
import io
import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.db import IntegrityError, OperationalError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.nik import number_sql
from regions.models import Kabupaten
from uep.files import FileRefused, read_xlsx

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
        "nik": _("NIK harus 16 digit angka, dengan kode provinsi, kabupaten/kota dan kecamatan yang ada dan nomor urut bukan 0000."),
        "no_kk": _("No. KK harus 16 digit angka."),
        "name": _("NAMA kosong."),
        "sex": _("JENIS_KELAMIN harus L atau P."),
        "birth_date": _("TANGGAL_LAHIR bukan tanggal yang sah (YYYY-MM-DD atau DD/MM/YYYY)."),
        "desil": _("DESIL harus angka 1 sampai 10."),
        "kabupaten": _("KABUPATEN_KOTA bukan kabupaten/kota yang dikenal (kode seperti 64.72, atau namanya)."),
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


# The partition's columns and types; COPY parses the typed ones (NIK and KK have no leading zero).
RECORD_TYPES = {"id_dtks": "text", "nik": "bigint", "no_kk": "bigint", "name": "text", "sex": "text",
                "birth_date": "date", "kabupaten": "text", "kecamatan": "text", "kelurahan": "text",
                "desil": "smallint"}
RECORD_COLUMNS = list(RECORD_TYPES)
NUMBER_16 = (10**15, 10**16 - 1)


def partition_name(snapshot_id: int) -> str:
    """The snapshot's partition of the registry, itself partitioned by province."""
    return f"verification_registryrecord_s{int(snapshot_id)}"


def province_partition_name(snapshot_id: int, province: int) -> str:
    """The table that holds the rows: one province's rows of one snapshot."""
    return f"{partition_name(snapshot_id)}_p{int(province)}"


def snapshot_tables_drop(cursor, snapshot_id: int) -> None:
    """The snapshot's tables, attached or not (a crash may leave a province's table alone), and the
    sequence a load numbers lines with."""
    for kinds, what in ((("r", "p"), "TABLE"), (("S",), "SEQUENCE")):
        cursor.execute(r"SELECT string_agg(quote_ident(relname), ', ') FROM pg_class WHERE relkind = ANY(%s) "
                       r"AND (relname = %s OR relname LIKE %s || '\_%%')",
                       [list(kinds), *[partition_name(snapshot_id)] * 2])
        names = cursor.fetchone()[0]
        if names:
            cursor.execute(f"DROP {what} IF EXISTS {names}")


def snapshot_bytes(cursor, snapshot_id: int) -> int:
    """Disk used by the snapshot's rows and index, over its province tables."""
    cursor.execute("SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree(to_regclass(%s))",
                   [partition_name(snapshot_id)])
    return int(cursor.fetchone()[0])


def province_of(code: str) -> int:
    """The province of a region code (kabupaten "64.72", kecamatan, or a NIK): its first two digits."""
    return int(code[:2])


def kabupaten_keys(provinces=None) -> dict[str, str]:
    """Every way a file may name a kabupaten/kota known in the regions tables (code, digits, name,
    short name) -> its code; of some provinces only, if given. A name two provinces share names neither
    (the code still does)."""
    kabupaten = Kabupaten.objects.all()
    if provinces is not None:
        kabupaten = kabupaten.filter(code__regex=rf"^({'|'.join(f'{int(p):02d}' for p in provinces) or 'none'})\.")
    keys, ambiguous = {}, set()
    for k in kabupaten.only("code", "name"):
        for key in {k.code, k.digits, k.name.upper(), k.short_name.upper()}:
            if keys.setdefault(key, k.code) != k.code and province_of(keys[key]) != province_of(k.code):
                ambiguous.add(key)
    return {key: code for key, code in keys.items() if key not in ambiguous}


def kabupaten_keys_sql(provinces=None) -> str:
    """The same keys as a VALUES list, for joins inside a larger statement."""
    pairs = [f"('{key.replace(chr(39), chr(39) * 2)}', '{code}')" for key, code in kabupaten_keys(provinces).items()]
    return "VALUES " + (", ".join(pairs) or "(NULL, NULL)")


# Rows not yet refused that fail a check, with the first reason (the order of refusal_reasons()).
# The cheap test in WHERE lets a clean row of the table's province through without evaluating the
# CASE; it may send a clean row to the CASE (a name starting with a space), never a bad one past it
# (ascii() of the first character instead of btrim(), which copies the text: 0.6 s of CPU less per
# 4,000,000 rows). A clean row of another province is "elsewhere": those are counted per kabupaten key, not
# returned one by one (in a file of eight provinces, seven eighths of the rows).
CHECK_SQL = """
SELECT CASE WHEN reason = 'elsewhere' THEN NULL ELSE line END, reason,
       CASE WHEN reason = 'elsewhere' THEN upper(btrim(kabupaten)) END, count(*)
FROM (
  SELECT line, kabupaten, CASE
      WHEN coalesce(btrim(id_dtks), '') = '' THEN 'id_dtks'
      WHEN nik IS NULL OR NOT {nik_valid} THEN 'nik'
      WHEN no_kk IS NULL OR no_kk NOT BETWEEN %(lo)s AND %(hi)s THEN 'no_kk'
      WHEN coalesce(btrim(name), '') = '' THEN 'name'
      WHEN sex IS NULL OR upper(btrim(sex)) NOT IN ('L', 'P') THEN 'sex'
      WHEN birth_date IS NULL OR birth_date NOT BETWEEN '1900-01-01' AND %(today)s THEN 'birth_date'
      WHEN desil IS NULL OR desil NOT BETWEEN 1 AND 10 THEN 'desil'
      WHEN kabupaten IS NULL OR NOT upper(btrim(kabupaten)) = ANY(%(keys)s) THEN 'kabupaten'
      WHEN NOT upper(btrim(kabupaten)) = ANY(%(here)s) THEN 'elsewhere'
    END AS reason
  FROM {table}
  WHERE refusal IS NULL AND NOT coalesce(
    ascii(id_dtks) NOT IN (0, 32) AND {nik_valid} AND no_kk BETWEEN %(lo)s AND %(hi)s AND ascii(name) NOT IN (0, 32)
    AND sex IN ('L', 'P') AND birth_date BETWEEN '1900-01-01' AND %(today)s AND desil BETWEEN 1 AND 10
    AND kabupaten = ANY(%(here)s), false)
) c WHERE reason IS NOT NULL
GROUP BY 1, 2, 3
"""


def _refuse(cursor, table: str, lines: list[int], reasons: list[str]) -> None:
    cursor.execute(f"UPDATE {table} t SET refusal = v.reason FROM unnest(%s::bigint[], %s::text[]) v(line, reason) "
                   f"WHERE t.line = v.line", [lines, reasons])


def _read_number(cell: str, digits: int = 18) -> int | None:
    cell = cell.strip()
    return int(cell) if cell.isascii() and cell.isdigit() and len(cell) <= digits else None


def _read_date(cell: str) -> dt.date | None:
    """YYYY-MM-DD or DD/MM/YYYY, as COPY reads them with datestyle ISO, DMY."""
    cell = cell.strip()
    try:
        if len(cell) == 10 and cell[4] == "-" and cell[7] == "-":
            return dt.date(int(cell[:4]), int(cell[5:7]), int(cell[8:]))
        if len(cell) == 10 and cell[2] == "/" and cell[5] == "/":
            return dt.date(int(cell[6:]), int(cell[3:5]), int(cell[:2]))
    except ValueError:
        pass
    return None


# How a row read in Python (one COPY could not read) reads each typed column; a cell that
# cannot be read refuses the row for that column.
READERS = {"nik": _read_number, "no_kk": _read_number, "birth_date": _read_date,
           "desil": lambda cell: _read_number(cell, digits=4)}


def _typed_reader(columns: list[str]) -> Callable[[list[str]], tuple[list, str | None]]:
    """A function: a row's cells -> its values for COPY and, if a typed cell cannot be read, the reason."""
    typed = [(i, name, READERS[name]) for i, name in enumerate(columns) if name in READERS]

    def read(row: list[str]) -> tuple[list, str | None]:
        values, refusal = [cell.replace("\x00", "") for cell in row], None
        for i, name, reader in typed:
            blank = not values[i] or values[i].isspace()
            value = None if blank else reader(values[i])
            if value is None and not blank and refusal is None:
                refusal = name
            values[i] = value
        return values, refusal

    return read


@dataclass
class Copied:
    rows: int = 0
    shape_refusals: list[dict] = field(default_factory=list)  # refused for their shape, not copied
    unreadable: list[tuple] = field(default_factory=list)  # (line, reason) of rows copied with a refusal


class QuotedLineBreaks:
    """Watches the file's body go by a block at a time: a line with an odd number of quotes opens a
    value that goes on to the next line, and then records are not lines (RecordsSpanLines: the
    caller reads the file in Python). A block without a quote costs one search, in C."""

    def __init__(self):
        self.odd_quotes = False  # quote parity of the line still open

    def check(self, data: bytes) -> None:
        if b'"' not in data:
            if self.odd_quotes and b"\n" in data:
                raise RecordsSpanLines
            return
        *lines, rest = data.split(b"\n")
        for line in lines:
            if self.odd_quotes ^ (line.count(b'"') % 2):
                raise RecordsSpanLines
            self.odd_quotes = False
        self.odd_quotes ^= bool(rest.count(b'"') % 2)


def line_sequence(table: str) -> str:
    return f"{table}_line"


def _copy_bytes(cursor, *, table: str, columns: list[str], fh, delimiter: str, first_line: int,
                end: int | None = None, freeze: bool = False, on_progress: Callable[[int], None] | None = None,
                size: int = 0, watch: Callable[[bytes], None] | None = None) -> int:
    """Stream the file from where it stands up to byte ``end`` (or its end) to COPY, as it is; the
    record there is line ``first_line``.

    The line numbers come from the table's sequence (the ``line`` column is an identity while the
    file is copied), set here to ``first_line``: its 100,000 cached values make it a counter in the
    server's memory. Writing the numbers into the stream in Python (a split and a join per block)
    cost about 0.3 s of Python per 1,000,000 rows, and the sequence with the default cache of 1
    cost a quarter of the COPY; this costs neither (README, "The registry at a province's size")."""
    cursor.execute("SELECT setval(%s, %s, false)", [line_sequence(table), first_line])
    options = f"FORMAT csv, DELIMITER '{delimiter}'" + (", FREEZE true" if freeze else "")
    quotes = QuotedLineBreaks()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH ({options})") as copy:
        last = -1
        while block := fh.read(COPY_BLOCK if end is None else min(COPY_BLOCK, end - fh.tell())):
            quotes.check(block)
            if watch:
                watch(block)
            copy.write(block)
            pct = int(100 * fh.tell() / size) if size else 100
            if on_progress and pct // 5 != last:
                last = pct // 5
                on_progress(pct)
    return cursor.rowcount


def _copy_rows(cursor, *, table: str, columns: list[str], rows, copied: Copied) -> None:
    """COPY (line, cells) pairs read in Python: a row of the wrong width is refused, not copied;
    a row with a value that cannot be read is copied with its refusal."""
    typed_row = _typed_reader(columns)
    with cursor.copy(f"COPY {table} (line, {', '.join(columns)}, refusal) FROM STDIN") as copy:
        for line, row in rows:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                copied.shape_refusals.append({"row": line, "reason": "columns"})
                continue
            values, refusal = typed_row(row)
            copy.write_row([line, *values, refusal])
            copied.rows += 1
            if refusal:
                copied.unreadable.append((line, refusal))


class RecordsSpanLines(Exception):
    """A quoted value holds a line break: records are not lines, and cannot be found by newlines."""


class RecordOffsets:
    """The byte offset where each record (line) of the file's body starts, found forward only by
    counting newlines a block at a time (a million lines in about 0.1 s)."""

    def __init__(self, fh, body_start: int):
        self.fh = fh
        self.record, self.offset = 0, body_start  # record ``record`` starts at byte ``offset``
        self.scanned, self.quotes = body_start, QuotedLineBreaks()  # read up to here

    def __call__(self, record: int) -> int:
        while self.record < record:
            self.fh.seek(self.scanned)
            block = self.fh.read(COPY_BLOCK)
            if not block:
                return self.scanned  # past the last record: the end of the file
            newlines = block.count(b"\n")
            if self.record + newlines < record:  # the whole block: one call into C
                self.quotes.check(block)
                self.record += newlines
                if newlines:
                    self.offset = self.scanned + block.rindex(b"\n") + 1
                self.scanned += len(block)
                continue
            position = 0
            while self.record < record:
                position = block.index(b"\n", position) + 1
                self.record += 1
            self.quotes.check(block[:position])
            self.offset = self.scanned = self.scanned + position
        return self.offset


FAILED_RECORD = re.compile(r"\bline (\d+)")
# Past this many unreadable records the rest of the file is read in Python: each one costs a COPY.
MAX_COPY_RETRIES = 50


def failed_record(exc: psycopg.DataError) -> int | None:
    """The number (from 1) of the record a COPY failed on, as PostgreSQL names it."""
    found = FAILED_RECORD.search(exc.diag.context or "")
    return int(found.group(1)) if found else None


def _copy_around_bad_rows(cursor, *, table: str, columns: list[str], fh, delimiter: str, size: int,
                          on_progress: Callable[[int], None], first_bad: int | None) -> Copied:
    """COPY the file's body, refusing only the records COPY cannot read.

    When COPY fails, PostgreSQL names the record (``first_bad``, counted from 0, is the one
    the first attempt failed on): the records before it are copied again, that one is read in
    Python (refused, or cleaned of a stray byte) and COPY goes on after it. A few bad rows in
    a million so cost about one more COPY, not a Python pass over every row. Raises
    RecordsSpanLines when a quoted value holds a line break: the caller then reads it all in Python.
    """
    copied = Copied()
    start, start_offset, bad = 0, fh.tell(), first_bad
    offset_of = RecordOffsets(fh, start_offset)

    def copy_records(first: int, first_offset: int, end: int | None) -> None:
        # Line numbers follow the file (header = line 1) however many COPYs it takes.
        fh.seek(first_offset)
        copied.rows += _copy_bytes(cursor, table=table, columns=columns, fh=fh, delimiter=delimiter, end=end,
                                   first_line=first + 2,
                                   on_progress=on_progress, size=size)

    for _attempt in range(MAX_COPY_RETRIES):
        if bad is None:
            try:
                with transaction.atomic():
                    copy_records(start, start_offset, None)
                return copied
            except psycopg.DataError as exc:
                number = failed_record(exc)
                if number is None:
                    raise
                bad = start + number - 1
        bad_offset, next_offset = offset_of(bad), offset_of(bad + 1)
        if bad > start:
            with transaction.atomic():
                copy_records(start, start_offset, bad_offset)
        fh.seek(bad_offset)
        raw = fh.read(next_offset - bad_offset)
        _copy_rows(cursor, table=table, columns=columns, copied=copied,
                   rows=_python_rows(io.BytesIO(raw), delimiter, first_line=bad + 2))
        start, start_offset, bad = bad + 1, next_offset, None
    fh.seek(start_offset)
    _copy_rows(cursor, table=table, columns=columns, rows=_python_rows(fh, delimiter, first_line=start + 2),
               copied=copied)
    return copied


def _python_rows(fh, delimiter: str, *, first_line: int):
    """(line, cells) of the binary file from where it stands; bytes that are not UTF-8 are replaced.

    A line is a record, as COPY counts them and as a spreadsheet numbers its rows, even when a
    quoted value holds a line break."""
    text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
    for n, row in enumerate(csv.reader(text, delimiter=delimiter)):
        yield first_line + n, row
    text.detach()


def _create_partition(cursor, *, table: str, snapshot_id: int, province: int, extras: list[str],
                      numbered: bool = False, lines: tuple[int, int | None] | None = None) -> None:
    # The file's unknown columns are dropped after the COPY (a dropped column costs nothing).
    # Created in the COPY's own transaction, so that COPY FREEZE writes the rows already
    # frozen and the checks, the index and ANALYZE do not dirty every page again.
    # The transaction's COPYs read both spellings of a date in the contract: YYYY-MM-DD and DD/MM/YYYY.
    cursor.execute("SET LOCAL datestyle = 'ISO, DMY'")
    # The CHECKs prove the bounds when the table is attached, so neither attach scans it.
    # ``numbered``: the line numbers of the rows COPY reads come from an identity column's sequence
    # (``_copy_bytes``); an identity, not a nextval() default, because nextval() checks the
    # caller's privileges on every row (0.2 s of the COPY's 5 s at 4,000,000 rows).
    # ``lines``: the half of the file a leaf holds, [first, end), so that attaching it under the
    # province's table (partitioned by line) proves its bounds without a scan.
    line = "line bigint NOT NULL"
    if numbered:
        line += f" GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME {line_sequence(table)} CACHE 100000)"
    if lines:
        line += f" CHECK (line >= {int(lines[0])}" + (f" AND line < {int(lines[1])})" if lines[1] else ")")
    cursor.execute(
        f"CREATE TABLE {table} (snapshot_id bigint NOT NULL DEFAULT {int(snapshot_id)} "
        f"CHECK (snapshot_id = {int(snapshot_id)}), "
        f"{line}, "
        + ", ".join(f"{c} {RECORD_TYPES.get(c, 'text')}" for c in RECORD_COLUMNS + extras)
        + f", refusal text, province smallint NOT NULL DEFAULT {int(province)} CHECK (province = {int(province)}))"
    )


def _first_province(fh, *, delimiter: str, columns: list[str], keys: dict[str, str]) -> int:
    """The province of the first row (in the file's first 64 KB) whose kabupaten/kota is known: the
    table the file is COPYed into. A file of one province (the usual extract) then goes straight to
    its province's table; a guess that a mixed file proves wrong costs a routing pass, never a row."""
    start = fh.tell()
    sample = fh.read(1 << 16)
    fh.seek(start)
    column = columns.index("kabupaten")
    for _line, row in _python_rows(io.BytesIO(sample), delimiter, first_line=2):
        code = keys.get(row[column].strip().upper()) if len(row) == len(columns) else None
        if code:
            return province_of(code)
    return min((province_of(code) for code in keys.values()), default=0)


class ProvinceWatch:
    """The provinces of the file, sampled as it is copied: the last whole line of each 1 MB block
    is read (a few thousand lines in a province's file, not a cost per row). A file sorted by region,
    as extracts come, shows each of its provinces; a straggler the sample misses is found by the check."""

    def __init__(self, *, columns: list[str], delimiter: str, keys: dict[str, str]):
        self.column, self.width, self.delimiter, self.keys = columns.index("kabupaten"), len(columns), delimiter, keys
        self.seen: set[int] = set()

    def __call__(self, block: bytes) -> None:
        end = block.rfind(b"\n")
        line = block[block.rfind(b"\n", 0, max(end, 0)) + 1:end]
        row = next(csv.reader([line.decode("utf-8", errors="replace")], delimiter=self.delimiter), [])
        code = self.keys.get(row[self.column].strip().upper()) if len(row) == self.width else None
        if code:
            self.seen.add(province_of(code))


# A body larger than this is COPYed as two halves at once. The typed COPY (three quarters of a load) is
# CPU-bound in its one backend: two streams, each on its own connection, use both cores.
SPLIT_BYTES = 64 << 20


class CopyAbandoned(Exception):
    """The other half failed: this one stops at its next block (the file is copied again in one stream)."""


def _middle(fh, *, body_start: int, size: int) -> tuple[int, int] | None:
    """Where the body's second half starts (the line after its middle byte) and that line's number:
    the first half's records counted as newlines, 1 MB at a time in C (0.13 s for 220 MB). None if
    there is no second half. A quoted line break (records are not lines) is found by the halves' COPY."""
    fh.seek((body_start + size) // 2 - 1)
    fh.readline()
    offset, records = fh.tell(), 0
    if offset >= size:
        return None
    fh.seek(body_start)
    while fh.tell() < offset:
        records += fh.read(min(COPY_BLOCK, offset - fh.tell())).count(b"\n")
    return offset, records + 2


class HalfCopy(threading.Thread):
    """One half of the body COPYed FREEZE into a leaf table of its own, on a connection of its own and in
    a transaction of its own, which creates the table (for FREEZE) and commits it, finished (the file's
    unknown columns and the line numbers' sequence dropped). A failure sets ``abandon``: the other half stops."""

    def __init__(self, *, path: Path, start: int, end: int | None, lines: tuple[int, int | None], table: str,
                 create: Callable, columns: list[str], extras: list[str], delimiter: str,
                 watch: Callable[[bytes], None], abandon: threading.Event):
        super().__init__(daemon=True)
        self.path, self.start_at, self.end, self.lines, self.table = path, start, end, lines, table
        self.create, self.columns, self.extras, self.delimiter = create, columns, extras, delimiter
        self.province_watch, self.abandon = watch, abandon
        self.rows, self.pct, self.error = 0, 0, None

    def watch(self, block: bytes) -> None:
        if self.abandon.is_set():
            raise CopyAbandoned
        self.province_watch(block)  # a set's add: safe from both halves

    def progress(self, pct: int) -> None:  # read by the loading thread, which reports it
        self.pct = pct

    def run(self) -> None:
        db = connections.create_connection("default")
        try:
            db.ensure_connection()
            with open(self.path, "rb") as fh, db.connection.transaction(), db.connection.cursor() as cursor:
                self.create(cursor, table=self.table, numbered=True, lines=self.lines)
                fh.seek(self.start_at)
                self.rows = _copy_bytes(cursor, table=self.table, columns=self.columns, fh=fh,
                                        delimiter=self.delimiter, first_line=self.lines[0], end=self.end,
                                        freeze=True, on_progress=self.progress, size=self.end or 0,
                                        watch=self.watch)
                _copied(cursor, table=self.table, extras=self.extras)
        except BaseException as exc:  # noqa: BLE001 - judged by the loading thread
            self.error = exc
            self.abandon.set()
        finally:
            db.close()


def _copy_in_halves(cursor, *, path: Path, table: str, middle: tuple[int, int], body_start: int, create: Callable,
                    columns: list[str], extras: list[str], delimiter: str, watch: Callable[[bytes], None],
                    on_progress: Callable[[int], None]) -> tuple[Copied, list[str]] | None:
    """COPY the body's two halves at once into ``<table>_h1`` and ``_h2``, then make ``table`` partitioned
    by line with both attached (their CHECKs prove the bounds). Returns the copy and the leaves; None if a
    half met a bad file (a value COPY cannot read, a quoted line break): both are gone, and the caller
    copies the file again in one stream, which knows how to refuse bad rows by their line."""
    offset, middle_line = middle
    abandon = threading.Event()
    halves = [HalfCopy(path=path, start=body_start, end=offset, lines=(2, middle_line), table=f"{table}_h1",
                       create=create, columns=columns, extras=extras, delimiter=delimiter, watch=watch,
                       abandon=abandon),
              HalfCopy(path=path, start=offset, end=None, lines=(middle_line, None), table=f"{table}_h2",
                       create=create, columns=columns, extras=extras, delimiter=delimiter, watch=watch,
                       abandon=abandon)]
    try:
        for half in halves:
            half.start()
        # Progress is the first half's, reported from this thread: the callback's connection is not
        # thread-safe. The halves take about as long as each other.
        last = -1
        while halves[0].is_alive():
            halves[0].join(0.2)
            if halves[0].pct // 5 != last // 5:
                last = halves[0].pct
                on_progress(last)
    except BaseException:
        abandon.set()  # interrupted here: neither half may commit a table after the caller's cleanup
        raise
    finally:
        for half in halves:
            if half.ident is not None:
                half.join()
    errors = [half.error for half in halves if half.error is not None]
    if errors:
        if all(isinstance(e, (psycopg.DataError, RecordsSpanLines, CopyAbandoned)) for e in errors):
            for half in halves:
                cursor.execute(f"DROP TABLE IF EXISTS {half.table}")
            return None
        raise next(e for e in errors if not isinstance(e, CopyAbandoned))
    with transaction.atomic():
        cursor.execute(f"CREATE TABLE {table} (LIKE verification_registryrecord) PARTITION BY RANGE (line)")
        cursor.execute(f"ALTER TABLE {table} ATTACH PARTITION {halves[0].table} "
                       f"FOR VALUES FROM (MINVALUE) TO ({middle_line})")
        cursor.execute(f"ALTER TABLE {table} ATTACH PARTITION {halves[1].table} "
                       f"FOR VALUES FROM ({middle_line}) TO (MAXVALUE)")
    return Copied(rows=sum(half.rows for half in halves)), [half.table for half in halves]


def _copied(cursor, *, table: str, extras: list[str]) -> None:
    """After the COPY: the file's unknown columns and the line numbers' sequence go."""
    for extra in extras:
        cursor.execute(f"ALTER TABLE {table} DROP COLUMN {extra}")
    cursor.execute(f"ALTER TABLE {table} ALTER COLUMN line DROP IDENTITY")  # and its sequence


def load_csv(*, snapshot_id: int, path: Path, on_progress: Callable[[int, str], None],
             on_loaded: Callable[[LoadResult], None]) -> LoadResult:
    """COPY a CSV extract into a new partition of the snapshot, check it, index it, attach it.

    The rows go to their province's table of the snapshot (``..._s<snapshot>_p<province>``); a file
    mixing provinces is COPYed whole first, then routed (``_route_by_province``).
    ``on_loaded`` runs in the transaction that attaches the partition (mark the snapshot
    ready there), so a crash leaves either nothing or a complete snapshot.
    Progress: 0-70 % copying, 70-95 % checking and indexing.
    """
    size = path.stat().st_size
    keys = kabupaten_keys()
    with open(path, "rb") as fh:
        first = fh.readline().decode("utf-8-sig", errors="replace")
        if not first.strip():
            raise SnapshotFileError(_("Berkas kosong atau tanpa baris header."))
        delimiter = ";" if first.count(";") > first.count(",") else ","
        columns = map_header(next(csv.reader([first], delimiter=delimiter)))
        extras = [c for c in columns if c.startswith("extra_")]
        body_start = fh.tell()
        province = _first_province(fh, delimiter=delimiter, columns=columns, keys=keys)
        table = province_partition_name(snapshot_id, province)
        watch = ProvinceWatch(columns=columns, delimiter=delimiter, keys=keys)
        copy_progress = lambda pct: on_progress(int(pct * 0.7), _("Menyalin berkas ke basis data"))  # noqa: E731

        create_table = functools.partial(_create_partition, snapshot_id=snapshot_id, province=province, extras=extras)

        def create() -> None:
            create_table(cursor, table=table, numbered=True)

        # Two streams for a big file; not inside a transaction (the halves commit their tables on
        # connections of their own, which could not see a table this one has not committed).
        middle = None
        if size - body_start > SPLIT_BYTES and not connection.in_atomic_block:
            middle = _middle(fh, body_start=body_start, size=size)
        with connection.cursor() as django_cursor:
            cursor = django_cursor.cursor
            snapshot_tables_drop(cursor, snapshot_id)
            try:
                halves = middle and _copy_in_halves(
                    cursor, path=path, table=table, middle=middle, body_start=body_start, create=create_table,
                    columns=columns, extras=extras, delimiter=delimiter, watch=watch, on_progress=copy_progress)
                if halves:
                    copied, leaves = halves
                else:
                    fh.seek(body_start)
                    copied, leaves = _copy_one_stream(cursor, create=create, table=table, columns=columns, fh=fh,
                                                      delimiter=delimiter, size=size, body_start=body_start,
                                                      on_progress=copy_progress, watch=watch), [table]
                    _copied(cursor, table=table, extras=extras)
                on_progress(70, _("Memeriksa data"))
                result = _check_index_attach(cursor, snapshot_id=snapshot_id, table=table, leaves=leaves,
                                             province=province, keys=keys, copied=copied,
                                             mixed=bool(watch.seen - {province}), on_progress=on_progress,
                                             on_loaded=on_loaded)
            except BaseException:
                snapshot_tables_drop(cursor, snapshot_id)
                raise
    return result


def _copy_one_stream(cursor, *, create: Callable[[], None], table: str, columns: list[str], fh, delimiter: str,
                     size: int, body_start: int, on_progress: Callable[[int], None], watch) -> Copied:
    """The file in one COPY (a small file, or a big one a half of which COPY could not read)."""
    try:
        with transaction.atomic():
            create()
            return Copied(rows=_copy_bytes(cursor, table=table, columns=columns, fh=fh, delimiter=delimiter,
                                           first_line=2, freeze=True, on_progress=on_progress, size=size,
                                           watch=watch))
    except (psycopg.DataError, RecordsSpanLines) as exc:
        # A value COPY cannot read, a row with too many or too few columns, a blank
        # line, bytes that are not UTF-8: copy again around the bad rows, refusing them.
        first_bad = failed_record(exc) if isinstance(exc, psycopg.DataError) else None
        try:
            if isinstance(exc, RecordsSpanLines):
                raise exc
            fh.seek(body_start)
            with transaction.atomic():
                create()
                return _copy_around_bad_rows(
                    cursor, table=table, columns=columns, fh=fh, delimiter=delimiter, size=size,
                    on_progress=on_progress, first_bad=None if first_bad is None else first_bad - 1)
        except RecordsSpanLines:
            fh.seek(body_start)
            with transaction.atomic():
                create()
                copied = Copied()
                _copy_rows(cursor, table=table, columns=columns, copied=copied,
                           rows=_python_rows(fh, delimiter, first_line=2))
                return copied


def _check(cursor, *, table: str, province: int, keys: dict[str, str]) -> tuple[list[tuple], set[int]]:
    """The rows refused by the checks, (line, reason), and the other provinces the file holds rows of."""
    cursor.execute("SET jit = off")  # compiling the checks costs more than it saves on a million rows
    cursor.execute(CHECK_SQL.format(table=table, nik_valid=number_sql("nik", integer=True)),
                   {"lo": NUMBER_16[0], "hi": NUMBER_16[1], "keys": list(keys),
                    "here": [key for key, code in keys.items() if province_of(code) == province],
                    "today": timezone.localdate()})  # a constant: current_date is evaluated on every row
    rows = cursor.fetchall()
    cursor.execute("RESET jit")
    failed = [(line, reason) for line, reason, _key, _n in rows if reason != "elsewhere"]
    return failed, {province_of(keys[key]) for _l, reason, key, _n in rows if reason == "elsewhere"}


def _route_by_province(cursor, *, snapshot_id: int, table: str, province: int,
                       keys: dict[str, str]) -> dict[int, str]:
    """A file of several provinces, COPYed whole into the first row's province table: its rows are
    routed to one table per province by a single INSERT into the snapshot's table (PostgreSQL
    routes each row by its province), then the COPY's table is dropped. Measured against the
    other ways in the README ("By snapshot, then by province"). A refused row whose kabupaten/kota
    is unknown stays with the first province. Returns province -> table."""
    staging = f"{partition_name(snapshot_id)}_load"
    snapshot_table = partition_name(snapshot_id)
    # The spellings of the kabupaten/kota there are (a scan with a handful of groups), each to its
    # province: the routing then joins on the value as it is, with no function per row.
    cursor.execute(f"SELECT DISTINCT kabupaten FROM {table} WHERE kabupaten IS NOT NULL")
    spellings = {value: province_of(keys[value.strip().upper()]) for (value,) in cursor.fetchall()
                 if value.strip().upper() in keys}
    tables = {p: province_partition_name(snapshot_id, p) for p in sorted(set(spellings.values()) | {province})}
    columns = ", ".join(["snapshot_id", "line", *RECORD_COLUMNS, "refusal"])
    pairs = ", ".join(f"('{value.replace(chr(39), chr(39) * 2)}', {p})"
                      for value, p in spellings.items()) or "(NULL, NULL)"
    with transaction.atomic():
        cursor.execute(f"ALTER TABLE {table} RENAME TO {staging}")
        cursor.execute(f"CREATE TABLE {snapshot_table} (LIKE verification_registryrecord) PARTITION BY LIST (province)")
        for p, name in tables.items():
            _create_partition(cursor, table=name, snapshot_id=snapshot_id, province=p, extras=[])
            cursor.execute(f"ALTER TABLE {snapshot_table} ATTACH PARTITION {name} FOR VALUES IN ({p})")
        cursor.execute(f"INSERT INTO {snapshot_table} ({columns}, province) "
                       f"SELECT {', '.join(f's.{c}' for c in columns.split(', '))}, coalesce(k.province, {province}) "
                       f"FROM {staging} s LEFT JOIN (VALUES {pairs}) k(key, province) "
                       f"ON k.key = s.kabupaten")
        cursor.execute(f"DROP TABLE {staging}")
    return tables


def _index(cursor, table: str) -> list[tuple]:
    """The unique NIK index of a province table; the later rows of a NIK twice are refused, returned."""
    index = f"{table}_nik"
    cursor.execute(f"DROP INDEX IF EXISTS {index}")  # built beside the check, before a refusal it missed
    cursor.execute("SET maintenance_work_mem = '256MB'")
    refused = []
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
            RETURNING t.line, t.refusal
        """)
        refused = cursor.fetchall()
        cursor.execute(f"CREATE UNIQUE INDEX {index} ON {table} (nik) WHERE refusal IS NULL")
    cursor.execute("RESET maintenance_work_mem")
    return refused


class IndexBeside(threading.Thread):
    """The NIK index built on a second connection while this one checks the rows: the check is
    CPU in expressions, the build a sort and writes, and side by side they take less than one after
    the other. It covers the rows the check will refuse too (each was still unrefused): if that
    makes a NIK twice, ``built`` stays False and the index is built again after the refusals. Only
    outside a transaction (a second connection cannot see a table not committed)."""

    def __init__(self, table: str):
        super().__init__(daemon=True)
        self.table, self.built, self.error, self.pid = table, False, None, None

    def run(self) -> None:
        db = connections.create_connection("default")
        try:
            with db.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
                cursor.execute("SET maintenance_work_mem = '256MB'")
                cursor.execute(f"CREATE UNIQUE INDEX {self.table}_nik ON {self.table} (nik) WHERE refusal IS NULL")
            self.built = True
        except (IntegrityError, OperationalError):  # a NIK twice; cancelled (the file mixes provinces)
            pass
        except BaseException as exc:  # noqa: BLE001 - raised again by the loading thread
            self.error = exc
        finally:
            db.close()

    def finish(self, *, cancel: bool = False) -> bool:
        if cancel and self.pid is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_cancel_backend(%s)", [self.pid])
        self.join()
        if self.error is not None:
            raise self.error
        return self.built and not cancel


def _duplicates_across(cursor, first: str, second: str) -> list[tuple]:
    """A NIK unrefused in both halves of a file: the second half's row is the later one, refused (as
    ``_index`` refuses the later rows within a table); returned. Each half's own duplicates are refused
    already, so afterwards a NIK is at most once among the unrefused rows of the two.
    The NIKs of both are found by a merge of the two NIK indexes, read without the table (0.33 s at
    2 x 2,000,000 rows); the tables have no statistics yet, and one UPDATE ... FROM as the planner
    took it without them took 1.9-2.8 s. The rows are then refused through the index (a duplicate is rare)."""
    cursor.execute("SET jit = off")
    cursor.execute("SET enable_hashjoin = off")
    cursor.execute("SET enable_nestloop = off")
    try:
        cursor.execute(f"SELECT s.nik FROM {second} s JOIN {first} f ON f.nik = s.nik "
                       f"WHERE s.refusal IS NULL AND f.refusal IS NULL")
        niks = [nik for (nik,) in cursor.fetchall()]
    finally:
        for setting in ("jit", "enable_hashjoin", "enable_nestloop"):
            cursor.execute(f"RESET {setting}")
    if not niks:
        return []
    cursor.execute(f"UPDATE {second} SET refusal = 'duplicate' WHERE nik = ANY(%s) AND refusal IS NULL "
                   f"RETURNING line, refusal", [niks])
    return cursor.fetchall()


def _check_index_attach(cursor, *, snapshot_id: int, table: str, leaves: list[str], province: int,
                        keys: dict[str, str], copied: Copied, mixed: bool, on_progress, on_loaded) -> LoadResult:
    """``mixed``: the copy saw rows of other provinces, so they are routed first and each province's
    table checked; else the one table is checked (and routed after all if the check finds a straggler).
    ``leaves``: the tables the rows were copied into, ``table`` itself or its two halves; each has its
    NIK index (an index unique on NIK alone cannot be on a table partitioned by line)."""
    refused = list(copied.unreadable)  # (line, reason); the checks add theirs
    tables, built = {province: table}, set()
    if mixed:
        on_progress(72, _("Membagi data per provinsi"))
        tables = _route_by_province(cursor, snapshot_id=snapshot_id, table=table, province=province, keys=keys)
    # A thread per leaf: the two halves' indexes side by side beside the check took 1.95 s at 4,000,000
    # rows, one after the other on one connection 1.44 s of check and 0.8 s more of waiting.
    beside = [] if connection.in_atomic_block or mixed else [IndexBeside(leaf) for leaf in leaves]
    for thread in beside:
        thread.start()
    for here, name in tables.items():
        failed, elsewhere = _check(cursor, table=name, province=here, keys=keys)
        built = {thread.table for thread in beside if thread.finish(cancel=bool(elsewhere))}
        if failed:
            _refuse(cursor, name, [line for line, _r in failed], [reason for _l, reason in failed])
            refused += failed
    routed = mixed or bool(elsewhere)
    if elsewhere and not mixed:  # rows of another province the copy's sample missed
        on_progress(75, _("Membagi data per provinsi"))
        tables = _route_by_province(cursor, snapshot_id=snapshot_id, table=table, province=province, keys=keys)
    on_progress(80, _("Membuat indeks"))
    for name in list(tables.values()) if routed else leaves:  # routed: the halves are gone
        if name not in built:
            refused += _index(cursor, name)
    if not routed and len(leaves) == 2:
        refused += _duplicates_across(cursor, *leaves)
    on_progress(95, _("Menyimpan snapshot"))
    shape_refusals = copied.shape_refusals
    refusals = sorted(shape_refusals + [{"row": line, "reason": reason} for line, reason in refused],
                      key=lambda r: r["row"])[:REFUSAL_SAMPLE]
    result = LoadResult(row_count=copied.rows + len(shape_refusals), loaded_count=copied.rows - len(refused),
                        refused_count=len(refused) + len(shape_refusals), refusals=refusals)
    snapshot_table = partition_name(snapshot_id)
    with transaction.atomic():
        if not routed:  # else the routing made the snapshot's table
            cursor.execute(f"CREATE TABLE {snapshot_table} (LIKE verification_registryrecord) "
                           f"PARTITION BY LIST (province)")
            cursor.execute(f"ALTER TABLE {snapshot_table} ATTACH PARTITION {table} FOR VALUES IN ({province})")
        cursor.execute(f"ALTER TABLE verification_registryrecord ATTACH PARTITION {snapshot_table} "
                       f"FOR VALUES IN ({int(snapshot_id)})")
        on_loaded(result)
    # Statistics for the columns the verification joins and filters on; the rest are never planned on.
    # A sample of 3,000 rows, not 30,000: NIK is unique and refusal nearly always NULL, which a small
    # sample tells as well, and it reads a tenth of the pages (0.4 s less at 4,000,000 rows).
    cursor.execute("SET default_statistics_target = 10")
    for name in tables.values():
        cursor.execute(f"ANALYZE {name} (nik, refusal)")
    cursor.execute("RESET default_statistics_target")
    return result


def xlsx_to_csv(source: Path, target: Path) -> None:
    """A small XLSX extract, written as CSV for the same COPY path (dates as YYYY-MM-DD)."""
    try:
        rows = read_xlsx(source)  # guarded: zip bombs, encrypted and broken files are refused
    except FileRefused as exc:
        raise SnapshotFileError(str(exc)) from None
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
