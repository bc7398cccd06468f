"""The decree annex (lampiran SK penetapan): the decided list of one kabupaten/kota and year."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _, pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from uep.xlsx import neutralise, xlsx_bytes


def annex_headers() -> list[str]:
    return [pgettext("nomor urut", "No."), _("NIK"), _("No. KK"), _("Nama"), _("L/P"), _("Tanggal lahir"), _("Kecamatan"),
            _("Kelurahan/Desa"), _("Alamat"), _("Jenis usaha"), _("Desil")]


def annex_rows(candidates) -> list[list]:
    return [
        [i, c.person.nik, c.no_kk, c.name, c.sex, c.birth_date.strftime("%d-%m-%Y"),
         c.kecamatan.name, c.kelurahan.name, c.address, c.business_type, c.desil]
        for i, c in enumerate(candidates, start=1)
    ]


def annex_title(*, programme_year, kabupaten) -> str:
    return _("Daftar Penerima Bantuan Usaha Ekonomi Produktif (UEP) Tahun %(year)s — %(area)s") % {
        "year": programme_year.year, "area": kabupaten.name}


def annex_xlsx(*, programme_year, kabupaten, candidates) -> bytes:
    candidates = list(candidates)
    rows = annex_rows(candidates)
    for row, candidate in zip(rows, candidates):
        row[5] = candidate.birth_date  # a date cell in the sheet (the PDF prints the text)
    return xlsx_bytes(headers=annex_headers(), rows=rows, sheet=f"Lampiran {kabupaten.code}",
                      text_columns=(1, 2))


def annex_pdf(*, programme_year, kabupaten, candidates) -> bytes:
    """A4 landscape, a header with the year and the area, numbered rows repeated under the header on each page."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=annex_title(
                                programme_year=programme_year, kabupaten=kabupaten), author="Dinas Sosial Provinsi "
                                                                                           "Kalimantan Timur")
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=7.5, leading=9)
    rows = annex_rows(candidates)
    header = annex_headers()
    data = [header] + [[Paragraph(_escape(neutralise(str(v))), cell) for v in row] for row in rows]
    widths = [10, 33, 33, 44, 9, 20, 27, 29, 38, 22, 10]  # 273 mm: the page less the margins
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f8")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    printed = timezone.localtime().strftime("%d-%m-%Y %H:%M WITA")
    story = [
        Paragraph(_("Lampiran Keputusan Kepala Dinas Sosial Provinsi Kalimantan Timur"), styles["Normal"]),
        Paragraph(_escape(annex_title(programme_year=programme_year, kabupaten=kabupaten)), styles["Heading2"]),
        Paragraph(_("Jumlah penerima: %(n)s orang · dicetak %(at)s") % {"n": len(rows), "at": printed},
                  styles["Normal"]),
        Spacer(1, 4 * mm),
        table,
    ]
    doc.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
