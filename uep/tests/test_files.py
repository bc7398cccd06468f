"""The shared spreadsheet reader: every import gets the same guards, from bytes or from a path."""

import io
import zipfile

import pytest

from uep.files import FileRefused, read_table, read_xlsx


def bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_from_a_path_too(tmp_path):
    path = tmp_path / "snapshot.xlsx"
    path.write_bytes(bomb())

    with pytest.raises(FileRefused, match="zip bomb"):
        read_xlsx(path)


def test_an_xlsx_on_disk_reads_like_the_same_bytes(tmp_path):
    from recipients.generate import candidate_xlsx

    data = candidate_xlsx([])
    path = tmp_path / "daftar.xlsx"
    path.write_bytes(data)

    assert read_xlsx(path) == read_table(data, max_bytes=10**6) == [read_xlsx(data)[0]]


def test_a_csv_with_semicolons_is_read_in_columns():
    assert read_table(b"NIK;NAMA\r\n1;Siti\r\n", max_bytes=100) == [["NIK", "NAMA"], ["1", "Siti"]]


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    with pytest.raises(FileRefused, match="terlalu besar"):
        read_table(b"x" * 2_000_000, max_bytes=1_048_576)
