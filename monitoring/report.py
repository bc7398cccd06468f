"""The yearly monitoring report (laporan monev) for the head of Dinsos: the same tables as PDF and XLSX."""

import io
from pathlib import Path

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from monitoring import selectors
from monitoring.schedule import wita_today
from uep import pdf
from uep.formatting import angka, persen, rupiah
from uep.xlsx import Percent, neutralise, xlsx_book


def _pct(value: float | None) -> Percent | None:
    # A number formatted as percent in the sheet ("83,3%" on the paper); None: an empty cell, "-" on paper.
    return None if value is None else Percent(value)


def _interval(low: float | None, high: float | None) -> str:
    return "" if low is None else f"{persen(low)} - {persen(high)}"


def _of(part: int, whole: int) -> str:
    return f"{angka(part)} / {angka(whole)}"


# Columns shown as Rupiah in the PDF (the XLSX keeps the numbers).
MONEY = ("Median omzet awal", "Median omzet", "Median perubahan", "Pagu", "Terealisasi")
# Columns of years: "2025", never "2.025".
YEARS = ("Angkatan",)


def report_tables(*, programme_year, user) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of each section, with the columns of its page, as the user (a provincial reader)
    sees them."""
    today = wita_today()
    total, groups = selectors.survival(user, programme_year=programme_year, per="kabupaten", today=today)
    survival_rows = []
    for curve in [total, *groups]:
        for r in curve.rounds:
            survival_rows.append([curve.label or _("Semua"), r.months, r.cohort, r.running, r.closed,
                                  r.closed_before, r.attrition, r.pending, r.at_risk, _pct(r.survival),
                                  _interval(r.low, r.high), r.competing, _pct(r.incidence),
                                  _interval(r.incidence_low, r.incidence_high)])
    income_rows = [[r["months"], r["label"] if not r["total"] else _("Semua"), r["families"], r["baseline_median"],
                    r["omzet_median"], r["change_median"], _of(r["above_baseline"], r["with_baseline"]),
                    _of(r["above_umk"], r["umk_known"]) if r["umk_known"] else _("UMK belum diisi")]
                   for r in selectors.income(user, programme_year=programme_year)]
    pipeline = selectors.pipeline(user, programme_year=programme_year)
    pipeline_rows = [[r["kabupaten"].name, *(r[s] for s in selectors.PIPELINE_STEPS)] for r in pipeline]
    if len(pipeline_rows) > 1:
        pipeline_rows.append([_("Jumlah"), *(sum(r[s] for r in pipeline) for s in selectors.PIPELINE_STEPS)])
    documents, realised = selectors.budget_realisation(user, programme_year=programme_year)
    budget_rows = [[d["document"].get_kind_display(), d["document"].number, d["places"], d["amount"], d["realised"],
                    _pct(d["share"])] for d in documents]
    tables = [
        (_("Keberlanjutan usaha"), [_("Kelompok"), _("Bulan"), _("Disalurkan"), _("Berjalan"), _("Tutup"),
                                    _("Tutup sebelumnya"), _("Tidak terjangkau"), _("Belum dikunjungi"),
                                    _("Diikuti"), _("Bertahan"), _("Selang 95%"), _("Meninggal/pindah"),
                                    _("Tutup (kumulatif)"), _("Selang 95%")], survival_rows),
        (_("Omzet"), [_("Bulan"), _("Kabupaten/Kota"), _("Usaha berjalan"), _("Median omzet awal"), _("Median omzet"),
                      _("Median perubahan"), _("Naik dari awal"), _("Omzet ≥ UMK")], income_rows),
        (_("Alur penerima"), [_("Kabupaten/Kota"), *(str(label) for label in selectors.PIPELINE_LABELS)], pipeline_rows),
        (_("Realisasi anggaran"), [_("Dokumen"), _("Nomor"), _("Tempat"), _("Pagu"), _("Terealisasi"),
                                   _("Realisasi")], budget_rows),
    ]
    graduation_total, graduation_groups, _reasons = selectors.graduation(user, programme_year=programme_year)
    tables.append((_("Kelulusan (mandiri)"), [_("Kabupaten/Kota"), _("Disalurkan"), _("Lulus"), _("Persentase"),
                                              _("Selang 95%"), _("Lulus, kemudian tutup")],
                   [[g.label or _("Semua"), g.handed_over, g.graduated, _pct(g.share),
                     _interval(*g.interval) if g.interval else "", g.closed_after]
                    for g in [*graduation_groups, graduation_total]]))
    cohort_rows = []
    for cohort in selectors.cohorts(user, today=today):
        for cell in cohort.cells:
            if cell is not None:
                cohort_rows.append([cohort.programme_year.year, cell.months, cohort.handed_over, cell.reached,
                                    _pct(cell.survival), cell.omzet_median, cell.graduated])
    tables.append((_("Kohort antartahun"), [_("Angkatan"), _("Bulan"), _("Disalurkan"), _("Dijangkau"), _("Bertahan"),
                                            _("Median omzet"), _("Lulus")], cohort_rows))
    snapshot = selectors.snapshots_after_handover(programme_year=programme_year).first()
    if snapshot is not None:
        movement = selectors.desil_movement(user, programme_year=programme_year, snapshot=snapshot)
        tables.append((_("Keluar dari desil 1-%(max)s") % {"max": programme_year.desil_max},
                       [_("Kelompok"), _("Jumlah"), _("Tidak ditemukan di snapshot"),
                        _("Desil 1-%(max)s sebelumnya") % {"max": programme_year.desil_max}, _("Keluar"),
                        _("Persentase"), _("Selang 95%")],
                       [[label, s.total, s.not_found, s.n, s.left, _pct(s.share),
                         _interval(*s.interval) if s.interval else ""] for label, s in
                        ((_("Penerima"), movement.recipients), (_("Cadangan (pembanding)"), movement.reserve))]))
    return tables


def _cell(value, *, money: bool, year: bool) -> str:
    if value is None:
        return "-"
    if money:
        return rupiah(value)
    return angka(value) if isinstance(value, int) and not year else str(neutralise(value))


def report_title(programme_year) -> str:
    return _("Laporan Monitoring dan Evaluasi UEP %(year)s") % {"year": programme_year.year}


def report_pdf(*, programme_year, tables, province=None) -> bytes:
    """A4 landscape: a cover (letterhead, title, year, date), then each section's heading kept with its table,
    "Halaman x dari y" at the foot of every page."""
    buffer = io.BytesIO()
    title = report_title(programme_year)
    margin = 12 * mm
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin + 4 * mm, title=title, author=pdf.author(province), initialFontName=pdf.FONT)
    s = pdf.styles()
    money, years = {_(name) for name in MONEY}, {_(name) for name in YEARS}
    story = [pdf.letterhead(doc.width, province), Spacer(1, 45 * mm),
             Paragraph(pdf.esc(title), s["cover_title"]), Spacer(1, 8 * mm),
             Paragraph(pdf.esc(_("Bantuan Usaha Ekonomi Produktif (UEP) Tahun %(year)s") % {
                 "year": programme_year.year}), s["cover"]),
             Spacer(1, 30 * mm),
             Paragraph(pdf.esc(f"{pdf.paper_place(province)}, {pdf.date_text(wita_today())}"), s["cover"]),
             PageBreak()]
    for heading, headers, rows in tables:
        texts = [[_cell(v, money=headers[c] in money, year=headers[c] in years) for c, v in enumerate(row)]
                 for row in rows]
        data = [[Paragraph(pdf.esc(h), s["cell_bold"]) for h in headers]]
        data += [[Paragraph(pdf.esc(text), s["cell"]) for text in row] for row in texts]
        if not rows:
            data.append([Paragraph(pdf.esc(_("Belum ada data.")), s["cell"])] + [""] * (len(headers) - 1))
        table = Table(data, repeatRows=1, colWidths=pdf.column_widths(headers, texts, doc.width))
        table.setStyle(pdf.table_style([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f8")),
                                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                        # "Belum ada data." across the row, not wrapped in the first column
                                        *([("SPAN", (0, 1), (-1, 1))] if not rows else [])]))
        story += [Paragraph(pdf.esc(heading), s["heading"]), table, Spacer(1, 6 * mm)]
    story.append(Paragraph(pdf.esc(_("Perbandingan dengan calon cadangan bukan percobaan acak: penerima dan cadangan "
                                     "bisa berbeda sejak awal, jadi selisihnya belum tentu akibat bantuan.")),
                           s["body"]))
    story.append(_signature(programme_year=programme_year, province=province, width=doc.width))
    doc.build(story, canvasmaker=pdf.NumberedCanvas)
    return buffer.getvalue()


def _signature(*, programme_year, province, width: float) -> KeepTogether:
    """The report is the Dinas's: signed by the year's Kepala Dinas (the decree's signatory, ``papers``), place and
    date above; dots to fill while none is set."""
    from papers.selectors import signatory_for

    signer = signatory_for(programme_year=programme_year, kabupaten=None, province=province)
    block = pdf.signature_block(
        heading=[f"{pdf.paper_place(province)}, {pdf.date_text(wita_today())}",
                 (signer.position if signer else _("Kepala Dinas Sosial")) + ","],
        name=signer.name if signer else None, nip=signer.nip if signer else "", rank=signer.rank if signer else "",
        space=20 * mm)
    return KeepTogether([Spacer(1, 8 * mm), pdf.at_right(block, width=width)])


def report_files(*, programme_year, user, folder: Path, name: str) -> list[Path]:
    """The report's PDF and XLSX, with the same tables, written into ``folder``."""
    tables = report_tables(programme_year=programme_year, user=user)
    pdf_path, xlsx_path = folder / f"{name}.pdf", folder / f"{name}.xlsx"
    pdf_path.write_bytes(report_pdf(programme_year=programme_year, tables=tables, province=user.province))
    xlsx_path.write_bytes(xlsx_book(sheets=tables))
    return [pdf_path, xlsx_path]
