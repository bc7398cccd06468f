"""XLSX files that leave the system: the upload template, the refused rows, the candidate list."""

import datetime as dt
import io

import xlsxwriter
from django.utils.translation import gettext as _

from recipients.contract import normalise_header
from recipients.generate import HEADERS
from recipients.models import Upload
from recipients.selectors import active_packages
from regions.models import Kabupaten
from uep.xlsx import xlsx_bytes

TEXT_COLUMNS = ("NIK", "NO_KK", "NO_HP")


def template_xlsx(*, kabupaten: Kabupaten | None, programme_year_id: int | None) -> bytes:
    """The upload template: the contract's headers and drop-downs (NIK/KK as text) on the first
    sheet, which is the one read; a filled-in example on "Contoh" (never uploaded as a candidate);
    the year's active package codes and names on "PAKET", offered in the PAKET_USULAN drop-down."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet("Calon")
    sample = book.add_worksheet(_("Contoh"))
    package_sheet = book.add_worksheet("PAKET")
    lists = book.add_worksheet("Daftar")
    bold = book.add_format({"bold": True, "bg_color": "#DCE8F5"})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    widths = {"NIK": 20, "NO_KK": 20, "NAMA": 28, "ALAMAT": 36, "JENIS_USAHA": 22, "KECAMATAN": 20,
              "KELURAHAN_DESA": 22, "TANGGAL_LAHIR": 14, "PAKET_USULAN": 18, "KETERANGAN": 30}
    for sheet in (ws, sample):
        sheet.write_row(0, 0, HEADERS, bold)
        for col, header in enumerate(HEADERS):
            sheet.set_column(col, col, widths.get(header, 15),
                             text if header in TEXT_COLUMNS else date if header == "TANGGAL_LAHIR" else None)
        sheet.freeze_panes(1, 0)
    col = {h: i for i, h in enumerate(HEADERS)}
    last = 5000

    kecamatan = list(kabupaten.kecamatan_set.order_by("name")) if kabupaten else []
    packages = active_packages(programme_year_id=programme_year_id,
                               province_id=kabupaten.province_id if kabupaten else None)
    example_kec = kecamatan[0] if kecamatan else None
    example_kel = example_kec.kelurahan_set.order_by("name").first() if example_kec else None
    code = kabupaten.digits if kabupaten else "6472"
    example = {
        "NIK": f"{example_kec.code.replace('.', '') if example_kec else code + '01'}4703850001",
        "NO_KK": f"{example_kec.code.replace('.', '') if example_kec else code + '01'}0101200001",
        "NAMA": "Siti Contoh", "JENIS_KELAMIN": "P", "KABUPATEN_KOTA": kabupaten.code if kabupaten else "64.72",
        "KECAMATAN": example_kec.name if example_kec else "", "KELURAHAN_DESA": example_kel.name if example_kel else "",
        "ALAMAT": "Jl. Contoh No. 1 RT 001 RW 002", "NO_HP": "081234567890", "DESIL": 2, "JENIS_USAHA": "Gorengan",
        "STATUS_USAHA": "BERJALAN", "PAKET_USULAN": packages[0][0] if packages else "",
        "KETERANGAN": _("Contoh pengisian: isi calon di lembar Calon; lembar ini tidak dibaca."),
    }
    for header, value in example.items():
        if isinstance(value, str):
            sample.write_string(1, col[header], value)
        else:
            sample.write_number(1, col[header], value)
    sample.write_datetime(1, col["TANGGAL_LAHIR"], dt.datetime(1985, 3, 7), date)

    def dropdown(header, source, title, message):
        ws.data_validation(1, col[header], last, col[header], {
            "validate": "list", "source": source, "error_title": title, "error_message": message})

    dropdown("JENIS_KELAMIN", ["L", "P"], _("Jenis kelamin"), _("Pilih L atau P."))
    dropdown("STATUS_USAHA", ["BERJALAN", "BERHENTI"], _("Status usaha"), _("Pilih BERJALAN atau BERHENTI."))
    dropdown("DESIL", [str(i) for i in range(1, 11)], _("Desil"), _("Pilih 1 sampai 10."))
    package_sheet.write_row(0, 0, [_("KODE"), _("NAMA PAKET")], bold)
    package_sheet.set_column(0, 0, 20)
    package_sheet.set_column(1, 1, 40)
    for i, (package_code, name) in enumerate(packages, start=1):
        package_sheet.write_string(i, 0, package_code)
        package_sheet.write_string(i, 1, name)
    if packages:
        dropdown("PAKET_USULAN", f"=PAKET!$A$2:$A${len(packages) + 1}", _("Paket usulan"),
                 _("Pilih kode paket dari lembar PAKET, atau kosongkan."))
    else:
        package_sheet.write_string(1, 0, _("Belum ada paket aktif untuk tahun ini; kosongkan PAKET_USULAN."))
    if kecamatan:
        lists.write_string(0, 0, "KECAMATAN", bold)
        for i, kec in enumerate(kecamatan, start=1):
            lists.write_string(i, 0, kec.name)
        dropdown("KECAMATAN", f"=Daftar!$A$2:$A${len(kecamatan) + 1}", _("Kecamatan"),
                 _("Pilih kecamatan dari daftar."))
    lists.hide()
    book.close()
    return buffer.getvalue()


def refused_rows_xlsx(*, upload: Upload) -> bytes:
    """The refused rows in the file's own columns, plus the reasons, to mend and upload again."""
    reasons: dict[int, list[str]] = {}
    for refusal in upload.refusals:
        reasons.setdefault(refusal["row"], []).append(f"{refusal['column']}: {refusal['reason']}")
    headers = list(upload.headers) + [_("ALASAN_PENOLAKAN"), _("BARIS_ASAL")]
    text_cols = [i for i, h in enumerate(upload.headers) if normalise_header(h) in TEXT_COLUMNS]
    rows = ([*item["values"], "; ".join(reasons.get(item["row"], [])), item["row"]] for item in upload.refused_rows)
    return xlsx_bytes(headers=headers, rows=rows, sheet=_("Ditolak"), text_columns=text_cols)
