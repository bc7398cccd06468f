"""The yearly monitoring report (laporan monev) for the head of Dinsos: the same tables as PDF and XLSX."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from monitoring import selectors
from monitoring.models import Report
from monitoring.schedule import wita_today
from uep.templatetags.uep import rupiah
from uep.xlsx import Percent, neutralise, xlsx_book


def _pct(value: float | None) -> Percent | None:
    # None: an empty cell in the sheet, "-" on the paper.
    return None if value is None else Percent(value)


def report_tables(*, programme_year, user) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of each section, as the user (a provincial reader) sees them."""
    today = wita_today()
    total, groups = selectors.survival(user, programme_year=programme_year, per="kabupaten", today=today)
    survival_rows = []
    for curve in [total, *groups]:
        for r in curve.rounds:
            survival_rows.append([curve.label or _("Semua"), r.months, r.cohort, r.running, r.closed,
                                  r.closed_before, r.not_reached, r.missed, r.pending, _pct(r.survival)])
    income_rows = [[r["label"] if not r["total"] else _("Semua"), r["months"], r["families"], r["with_baseline"],
                    r["baseline_median"], r["omzet_median"], r["change_median"], r["above_baseline"],
                    r["umk_known"], r["above_umk"]] for r in selectors.income(user, programme_year=programme_year)]
    pipeline = selectors.pipeline(user, programme_year=programme_year)
    pipeline_rows = [[r["kabupaten"].name, *(r[s] for s in selectors.PIPELINE_STEPS)] for r in pipeline]
    documents, realised = selectors.budget_realisation(programme_year=programme_year)
    budget_rows = [[d["document"].get_kind_display(), d["document"].number, d["places"], d["amount"], d["realised"],
                    _pct(d["share"])] for d in documents]
    tables = [
        (_("Keberlanjutan usaha"), [_("Kelompok"), _("Bulan"), _("Disalurkan"), _("Berjalan"), _("Tutup"),
                                    _("Tutup sebelumnya"), _("Tidak terjangkau"), _("Terlewat"),
                                    _("Belum dikunjungi"), _("Bertahan (Kaplan-Meier)")], survival_rows),
        (_("Omzet"), [_("Kabupaten/Kota"), _("Bulan"), _("Usaha berjalan"), _("Dengan data awal"),
                      _("Median omzet awal"), _("Median omzet"), _("Median perubahan"), _("Naik dari awal"),
                      _("UMK tersedia"), _("Omzet >= UMK")], income_rows),
        (_("Alur penerima"), [_("Kabupaten/Kota"), _("Diusulkan"), _("Lolos verifikasi"), _("Ditetapkan"),
                              _("Bimtek"), _("Disalurkan"), _("Dimonitor"), _("Masih berjalan")], pipeline_rows),
        (_("Realisasi anggaran"), [_("Dokumen"), _("Nomor"), _("Tempat"), _("Pagu (Rp)"), _("Terealisasi (Rp)"),
                                   _("Realisasi")], budget_rows),
    ]
    snapshot = selectors.snapshots_after_handover(programme_year=programme_year).first()
    if snapshot is not None:
        movement = selectors.desil_movement(user, programme_year=programme_year, snapshot=snapshot)
        tables.append((_("Keluar dari desil 1-%(max)s") % {"max": programme_year.desil_max},
                       [_("Kelompok"), _("Jumlah"), _("Ditemukan di %(s)s") % {"s": snapshot}, _("Miskin sebelumnya"),
                        _("Keluar"), _("Persentase")],
                       [[label, s.total, s.found, s.n, s.left, _pct(s.share)] for label, s in
                        ((_("Penerima"), movement.recipients), (_("Cadangan (pembanding)"), movement.reserve))]))
    return tables


def report_pdf(*, programme_year, tables) -> bytes:
    buffer = io.BytesIO()
    title = _("Laporan Monitoring dan Evaluasi UEP %(year)s") % {"year": programme_year.year}
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=title,
                            author="Dinas Sosial Provinsi Kalimantan Timur")
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=7.5, leading=9)
    story = [Paragraph(_("Dinas Sosial Provinsi Kalimantan Timur"), styles["Normal"]),
             Paragraph(title, styles["Title"]),
             Paragraph(_("Dicetak %(at)s") % {"at": timezone.localtime().strftime("%d-%m-%Y %H:%M WITA")},
                       styles["Normal"])]
    money = {_("Pagu (Rp)"), _("Terealisasi (Rp)"), _("Median omzet awal"), _("Median omzet"), _("Median perubahan")}
    for i, (heading, headers, rows) in enumerate(tables):
        if i:
            story.append(PageBreak() if len(rows) > 25 else Spacer(1, 6 * mm))
        story.append(Paragraph(heading, styles["Heading2"]))
        data = [[Paragraph(h, cell) for h in headers]]
        for row in rows:
            data.append([Paragraph(_escape(rupiah(v) if headers[c] in money and v is not None else
                                           "-" if v is None else f"{v:,}".replace(",", ".") if isinstance(v, int)
                                           else str(neutralise(v))), cell) for c, v in enumerate(row)])
        table = Table(data, repeatRows=1)
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f8")),
                                   ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(_("Perbandingan dengan calon cadangan bukan percobaan acak: penerima dan cadangan bisa "
                             "berbeda sejak awal, jadi selisihnya belum tentu akibat bantuan."), styles["Normal"]))
    doc.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def report_build(*, report_id: int) -> None:
    """Write the report's two files; a second run of a finished report does nothing."""
    report = Report.objects.select_related("programme_year", "requested_by").get(id=report_id)
    if report.status == Report.Status.DONE:
        return
    Report.objects.filter(id=report_id).update(status=Report.Status.RUNNING)
    tables = report_tables(programme_year=report.programme_year, user=report.requested_by)
    name = f"laporan-monev-uep-{report.programme_year_id}-{report.id}"
    with transaction.atomic():
        report.pdf.save(f"{name}.pdf", ContentFile(report_pdf(programme_year=report.programme_year, tables=tables)),
                        save=False)
        report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx_book(sheets=tables)), save=False)
        report.status, report.finished_at, report.message = Report.Status.DONE, timezone.now(), ""
        report.save()
