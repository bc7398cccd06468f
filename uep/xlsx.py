"""Writing XLSX files that leave the system: fast (XlsxWriter) and safe to open in Excel."""

import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.utils import timezone

from uep.formatting import persen

# A cell starting with one of these is run as a formula by Excel or LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    """Make text inert for a spreadsheet: a leading formula trigger gets a quote in front.

    Numbers and dates pass untouched; identity numbers are text, so they are checked too.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class Percent(float):
    """A share (0.85) that a sheet keeps as a number formatted as a percent, and text shows as ``85,0%``."""

    def __str__(self) -> str:
        return persen(float(self))


BOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def _write_sheet(book, *, headers: Sequence[str], rows: Iterable[Sequence], sheet: str,
                 text_columns: Sequence[int]) -> None:
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    moment = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    percent = book.add_format({"num_format": "0.0%"})
    for col in text_columns:
        ws.set_column(col, col, 20, text)
    ws.freeze_panes(1, 0)
    for col, header in enumerate(headers):
        ws.write_string(0, col, str(header), bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            value = neutralise(value)
            if value is None:
                continue
            if isinstance(value, str) or c in text_columns:
                ws.write_string(r, c, str(value))
            elif isinstance(value, Percent):
                ws.write_number(r, c, float(value), percent)
            elif isinstance(value, dt.datetime):  # a date cell Excel sorts and filters, never text
                local = timezone.localtime(value) if timezone.is_aware(value) else value
                ws.write_datetime(r, c, local.replace(tzinfo=None), moment)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            else:
                ws.write(r, c, value)


def xlsx_bytes(*, headers: Sequence[str], rows: Iterable[Sequence], sheet: str = "Data",
               text_columns: Sequence[int] = ()) -> bytes:
    """One sheet, a bold header row, every text cell neutralised and written as a string; dates
    as date cells, a ``Percent`` as a number formatted as a percent.

    ``text_columns`` are written as text whatever they hold (NIK, KK: never numbers).
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **BOOK_OPTIONS})
    _write_sheet(book, headers=headers, rows=rows, sheet=sheet, text_columns=text_columns)
    book.close()
    return buffer.getvalue()


def xlsx_file(path, *, headers: Sequence[str], rows: Iterable[Sequence], sheet: str = "Data",
              text_columns: Sequence[int] = ()) -> None:
    """As ``xlsx_bytes``, streamed into a file: each row is flushed to disk as it is written, so
    the memory stays flat whatever the number of rows (XlsxWriter's constant_memory mode)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, **BOOK_OPTIONS})
    _write_sheet(book, headers=headers, rows=rows, sheet=sheet, text_columns=text_columns)
    book.close()


def xlsx_book(*, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]],
              text_columns: Sequence[int] = ()) -> bytes:
    """Several sheets (name, headers, rows), each written as ``xlsx_bytes`` writes its one."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **BOOK_OPTIONS})
    for sheet, headers, rows in sheets:
        _write_sheet(book, headers=headers, rows=rows, sheet=sheet, text_columns=text_columns)
    book.close()
    return buffer.getvalue()
