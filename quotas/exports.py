"""The decree annex (lampiran SK penetapan): the decided list of one kabupaten/kota and year."""

import io

from django.utils.translation import gettext as _, pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from uep import pdf
from uep.formatting import angka, tanggal_angka
from uep.xlsx import neutralise, xlsx_bytes


def annex_headers() -> list[str]:
    return [pgettext("nomor urut", "No."), _("NIK"), _("No. KK"), _("Nama"), _("L/P"), _("Tanggal lahir"), _("Kecamatan"),
            _("Kelurahan/Desa"), _("Alamat"), _("Jenis usaha"), _("Desil")]


def annex_rows(candidates) -> list[list]:
    return [
        [i, c.person.nik, c.no_kk, c.name, c.sex, tanggal_angka(c.birth_date),
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


def annex_approvals(approvals) -> list[str]:
    """One line per approved decision or withdrawal: the act, how many people, who proposed and who approved."""
    from approvals.registry import act_for
    from approvals.selectors import approval_line

    lines = []
    for approval in approvals:
        people = len(approval.payload.get("ids", [])) or 1
        lines.append(_("%(act)s (%(n)s orang): %(line)s") % {
            "act": act_for(approval.kind).label, "n": angka(people), "line": approval_line(approval)})
    return lines


def annex_pdf(*, programme_year, kabupaten, candidates, decree=None, approvals=()) -> bytes:
    """A4 landscape: the decree's reference (number, date, subject) above the numbered list, its header row
    repeated on each page, then who proposed and who approved each decision (four eyes), "Ditetapkan di" the
    province's place (``pdf.paper_place``) and the Kepala Dinas's signature block; "Halaman x dari y" on every
    page. Without a decree yet, dots to fill stand for its number and date."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=16 * mm, initialFontName=pdf.FONT,
                            title=annex_title(programme_year=programme_year, kabupaten=kabupaten),
                            author=pdf.author(kabupaten.province))
    s = pdf.styles()
    rows = annex_rows(candidates)
    data = [[Paragraph(pdf.esc(h), s["cell_bold"]) for h in annex_headers()]]
    data += [[Paragraph(pdf.esc(neutralise(str(v))), s["cell"]) for v in row] for row in rows]
    widths = [10, 33, 33, 44, 9, 20, 27, 29, 35, 22, 13]  # 273 mm: the page less the margins; "Desil" on one line
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(pdf.table_style([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f8")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    dots = "...................."
    reference = Table([[
        "", [Paragraph(pdf.esc(line), s["small"]) for line in [
            _("LAMPIRAN KEPUTUSAN KEPALA DINAS SOSIAL PROVINSI %(province)s") % {
                "province": kabupaten.province.name.upper()},
            _("NOMOR : %(number)s") % {"number": decree.number if decree else dots},
            _("TANGGAL : %(date)s") % {"date": pdf.date_text(decree.date if decree else None)},
            _("TENTANG : PENETAPAN PENERIMA BANTUAN USAHA EKONOMI PRODUKTIF (UEP) TAHUN %(year)s") % {
                "year": programme_year.year}]]]], colWidths=[doc.width - 120 * mm, 120 * mm])
    reference.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    signer = pdf.signature_block(
        heading=[_("Ditetapkan di %(place)s") % {"place": pdf.paper_place(kabupaten.province)},
                 _("pada tanggal %(date)s") % {"date": pdf.date_text(decree.date if decree else None)},
                 (decree.signer_position.upper() if decree else
                  _("KEPALA DINAS SOSIAL PROVINSI %(province)s") % {"province": kabupaten.province.name.upper()})
                 + ","],
        name=decree.signer_name if decree else None, nip=decree.signer_nip if decree else "",
        rank=decree.signer_rank if decree else "", space=22 * mm)
    signature = pdf.at_right(signer, width=doc.width)
    story = [
        reference, Spacer(1, 4 * mm),
        Paragraph(pdf.esc(annex_title(programme_year=programme_year, kabupaten=kabupaten)), s["title"]),
        Paragraph(pdf.esc(_("Jumlah penerima: %(n)s orang") % {"n": angka(len(rows))}), s["center"]),
        Spacer(1, 4 * mm),
        pdf.TableThenClosing(table, [
            Spacer(1, 4 * mm),
            *([Paragraph(pdf.esc(_("Persetujuan penetapan (empat mata):")), s["small"])]
              + [Paragraph(pdf.esc(line), s["small"]) for line in annex_approvals(approvals)] if approvals else []),
            Spacer(1, 4 * mm), signature]),
    ]
    doc.build(story, canvasmaker=pdf.NumberedCanvas)
    return buffer.getvalue()
