"""A spreadsheet kind's file: the rows the user would see on screen, read in chunks, written with flat memory.

A kind builds an ``Export`` (its scoped selector as a queryset of value tuples, and how a tuple
becomes the file's cells) and hands it to ``spreadsheet_make``. NIK, KK, birth date and phone go out
in full only to a role that sees them in full on screen (``accounts.permissions.may_see_full_numbers``,
asked by the kind when the job starts); others get
them masked as on the pages (the birth year only, numbers as ``6472••••••••0001``).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone

from uep.formatting import mask_nik
from uep.xlsx import xlsx_file


@dataclass
class Export:
    headers: list[str]
    queryset: QuerySet  # of value tuples, in file order
    row: Callable  # value tuple -> the file's cells
    sheet: str
    text_columns: tuple[int, ...]
    filename: str  # without the time stamp and extension


def masker(full: bool) -> Callable[[str], str]:
    return (lambda v: v) if full else mask_nik


def rows_of(export: Export, *, progress, every: int = 5000) -> Iterator[list]:
    """The file's rows, read from the database in chunks (never all in memory), reporting progress."""
    n = 0
    for values in export.queryset.iterator(chunk_size=2000):
        yield export.row(values)
        n += 1
        if n % every == 0:
            progress(n)
    progress(n)


def spreadsheet_make(export: Export, *, folder: Path, progress) -> list[Path]:
    total = export.queryset.count()
    progress(0, total)
    path = folder / f"{export.filename}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
    xlsx_file(path, headers=export.headers, rows=rows_of(export, progress=progress), sheet=export.sheet,
              text_columns=export.text_columns)
    return [path]
