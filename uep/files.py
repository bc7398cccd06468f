"""Reading spreadsheets people upload (XLSX or CSV), with the same guards for every import.

The kind is sniffed from the bytes, never from the file name. Before anything is inflated an
XLSX is checked as a zip (entries, declared sizes, compression ratio: zip bombs) and refused if
encrypted; an old ``.xls`` and anything else (PDF, images, archives) are refused by name. Before
calamine reads the first sheet, the area its cells span is checked from the sheet's XML: calamine
holds a sheet as one dense block, so a single cell at XFD1048576 in a 2 KB file would ask for 512 GB
and abort the process. A CSV is read strictly: an unpaired quote refuses the file with its line
instead of swallowing the rows after it. Cells come back as calamine reads them (str, int, float,
bool, date, datetime; ``None`` for empty).

Every refusal is a ``FileRefused`` whose message is Indonesian and shown to the user as is.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from uep.formatting import angka

# Zip bombs: an XLSX is a zip; its declared sizes are checked before anything is inflated.
ZIP_MAX_ENTRIES = 500
ZIP_MAX_TOTAL_BYTES = 250 * 1024 * 1024
ZIP_MAX_RATIO = 200
# The area (rows x columns, from A1) the first sheet's cells may span: an upload of 50,000 rows is about
# 1,000,000 cells; calamine holds each in 32 bytes.
SHEET_MAX_CELLS = 5_000_000

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x05\x06", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")


class FileRefused(Exception):
    """The file as a whole cannot be read; the message is Indonesian and shown as is."""


class UncachedFormula(str):
    """A formula cell whose value the file does not hold (written by a program, never calculated).

    calamine reads it as empty; this marks it, so a check can say "a formula" instead of "empty".
    """


FIRST_SHEET_ID = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"')
CELL_WITH_FORMULA = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*>\s*<f[\s>/]')
# The address of each row and cell (`<row r="7">`, `<c r="B7">`; the literal start keeps the search fast).
CELL_REF = re.compile(rb' r="([A-Z]{0,3})([0-9]{1,7})"')
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _not_a_table() -> FileRefused:
    return FileRefused(_("Berkas ini bukan XLSX atau CSV. Gunakan templat unggahan."))


def _encrypted() -> FileRefused:
    return FileRefused(_("Berkas dilindungi kata sandi. Hapus kata sandinya, simpan, lalu unggah lagi."))


def _broken_xlsx() -> FileRefused:
    return FileRefused(_("Berkas XLSX rusak dan tidak bisa dibaca. Buka di Excel, simpan ulang, lalu unggah lagi."))


def detect_kind(data: bytes) -> str:
    """'xlsx' or 'csv' from the bytes themselves; raises FileRefused."""
    if not data or not data.strip():
        raise FileRefused(_("Berkas kosong."))
    if data.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileRefused(_("Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                                "(File > Info > Protect Workbook), simpan, lalu unggah lagi."))
        raise FileRefused(_("Berkas ini format Excel lama (.xls). Simpan sebagai Excel Workbook (.xlsx) "
                            "atau CSV, lalu unggah lagi."))
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(UTF16_BOMS):
        raise FileRefused(_("Berkas ini teks Unicode (UTF-16), bukan CSV biasa. Di Excel pilih Simpan Sebagai > "
                            "CSV UTF-8 (dipisahkan koma), lalu unggah lagi."))
    if data.startswith(OTHER_MAGIC) or b"\x00" in data[:65536]:
        raise _not_a_table()
    return "csv"


def check_xlsx_archive(source: bytes | str | Path | BinaryIO) -> None:
    """The zip-bomb and encryption guard, from the archive's directory only (nothing inflated)."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _broken_xlsx() from None
    if len(entries) > ZIP_MAX_ENTRIES:
        raise FileRefused(_("Berkas XLSX memuat terlalu banyak bagian (%(n)d); berkas ini ditolak demi keamanan.")
                          % {"n": len(entries)})
    total = sum(e.file_size for e in entries)
    too_packed = any(e.file_size > 1024 * 1024 and e.file_size > ZIP_MAX_RATIO * max(e.compress_size, 1)
                     for e in entries)
    if total > ZIP_MAX_TOTAL_BYTES or too_packed:
        raise FileRefused(_("Berkas XLSX ini mengembang menjadi sangat besar saat dibuka (kemungkinan zip bomb); "
                            "berkas ditolak demi keamanan."))
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise FileRefused(_("Berkas ini arsip ZIP atau dokumen lain, bukan XLSX. Gunakan templat unggahan."))
    if any(e.flag_bits & 0x1 for e in entries):
        raise _encrypted()


def read_xlsx(source: bytes | str | Path, *, max_cells: int = SHEET_MAX_CELLS) -> list[list]:
    """Every row of the first sheet, guarded; row numbers stay those Excel shows."""
    import python_calamine

    check_xlsx_archive(source)
    try:
        xml = _first_sheet_xml(source)
    except (KeyError, zipfile.BadZipFile, OSError):
        xml = b""  # calamine says what is wrong with the file
    _check_sheet_area(xml, max_cells=max_cells)
    try:
        book = (python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source)) if isinstance(source, bytes)
                else python_calamine.CalamineWorkbook.from_path(str(source)))
        if not book.sheet_names:
            return []
        table = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except python_calamine.PasswordError:
        raise _encrypted() from None
    except Exception:  # noqa: BLE001 - calamine raises several types for a broken file
        raise _broken_xlsx() from None
    _mark_uncached_formulas(xml, table)
    return table


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _first_sheet_xml(source: bytes | str | Path) -> bytes:
    """The XML of the workbook's first sheet (b"" when the workbook names none)."""
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
        first = FIRST_SHEET_ID.search(archive.read("xl/workbook.xml"))
        rels = archive.read("xl/_rels/workbook.xml.rels") if first else b""
        targets = [re.search(rb'\bTarget="([^"]+)"', rel) for rel in re.findall(rb"<Relationship\b[^>]*>", rels)
                   if re.search(rb'\bId="' + re.escape(first.group(1)) + rb'"', rel)]
        if not targets or targets[0] is None:
            return b""
        name = targets[0].group(1).decode()
        name = name.lstrip("/") if name.startswith("/") else "xl/" + name
        return archive.read(name)


def _check_sheet_area(xml: bytes, *, max_cells: int) -> None:
    """Refuse a sheet whose cells span more than ``max_cells`` from A1, naming its farthest cell, before calamine
    allocates the block (a stray cell far below or to the right of the table is the usual cause)."""
    refs = CELL_REF.findall(xml)
    if not refs:
        if xml.count(b"<c") > max_cells:  # cells without addresses: one after the other
            raise FileRefused(_("Lembar pertama memuat terlalu banyak sel; berkas ditolak."))
        return
    rows = max(map(int, {row for _col, row in refs}))
    columns = max((_column_index(col) for col in {col for col, _row in refs} if col), default=0) + 1
    if rows * columns > max_cells:
        cell = f"{_column_letters(columns)}{rows}"
        raise FileRefused(_(
            "Lembar pertama memakai sel sampai %(cell)s (%(rows)s baris, %(columns)s kolom), jauh di luar tabel. "
            "Hapus baris di bawah dan kolom di kanan tabel (pilih, klik kanan > Hapus), simpan, lalu unggah lagi.")
            % {"cell": cell, "rows": angka(rows), "columns": angka(columns)})


def _mark_uncached_formulas(xml: bytes, table: list[list]) -> None:
    """A formula cell read as empty is marked (calamine read the values; the marks are a courtesy)."""
    cells = ([(int(row) - 1, _column_index(col)) for col, row in CELL_WITH_FORMULA.findall(xml)]
             if b"<f" in xml else [])
    for row, col in cells:
        if row < len(table) and col < len(table[row]) and table[row][col] in ("", None):
            table[row][col] = UncachedFormula("=")


def decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else Windows-1252 as Excel writes it."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise FileRefused(_("Berkas CSV tidak bisa dibaca (pengodean huruf tidak dikenal). Simpan sebagai CSV UTF-8."))
    return text


def sniff_delimiter(first_line: str) -> str:
    """Excel with Indonesian regional settings writes ';' between columns."""
    return max((",", ";", "\t"), key=first_line.count)


def read_csv(data: bytes) -> list[list]:
    """Strict: a quote opened in a cell and never closed (or text after a closing quote) refuses the file with
    its line; read leniently it would swallow every row up to the next quote into that one cell."""
    text = decode_text(data)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error:
        line = len(rows) + 1
        raise FileRefused(_("Berkas CSV rusak di baris %(line)s: tanda petik (\") di sel tidak berpasangan. Tutup "
                            "petiknya atau hapus, simpan, lalu unggah lagi.") % {"line": angka(line)}) from None
    return rows


def refuse_too_big(size: int, *, max_bytes: int) -> None:
    if size > max_bytes:
        raise FileRefused(_("Berkas terlalu besar (%(size)s MB); batasnya %(max)s MB.")
                          % {"size": f"{size / 1048576:.1f}".replace(".", ","), "max": max_bytes // 1048576})


def read_table(data: bytes, *, max_bytes: int) -> list[list]:
    """Every row of the first sheet (or the CSV), cells as read; raises FileRefused."""
    refuse_too_big(len(data), max_bytes=max_bytes)
    return read_xlsx(data) if detect_kind(data) == "xlsx" else read_csv(data)


def stored_file_discard(*, model, pk: int, file) -> bool:
    """Delete a file the app stored itself (not an operator's absolute path) and blank its column.
    The rule for which files go and when is in the README ("How long personal data is kept")."""
    if not file.name or Path(file.name).is_absolute():
        return False
    file.storage.delete(file.name)
    # An UPDATE of the one column: a save() would write back every field as this process saw it.
    model.objects.filter(pk=pk).update(file="")
    return True
