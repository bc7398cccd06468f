"""The upload services: the contract rule by rule, the bad files, duplicates, confirm."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from python_calamine import CalamineWorkbook

from recipients.exports import refused_rows_xlsx
from recipients.models import Candidate, CandidateEvent, Person, Upload
from recipients.nik import make_nik
from recipients.selectors import candidate_timeline, family_card_history
from recipients.services.upload import upload_cancel, upload_check, upload_confirm, upload_create, UploadStateError


@pytest.fixture
def submit(users, programme_year, samarinda):
    def submit(data: bytes, *, name="usulan.xlsx", user=None, kabupaten=None):
        upload = upload_create(user=user or users["officer"], kabupaten=kabupaten or samarinda,
                               programme_year=programme_year, file=ContentFile(data, name=name))
        return upload_check(upload=upload)
    return submit


def nothing_written():
    return not Person.objects.exists() and not Candidate.objects.exists()


def reasons(upload, row=None):
    return [(r["column"], r["reason"]) for r in upload.refusals if row is None or r["row"] == row]


def test_a_good_file_is_previewed_and_nothing_is_written_before_confirm(submit, rows, xlsx):
    upload = submit(xlsx(rows(5)))

    assert upload.status == Upload.Status.PREVIEW
    assert (upload.row_count, upload.accepted_count, upload.refused_count) == (5, 5, 0)
    assert nothing_written()


def test_confirm_writes_people_candidates_family_cards_and_the_timeline(submit, rows, xlsx, users):
    data = rows(5)
    upload = submit(xlsx(data))

    upload_confirm(upload=upload, user=users["officer"])

    upload.refresh_from_db()
    assert upload.status == Upload.Status.CONFIRMED and upload.confirmed_by == users["officer"]
    candidate = Candidate.objects.get(person__nik=data[0][0])
    assert (candidate.upload_row, candidate.no_kk, candidate.kabupaten.code) == (2, data[0][1], "64.72")
    assert candidate.kecamatan.name == data[0][6] and candidate.person.birth_date == data[0][4]
    (kk,) = family_card_history(person=candidate.person, user=users["officer"])
    assert (kk.no_kk, kk.source) == (data[0][1], "usulan 2025, unggahan usulan.xlsx")
    # The proposal is on the timeline, read from the candidate and its upload, not stored per row.
    assert not CandidateEvent.objects.filter(candidate=candidate).exists()
    (event,) = candidate_timeline(candidate=candidate)
    assert event.message == "Diusulkan melalui unggahan usulan.xlsx oleh Petugas Samarinda"
    assert event.user == users["officer"] and event.status == "proposed"
    assert event.data == {"upload": upload.id, "row": 2}
    assert Candidate.objects.count() == 5


def test_confirm_keeps_an_audit_row_per_candidate(submit, rows, xlsx, users):
    from recipients.models import CandidateHistory

    upload_confirm(upload=submit(xlsx(rows(3))), user=users["officer"])

    assert CandidateHistory.objects.filter(pgh_label="insert").count() == 3


def test_a_second_confirm_is_refused_not_repeated(submit, rows, xlsx, users):
    upload = upload_confirm(upload=submit(xlsx(rows(2))), user=users["officer"])

    with pytest.raises(UploadStateError):
        upload_confirm(upload=upload, user=users["officer"])
    assert Candidate.objects.count() == 2


def test_cancel_writes_nothing_and_removes_the_file(submit, rows, xlsx, users):
    upload = submit(xlsx(rows(2)))

    upload_cancel(upload=upload, user=users["officer"])

    assert upload.status == Upload.Status.CANCELLED and not upload.file and nothing_written()


def break_row(row, column, value):
    from recipients.contract import COLUMNS

    row[list(COLUMNS).index(column)] = value
    return row


@pytest.mark.parametrize("column, value, reason", [
    ("NIK", 6472014703850001, "tersimpan sebagai angka"),
    ("NIK", "6.47E+15", "notasi ilmiah"),
    ("NIK", "647201470385", "16 digit"),
    ("NIK", "", "wajib diisi"),
    ("NO_KK", "6472010101", "16 digit"),
    ("NO_KK", 6472010101200001, "tersimpan sebagai angka"),
    ("NAMA", " ", "wajib diisi"),
    ("NAMA", "x" * 151, "terlalu panjang"),
    ("JENIS_KELAMIN", "W", "harus L atau P"),
    ("TANGGAL_LAHIR", "7 Maret 1985", "tidak dikenali"),
    ("TANGGAL_LAHIR", 31113, "tersimpan sebagai angka"),
    ("TANGGAL_LAHIR", "2099-01-01", "masa depan"),
    ("KABUPATEN_KOTA", "Kota Bandung", "bukan kabupaten/kota di Kalimantan Timur"),
    ("KABUPATEN_KOTA", "Kota Balikpapan", "untuk Kota Balikpapan"),
    ("KABUPATEN_KOTA", "64.71", "untuk Kota Balikpapan"),
    ("KECAMATAN", "Balikpapan Kota", "tidak ada di Kota Samarinda"),
    ("KELURAHAN_DESA", "Desa Entah", "tidak ada di Kecamatan"),
    ("ALAMAT", "", "wajib diisi"),
    ("NO_HP", "12345", "nomor HP"),
    ("NO_HP", 81234567890, "angka 0 di depan hilang"),
    ("DESIL", 0, "1 sampai 10"),
    ("DESIL", 11, "1 sampai 10"),
    ("DESIL", "dua", "1 sampai 10"),
    ("DESIL", 2.5, "1 sampai 10"),
    ("DESIL", True, "1 sampai 10"),  # a TRUE cell is not desil 1
    ("NAMA", 0, "harus berisi huruf"),  # what a formula written by a program holds as its value
    ("NAMA", "123", "harus berisi huruf"),
    ("ALAMAT", "-", "bukan alamat"),
    ("NAMA", "Bu\x00di", "karakter tak terlihat"),
    ("ALAMAT", "Jl. Mawar\x1b[31m", "karakter tak terlihat"),
    ("JENIS_USAHA", "", "wajib diisi"),
    ("STATUS_USAHA", "TUTUP", "BERJALAN atau BERHENTI"),
])
def test_each_contract_rule_refuses_the_row_with_its_column_and_reason(submit, rows, xlsx, column, value, reason):
    data = rows(3)
    break_row(data[1], column, value)

    upload = submit(xlsx(data))

    assert upload.status == Upload.Status.PREVIEW
    assert [(c, reason in r) for c, r in reasons(upload, row=3)] == [(column, True)], reasons(upload)
    assert (upload.accepted_count, upload.refused_count) == (2, 1)


def test_birth_date_and_sex_must_agree_with_the_nik(submit, rows, xlsx):
    data = rows(2)
    data[0][4] = data[0][4] + dt.timedelta(days=1)
    data[1][3] = "P" if data[1][3] == "L" else "L"

    upload = submit(xlsx(data))

    assert "TANGGAL_LAHIR" in reasons(upload, row=2)[0][1] or "Tanggal lahir" in reasons(upload, row=2)[0][1]
    assert "Jenis kelamin" in reasons(upload, row=3)[0][1]


def test_a_nik_registered_outside_kaltim_is_a_warning_not_a_refusal(submit, rows, xlsx):
    data = rows(1)
    data[0][0] = make_nik(kecamatan_code="31.71.01", birth_date=data[0][4], sex=data[0][3], serial=77)

    upload = submit(xlsx(data))

    assert upload.accepted_count == 1 and not upload.refusals
    assert "luar Kalimantan Timur" in upload.warnings[0]["reason"]


def test_names_of_regions_match_whatever_the_case_and_codes_without_dot(submit, rows, xlsx):
    data = rows(1)
    data[0][5], data[0][6], data[0][7] = "6472", data[0][6].upper(), f"  {data[0][7].lower()} "

    assert submit(xlsx(data)).accepted_count == 1


@pytest.mark.parametrize("value", ["1985-03-07", "07/03/1985"])
def test_a_birth_date_may_be_text_in_either_format(submit, rows, xlsx, value):
    data = rows(1)
    data[0][4] = dt.date(1985, 3, 7)
    data[0][0] = make_nik(kecamatan_code="64.72.01", birth_date=data[0][4], sex=data[0][3], serial=9)
    data[0][6], data[0][7] = "Palaran", "Rawa Makmur"
    data[0][4] = value

    upload = submit(xlsx(data))

    assert upload.accepted_count == 1, upload.refusals


def test_a_nik_repeated_in_the_file_is_refused_with_the_first_row(submit, rows, xlsx):
    data = rows(3)
    data[2] = list(data[0])

    upload = submit(xlsx(data))

    assert reasons(upload, row=4) == [("NIK", "NIK sama dengan baris 2 di berkas ini.")]


def test_a_nik_already_proposed_this_year_in_another_kabupaten_is_refused_saying_where(
        submit, rows, xlsx, users, balikpapan, make_candidate):
    data = rows(2)
    earlier = make_candidate(balikpapan, created_by=users["other_officer"])
    data[0][0] = earlier.person.nik
    data[0][3], data[0][4] = earlier.person.sex, earlier.person.birth_date

    upload = submit(xlsx(data))

    [(column, reason)] = reasons(upload, row=2)
    assert column == "NIK" and "sudah diusulkan tahun 2025 di Kota Balikpapan" in reason


def test_a_family_already_proposed_this_year_is_a_warning_naming_who_here_and_only_the_area_elsewhere(
        submit, rows, xlsx, users, samarinda, balikpapan, make_candidate):
    here = make_candidate(samarinda, created_by=users["officer"], name="Ibu Sekeluarga")
    there = make_candidate(balikpapan, created_by=users["other_officer"], name="Rahasia Balikpapan")
    data = rows(3)
    break_row(data[0], "NO_KK", here.no_kk)
    break_row(data[2], "NO_KK", there.no_kk)

    upload = submit(xlsx(data))

    assert (upload.accepted_count, upload.refused_count) == (3, 0)
    kk = [(w["row"], w["reason"]) for w in upload.warnings if w["column"] == "NO_KK"]
    assert [row for row, _reason in kk] == [2, 4]
    assert "untuk Ibu Sekeluarga" in kk[0][1] and "desk verifikasi akan menolak" in kk[0][1]
    assert "di Kota Balikpapan" in kk[1][1] and "Rahasia" not in kk[1][1]


def test_a_row_that_became_a_duplicate_after_the_preview_is_refused_at_confirm(submit, rows, xlsx, users):
    data = rows(3)
    first = submit(xlsx(data))
    second = submit(xlsx(data[:1]), name="kedua.xlsx")
    upload_confirm(upload=second, user=users["officer"])

    upload_confirm(upload=first, user=users["officer"])

    first.refresh_from_db()
    assert first.status == Upload.Status.CONFIRMED
    assert (first.accepted_count, first.refused_count) == (2, 1)
    assert "sudah diusulkan" in reasons(first, row=2)[0][1]
    assert Candidate.objects.count() == 3


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_excel(submit, rows, xlsx):
    data = rows(2)
    data.insert(1, [None] * 15)
    data[2][10] = 99

    upload = submit(xlsx(data))

    assert upload.row_count == 2 and reasons(upload)[0][0] == "DESIL" and upload.refusals[0]["row"] == 4


def test_headers_match_in_any_order_and_case_and_extra_columns_are_a_warning(submit, rows):
    from recipients.generate import HEADERS

    data = rows(2)
    order = list(reversed(range(len(HEADERS))))
    lines = [";".join(["catatan_lain"] + [HEADERS[i].lower().replace("_", " ") for i in order])]
    for row in data:
        cells = ["x"] + [row[i].isoformat() if isinstance(row[i], dt.date) else str(row[i]) for i in order]
        lines.append(";".join(cells))

    upload = submit("\r\n".join(lines).encode("cp1252"), name="usulan.csv")

    assert upload.accepted_count == 2, upload.refusals
    assert "catatan_lain" in upload.warnings[0]["reason"]


def test_a_csv_from_the_generator_is_accepted(submit, rows, csv_bytes):
    assert submit(csv_bytes(rows(4)), name="data.txt").accepted_count == 4


def test_the_refused_rows_file_has_the_original_columns_and_a_reason(submit, rows, xlsx):
    data = rows(3)
    data[1][10] = 12

    upload = submit(xlsx(data))
    book = CalamineWorkbook.from_filelike(io.BytesIO(refused_rows_xlsx(upload=upload)))
    sheet = book.get_sheet_by_index(0).to_python()

    assert sheet[0][:2] == ["NIK", "NO_KK"] and sheet[0][-2:] == ["ALASAN_PENOLAKAN", "BARIS_ASAL"]
    assert sheet[1][0] == data[1][0] and "DESIL" in sheet[1][-2] and sheet[1][-1] == 3


def test_the_refused_rows_file_keeps_the_numbers_as_text_under_headers_written_another_way(submit, rows, csv_bytes):
    """"No. KK" is NO_KK to the contract: the column comes back formatted as text, so a KK retyped there stays
    16 digits and is not refused again as a number."""
    import openpyxl

    data = rows(2)
    data[1][10] = 12
    upload = submit(csv_bytes(data).replace(b"NO_KK", b"No. KK", 1), name="usulan.csv")
    sheet = openpyxl.load_workbook(io.BytesIO(refused_rows_xlsx(upload=upload))).active

    assert sheet.cell(row=1, column=2).value == "No. KK"
    assert sheet.cell(row=2, column=2).number_format == "@" and sheet.cell(row=2, column=2).value == data[1][1]


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def cfb(payload: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + payload


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7\n%binary\x00\x01", "bukan XLSX atau CSV"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "bukan XLSX atau CSV"),
    (b"PK\x03\x04garbage that is not a zip", "rusak"),
    (cfb("EncryptedPackage".encode("utf-16-le")), "dilindungi kata sandi"),
    (cfb(b"Workbook"), "format Excel lama"),
    (zip_bytes({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<x/>"}), "bukan XLSX"),
    (zip_bytes({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\x00" * (20 * 1024 * 1024)}), "zip bomb"),
    (zip_bytes({"xl/workbook.xml": b"not xml at all"}), "rusak"),
    (b"", "kosong"),
    (b"\r\n  \r\n", "kosong"),
    (b"NIK,NO_KK,NAMA\r\n", "Kolom wajib tidak ada: JENIS_KELAMIN"),
    (b"6472014703850001,Siti,P\r\n", "bukan baris judul"),
    (b"nama;umur;alamat\r\nSiti;40;Jl\r\n", "Kolom wajib tidak ada: NIK, NO_KK"),
    (b"NIK;NO_KK;NAMA;L/P;TGL LAHIR\r\n1;2;Siti;P;1980-01-01\r\n", "Judul yang tidak dikenali: L/P, TGL LAHIR."),
    (b"umur;pekerjaan\r\n40;petani\r\n", "bukan baris judul"),
])
def test_a_bad_file_gets_a_clear_message_and_nothing_is_written(submit, data, message):
    upload = submit(data, name="usulan.xlsx")

    assert upload.status == Upload.Status.FAILED
    assert message in upload.errors[0]["reason"], upload.errors
    assert nothing_written() and not upload.file


def test_a_cell_far_outside_the_table_is_refused_by_its_address_before_the_sheet_is_read(submit, rows):
    """One cell at XFD1048576 in a 6 KB file: read whole, the sheet is 2^34 cells and the process dies."""
    import xlsxwriter

    from recipients.generate import HEADERS

    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, HEADERS)
        for r, row in enumerate(rows(2), start=1):
            sheet.write_row(r, 0, [v.isoformat() if isinstance(v, dt.date) else v for v in row])
        sheet.write_string(1048575, 16383, "x")
    upload = submit(buffer.getvalue())

    assert upload.status == Upload.Status.FAILED and nothing_written()
    assert "sel sampai XFD1048576 (1.048.576 baris, 16.384 kolom)" in upload.errors[0]["reason"]


def test_blank_cells_far_under_the_table_are_not_counted_as_rows(submit, rows, csv_bytes):
    data = csv_bytes(rows(3)) + b",,,,,,,,,,,,,,\r\n" * 60_000 + b" ,,,,,,,,,,,,,,\r\n"
    upload = submit(data, name="usulan.csv")

    assert upload.status == Upload.Status.PREVIEW and (upload.row_count, upload.accepted_count) == (3, 3)


def test_an_unpaired_quote_in_a_csv_refuses_the_file_with_its_row_and_swallows_no_row(submit, rows, csv_bytes):
    """Read leniently, the quote opened in row 3's KETERANGAN took rows 4-6 into that one cell."""
    lines = csv_bytes(rows(5), delimiter=";").decode().splitlines()
    lines[2] = lines[2] + '"Usaha di rumah'
    upload = submit("\r\n".join(lines).encode(), name="usulan.csv")

    assert upload.status == Upload.Status.FAILED and nothing_written()
    assert "baris 3: tanda petik" in upload.errors[0]["reason"], upload.errors


def test_a_nul_in_a_csv_cell_refuses_its_row_by_column_and_keeps_the_others(submit, rows, csv_bytes):
    lines = csv_bytes(rows(700)).splitlines()  # past the first 64 KB, where a binary file is told apart
    lines[650] = lines[650].replace(b",", b"\x00,", 1)
    upload = submit(b"\r\n".join(lines), name="usulan.csv")

    assert upload.status == Upload.Status.PREVIEW and (upload.accepted_count, upload.refused_count) == (699, 1)
    assert [(c, "karakter tak terlihat" in r) for c, r in reasons(upload, row=651)] == [("NIK", True)]
    (kept,) = upload.refused_rows  # for the refused-rows file, without the NUL
    assert kept["row"] == 651 and "\x00" not in "".join(kept["values"]) and kept["values"][0].isdigit()


def test_a_utf16_text_file_is_told_to_be_saved_as_csv_utf8(submit, rows, csv_bytes):
    upload = submit(csv_bytes(rows(2)).decode().encode("utf-16"), name="usulan.csv")

    assert upload.status == Upload.Status.FAILED and "CSV UTF-8" in upload.errors[0]["reason"]


def test_a_file_with_only_the_header_row_is_refused(submit, rows, xlsx):
    upload = submit(xlsx([]))

    assert upload.status == Upload.Status.FAILED and "tidak ada baris calon" in upload.errors[0]["reason"]


def test_a_file_over_the_size_limit_is_refused(submit, rows, xlsx, settings):
    settings.UPLOAD_MAX_BYTES = 1000

    upload = submit(xlsx(rows(30)))

    assert upload.status == Upload.Status.FAILED and "terlalu besar" in upload.errors[0]["reason"]


def test_an_officer_cannot_create_an_upload_for_another_area(users, balikpapan, programme_year):
    with pytest.raises(PermissionDenied, match="tidak bekerja di wilayah ini"):
        upload_create(user=users["officer"], kabupaten=balikpapan, programme_year=programme_year,
                      file=ContentFile(b"x", name="x.csv"))


@pytest.mark.parametrize("name", ["=1+1", "  =HYPERLINK(\"http://contoh\")"])
def test_a_name_written_as_a_formula_is_refused_as_a_formula_not_as_empty(submit, rows, xlsx, name):
    data = rows(2)
    data[1][2] = name

    upload = submit(xlsx(data))

    assert reasons(upload, row=3) == [("NAMA", reasons(upload, row=3)[0][1])]
    assert "berisi rumus Excel" in reasons(upload, row=3)[0][1]


def test_a_formula_cell_without_a_stored_value_is_refused_as_a_formula(submit, rows):
    import openpyxl

    from recipients.generate import HEADERS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows(2):
        sheet.append(row)
    sheet["C3"] = '=PROPER("siti aminah")'  # written by a program: a formula, never calculated
    buffer = io.BytesIO()
    book.save(buffer)

    upload = submit(buffer.getvalue())

    assert [c for c, _r in reasons(upload, row=3)] == ["NAMA"]
    assert "berisi rumus Excel" in reasons(upload, row=3)[0][1] and upload.accepted_count == 1


def test_the_refused_rows_file_mended_and_uploaded_again_is_accepted(submit, rows, xlsx):
    import openpyxl

    data = rows(4)
    data[0][0] = float(data[0][0])  # Excel made the NIK a number
    data[1][9], data[1][10] = "+6281234567890", 12  # a phone Excel would run as a formula; a bad desil
    data[2][2] = "=1+1"
    first = submit(xlsx(data))
    assert (first.accepted_count, first.refused_count) == (1, 3)

    book = openpyxl.load_workbook(io.BytesIO(refused_rows_xlsx(upload=first)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, 1).value == str(int(data[0][0]))  # 16 digits, as text
    assert sheet.cell(3, header.index("NO_HP") + 1).value == "'+6281234567890"  # neutralised
    # The officer mends the two rows the reasons name, and uploads the same file again.
    sheet.cell(3, header.index("DESIL") + 1).value = 2
    sheet.cell(4, header.index("NAMA") + 1).value = "Siti Perbaikan"
    buffer = io.BytesIO()
    book.save(buffer)

    again = submit(buffer.getvalue(), name="perbaikan.xlsx")

    assert (again.accepted_count, again.refused_count) == (3, 0), again.refusals


def test_an_unknown_package_code_is_refused_naming_the_valid_ones(submit, rows, xlsx, packages):
    data = rows(3)
    data[0][13], data[1][13] = "PG-LAMA", "pg-jahit"

    upload = submit(xlsx(data))

    assert reasons(upload, row=2) == [("PAKET_USULAN", "kode paket \u201cPG-LAMA\u201d tidak dikenal; pilih salah "
                                                       "satu: PG-GORENGAN, PG-JAHIT (daftar lengkap di lembar PAKET "
                                                       "templat).")]
    assert reasons(upload, row=3) == []


def test_generated_candidates_propose_the_catalogues_package_codes(submit, rows, xlsx, packages):
    data = rows(40)

    upload = submit(xlsx(data))

    assert {row[13] for row in data} == {"", *packages}
    assert (upload.accepted_count, upload.refused_count) == (40, 0), upload.refusals[:3]


def test_a_confirm_leaves_the_planner_statistics_of_what_it_wrote_current(submit, rows, xlsx, users):
    from django.db import connection

    upload_confirm(upload=submit(xlsx(rows(80))), user=users["officer"])

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'recipients_candidate'::regclass")
        assert cursor.fetchone()[0] == 80
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'recipients_candidate' AND attname = 'name'")
        assert cursor.fetchone()[0] == 1
