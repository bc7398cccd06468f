"""PDFs printed for a handover day (one BAST per recipient, one A4 page each) and for a bimtek (daftar hadir).

Made in the background as the kinds of ``disbursements.jobs`` (progress every few pages, the
download its owner's alone when it holds full NIKs, and logged).
"""

import datetime as dt
import io
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _, pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, Spacer, Table

from disbursements.models import Handover, TrainingSession
from papers.selectors import signatory_for
from uep import pdf
from uep.formatting import angka, mask_nik, nip, rupiah

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def verification_code_new() -> str:
    """8 random characters (40 bits): printed as XXXX-XXXX under the QR."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def verification_code_read(typed: str) -> str | None:
    """What a person typed ("k7qx-9m2a", "K7QX 9M2A") as the stored code (O read as 0, I and L as 1), or None
    when it cannot be one."""
    code = "".join(typed.split()).replace("-", "").upper().translate(str.maketrans("OIL", "011"))
    return code if len(code) == 8 and all(ch in CODE_ALPHABET for ch in code) else None


PROGRESS_EVERY = 25
MARGIN = 18 * mm
FOOTER = 23 * mm  # the verification QR and code at the foot of every BAST page


@dataclass
class BastPaper:
    """What every BAST of one area and year shares: who hands over, and the decree it executes."""

    signatory: object | None  # papers.Signatory
    decree: object | None  # quotas.Decree
    # Four eyes: who proposed and who approved each recipient's decision (by candidate) and a receipt marked
    # without evidence (by handover), read once for the whole area.
    decisions: dict = field(default_factory=dict)
    receipts: dict = field(default_factory=dict)


def bast_paper(*, programme_year_id: int, kabupaten_id: int) -> BastPaper:
    from quotas.models import Decree

    from approvals.selectors import approvals_applied
    from disbursements.services.four_eyes import ACT_RECEIVE_UNPROVEN
    from quotas.selectors import decision_approvals_by_candidate

    return BastPaper(
        signatory=signatory_for(programme_year=programme_year_id, kabupaten=kabupaten_id),
        decree=Decree.objects.filter(programme_year_id=programme_year_id,
                                     province__kabupaten_set=kabupaten_id).first(),
        decisions=decision_approvals_by_candidate(programme_year=programme_year_id, kabupaten=kabupaten_id),
        receipts={a.target_id: a for a in approvals_applied(kinds=[ACT_RECEIVE_UNPROVEN], year=programme_year_id,
                                                           kabupaten_id=kabupaten_id)})



def verification_url(code: str) -> str:
    return settings.SITE_URL + reverse("disbursements:bast_check", args=[code])


def _check_form_url() -> str:
    return settings.SITE_URL + reverse("disbursements:bast_check_form")


def _facts(number: str, rows: list[tuple[str, str]]) -> Table:
    """"1.  Nama : ..." and the party's other facts, the value wrapping in its column."""
    s = pdf.styles()
    width = A4[0] - 2 * MARGIN
    table = Table([[number if n == 0 else "", label, ":", Paragraph(pdf.esc(value), s["body"])]
                   for n, (label, value) in enumerate(rows)],
                  colWidths=[6 * mm, 30 * mm, 3 * mm, width - 39 * mm])
    table.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _items(lines: list) -> Table:
    s = pdf.styles()
    rows = [[Paragraph(pdf.esc(h), s["cell_bold"]) for h in (
        pgettext("nomor urut", "No."), _("Nama barang dan spesifikasi"), _("Jumlah"), _("Harga satuan"), _("Nilai"),
        _("No. seri"))]]
    for n, line in enumerate(lines, start=1):
        item = line.item
        # "a, b": several serials wrap between them, not inside one (the column fits one whole).
        serial = (", ".join(part.strip() for part in line.serial_numbers.split(",")) if line.serial_numbers
                  else "......................" if item.has_serial_number else "-")
        rows.append([str(n), Paragraph(pdf.esc(f"{item.name} ({item.specification})" if item.specification
                                               else item.name), s["cell"]),
                     f"{angka(line.quantity)} {item.unit}", rupiah(line.unit_price),
                     rupiah(line.quantity * line.unit_price), Paragraph(pdf.esc(serial), s["cell"])])
    rows.append(["", Paragraph(f"<b>{pdf.esc(_('Jumlah'))}</b>", s["cell"]), "", "",
                 rupiah(sum(line.quantity * line.unit_price for line in lines)), ""])
    table = Table(rows, colWidths=[10 * mm, 51.5 * mm, 20 * mm, 25 * mm, 26 * mm, 41 * mm], repeatRows=1)
    table.setStyle(pdf.table_style([
        ("FONTSIZE", (0, 0), (-1, -1), 7.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (2, 1), (4, -1), "RIGHT"), ("FONTNAME", (4, -1), (4, -1), pdf.FONT_BOLD),
        ("LEFTPADDING", (0, 0), (0, -1), 3), ("RIGHTPADDING", (0, 0), (0, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


SIGN_SPACE = 14 * mm
NAME_LINES = 2  # the recipient's printed name may take two lines under the signature


def _signature_head(lines: list[str]) -> list:
    s = pdf.styles()["center_small"]
    return [Paragraph(pdf.esc(line), s) for line in lines] + [Spacer(1, SIGN_SPACE)]


def _signatures(*, village, signer, recipient_name: str | None) -> Table:
    """Both parties, the witness, and the village head who knows of it (mengetahui) with room for the stamp.
    ``recipient_name`` None leaves the room of its two lines blank, for the page to print the name into."""
    s = pdf.styles()["center_small"]
    head = _("Kepala Desa %(name)s") if village.is_desa else _("Lurah %(name)s")
    col = (A4[0] - 2 * MARGIN) / 2
    # The village head signs over the stamp: the room to sign is the stamp's.
    stamp = Table([[Paragraph(pdf.esc(_("cap desa/kelurahan")), pdf.styles()["cell"])]], colWidths=[30 * mm],
                  rowHeights=[SIGN_SPACE])
    stamp.setStyle(pdf.table_style([("BOX", (0, 0), (-1, -1), 0.4, colors.grey, None, (2, 2)),
                                    ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)]))
    dots = Paragraph("(.................................)", s)
    receiver = _signature_head([_("PIHAK KEDUA"), _("Yang menerima,")])
    receiver.append(Paragraph(f"<b><u>{pdf.esc(recipient_name)}</u></b>", s) if recipient_name
                    else Spacer(1, NAME_LINES * s.leading))
    cells = [
        [receiver, pdf.signature_block(heading=[_("PIHAK PERTAMA"), _("Yang menyerahkan,")],
                                       name=signer.name if signer else None, nip=signer.nip if signer else "",
                                       rank=signer.rank if signer else "", space=SIGN_SPACE)],
        [[*_signature_head([_("Saksi,"), ""]), dots],
         [Paragraph(pdf.esc(_("Mengetahui,")), s), Paragraph(pdf.esc(head % {"name": village.name}), s), stamp,
          dots]],
    ]
    table = Table(cells, colWidths=[col, col])
    table.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 1), (-1, 1), 2 * mm)]))
    return table


def _opening(day, signer) -> list:
    s, dots = pdf.styles(), "...................."
    if day:
        opening = _("Pada hari ini %(date)s, bertempat di %(place)s, yang bertanda tangan di bawah ini:") % {
            "date": pdf.date_words(day.date), "place": day.place}
    else:
        opening = _("Pada hari ini %(dots)s tanggal %(dots)s bulan %(dots)s tahun %(dots)s, bertempat di %(dots)s, "
                    "yang bertanda tangan di bawah ini:") % {"dots": dots}
    first = [(_("Nama"), signer.name if signer else dots), (_("NIP"), nip(signer.nip) if signer else dots),
             (_("Jabatan"), signer.position if signer else dots)]
    return [Spacer(1, 2 * mm), Paragraph(pdf.esc(opening), s["body"]), Spacer(1, 1 * mm), _facts("1.", first),
            Paragraph(pdf.esc(_("selanjutnya disebut PIHAK PERTAMA;")), s["body"].clone("indent", leftIndent=6 * mm)),
            Spacer(1, 1 * mm)]


def _goods(*, year: int, decree, package, lines: list, province) -> list:
    """From "selanjutnya disebut PIHAK KEDUA" to the closing sentence: the decree, the goods, the total in
    words; the same for every recipient of one package."""
    s, dots = pdf.styles(), "...................."
    if decree:
        basis = _("Keputusan Kepala Dinas Sosial Provinsi %(province)s Nomor %(number)s tanggal %(date)s") % {
            "province": province.name, "number": decree.number, "date": pdf.date_text(decree.date)}
    else:
        basis = _("Keputusan Kepala Dinas Sosial Provinsi %(province)s Nomor %(dots)s tanggal %(dots)s") % {
            "province": province.name, "dots": dots}
    total = sum(line.quantity * line.unit_price for line in lines)
    return [
        Paragraph(pdf.esc(_("selanjutnya disebut PIHAK KEDUA.")), s["body"].clone("indent", leftIndent=6 * mm)),
        Spacer(1, 1 * mm),
        Paragraph(pdf.esc(_("Berdasarkan %(basis)s tentang Penetapan Penerima Bantuan Usaha Ekonomi Produktif "
                            "Tahun %(year)s, PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima "
                            "dari PIHAK PERTAMA, paket %(package)s berupa barang sebagai berikut:") % {
            "basis": basis, "year": year, "package": f"{package.code} - {package.name}"}), s["body"]),
        Spacer(1, 1 * mm), _items(lines),
        Paragraph(pdf.esc(_("Terbilang: %(words)s") % {"words": pdf.terbilang(total)}), s["body"]),
        _closing(),
        Spacer(1, 2 * mm),
    ]


def _closing() -> Paragraph:
    return Paragraph(pdf.esc(_("Barang tersebut diterima PIHAK KEDUA dalam keadaan baik dan lengkap, untuk dipergunakan "
                               "sebagai modal usaha dan tidak untuk dijual atau dipindahtangankan. Demikian berita "
                               "acara ini dibuat dalam rangkap dua untuk dipergunakan sebagaimana mestinya.")),
                     pdf.styles()["body"])


def _whole(flowables: list) -> Table:
    """Flowables that ``_flow`` never splits over two pages: the closing and every signature of a BAST go to the
    next page together, so that no one signs a sheet that shows neither the recipient's closing nor the others."""
    table = Table([[f] for f in flowables], colWidths=[A4[0] - 2 * MARGIN])
    table.setStyle(pdf.table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    table.keep_whole = True
    return table


def _head(year: int, province) -> list:
    s = pdf.styles()
    return [pdf.letterhead(A4[0] - 2 * MARGIN, province), Spacer(1, 3 * mm),
            Paragraph(pdf.esc(_("BERITA ACARA SERAH TERIMA BARANG")), s["title"]),
            Paragraph(pdf.esc(_("BANTUAN USAHA EKONOMI PRODUKTIF (UEP) TAHUN %(year)s") % {"year": year}), s["title"])]


def _number(handover) -> Paragraph:
    return Paragraph(pdf.esc(_("Nomor: %(number)s") % {"number": handover.bast_number}), pdf.styles()["center"])


def _recipient(handover, *, full_nik: bool) -> Table:
    c = handover.candidate
    return _facts("2.", [(_("Nama"), c.name), (_("NIK"), c.person.nik if full_nik else mask_nik(c.person.nik)),
                   (_("Alamat"), f"{c.address}, {c.kelurahan.name}, {c.kecamatan.name}, {c.kabupaten.name}"),
                   (_("Jenis usaha"), c.business_type)])


def _approvals(handover: Handover, paper: BastPaper) -> list:
    """Four eyes on this paper: who proposed and approved the decision, and a receipt marked without evidence."""
    from approvals.selectors import approval_line

    lines = []
    if decided := paper.decisions.get(handover.candidate_id):
        lines.append(_("Penetapan penerima: %(line)s") % {"line": approval_line(decided)})
    if received := paper.receipts.get(handover.pk):
        lines.append(_("Serah terima tanpa bukti: %(line)s") % {"line": approval_line(received)})
    return [Paragraph(pdf.esc(line), pdf.styles()["small"]) for line in lines]


def bast_story(handover: Handover, paper: BastPaper, *, full_nik: bool) -> list:
    """The flowables of one BAST: letterhead, title and number, the opening with the day in words, both
    parties, the decree, the goods with their total in words, the closing, the signatures."""
    c, signer = handover.candidate, paper.signatory
    province = c.kabupaten.province
    goods = _goods(year=c.programme_year_id, decree=paper.decree, package=handover.package_type, province=province,
                   lines=list(handover.lines.all()))
    closing, space = goods[-2:]
    return [*_head(c.programme_year_id, province), _number(handover), *_opening(handover.day, signer),
            _recipient(handover, full_nik=full_nik), *_approvals(handover, paper), *goods[:-2],
            _whole([closing, space, _signatures(village=c.kelurahan, signer=signer, recipient_name=c.name)])]


def _bast_footer(canvas: Canvas, handover: Handover, page: tuple[int, int] = (1, 1)) -> None:
    """The QR and the code; "Halaman x dari y" of this BAST when it takes more than one page."""
    code = handover.verification_code
    pdf.draw_qr(canvas, url=verification_url(code), code=f"{code[:4]}-{code[4:]}", x=A4[0] - MARGIN - 16 * mm,
                y=6 * mm, size=16 * mm)
    canvas.setFont(pdf.FONT, 7.5)
    line = _("BAST %(number)s · kode verifikasi %(code)s") % {"number": handover.bast_number,
                                                              "code": f"{code[:4]}-{code[4:]}"}
    if page[1] > 1:
        line += " · " + _("Halaman %(page)s dari %(pages)s") % {"page": page[0], "pages": page[1]}
    canvas.drawString(MARGIN, 10 * mm, line)
    canvas.drawString(MARGIN, 6.5 * mm, _("Pindai kode QR atau buka %(url)s untuk memeriksa BAST ini.") % {
        "url": _check_form_url()})


class _Blocks:
    """Blocks of flowables stacked down one page. What every BAST of a day repeats (the letterhead, the opening
    and PIHAK PERTAMA, a package's goods, the signatures of a village) is drawn once per file as a form
    XObject and placed again on each page: 1,680 pages stay within a minute."""

    FORM_HEIGHT = A4[1]

    def __init__(self, canvas: Canvas):
        self.canvas, self.width = canvas, A4[0] - 2 * MARGIN
        if not hasattr(canvas, "_bast_forms"):
            canvas._bast_forms = {}
        self.forms = canvas._bast_forms
        self.blocks: list[tuple[str, object, float]] = []

    def cached(self, key, make) -> float:
        if key not in self.forms:
            name = f"bast{len(self.forms)}"
            self.canvas.beginForm(name, 0, 0, self.width, self.FORM_HEIGHT)
            y = self.FORM_HEIGHT
            for flowable in make():
                _w, h = flowable.wrap(self.width, y)
                flowable.drawOn(self.canvas, 0, y - h)
                y -= h
            self.canvas.endForm()
            self.forms[key] = (name, self.FORM_HEIGHT - y)
        name, height = self.forms[key]
        self.blocks.append(("form", name, height))
        return height

    def live(self, flowable) -> float:
        _w, h = flowable.wrap(self.width, A4[1])
        self.blocks.append(("live", flowable, h))
        return h

    @property
    def height(self) -> float:
        return sum(h for _kind, _what, h in self.blocks)

    def draw(self, top: float) -> list[float]:
        """Draw the blocks from ``top`` down; the y of each block's top."""
        y, tops = top, []
        for kind, what, h in self.blocks:
            tops.append(y)
            if kind == "form":
                self.canvas.saveState()
                self.canvas.translate(MARGIN, y - self.FORM_HEIGHT)
                self.canvas.doForm(what)
                self.canvas.restoreState()
            else:
                what.drawOn(self.canvas, MARGIN, y - h)
            y -= h
        return tops


def bast_page(canvas: Canvas, handover: Handover, *, full_nik: bool, paper: BastPaper | None = None) -> None:
    """The BAST of one recipient, pre-filled, to be signed at the handover day: one A4 page (a list of goods too
    long for it goes on to a second), the verification QR at the foot of each."""
    if paper is None:
        paper = bast_paper(programme_year_id=handover.candidate.programme_year_id,
                           kabupaten_id=handover.candidate.kabupaten_id)
    c, day, signer, decree = handover.candidate, handover.day, paper.signatory, paper.decree
    lines = list(handover.lines.all())
    signer_key = (signer.name, signer.nip, signer.position, signer.rank) if signer else None
    blocks = _Blocks(canvas)
    province = c.kabupaten.province
    blocks.cached(("head", c.programme_year_id, province.pk), lambda: _head(c.programme_year_id, province))
    blocks.live(_number(handover))
    blocks.cached(("opening", day and (day.date, day.place), signer_key), lambda: _opening(day, signer))
    blocks.live(_recipient(handover, full_nik=full_nik))
    for line in _approvals(handover, paper):
        blocks.live(line)
    goods_key = ("goods", c.programme_year_id, decree and (decree.number, decree.date), handover.package_type.code,
                 handover.package_type.name, tuple((line.item.id, line.item.name, line.item.specification,
                                                    line.item.unit, line.quantity, line.unit_price,
                                                    line.serial_numbers) for line in lines))
    blocks.cached(goods_key, lambda: _goods(year=c.programme_year_id, decree=decree, package=handover.package_type,
                                            lines=lines, province=province))
    village = c.kelurahan
    blocks.cached(("signatures", village.name, village.is_desa, signer_key),
                  lambda: [_signatures(village=village, signer=signer, recipient_name=None)])
    name_style = pdf.styles()["center_small"]
    name = Paragraph(f"<b><u>{pdf.esc(c.name)}</u></b>", name_style)
    column = blocks.width / 2
    _w, name_height = name.wrap(column - 12, A4[1])
    top = A4[1] - 12 * mm
    if blocks.height <= top - FOOTER and name_height <= NAME_LINES * name_style.leading:
        tops = blocks.draw(top)
        # The printed name goes into the room the signatures block left under "Yang menerima,".
        if "receiver_head" not in blocks.forms:
            blocks.forms["receiver_head"] = sum(p.wrap(column - 12, A4[1])[1] for p in _signature_head(
                [_("PIHAK KEDUA"), _("Yang menerima,")]))
        above = blocks.forms["receiver_head"]
        name.drawOn(canvas, MARGIN + 6, tops[-1] - above - name_height)
        _bast_footer(canvas, handover)
        canvas.showPage()
        return
    # Too long for one page: the whole story flows on through as many pages as it takes, counted first on a
    # canvas thrown away so that each page can say "Halaman x dari y" of this BAST.
    pages = _flow(Canvas(io.BytesIO(), pagesize=A4), bast_story(handover, paper, full_nik=full_nik), bottom=FOOTER)
    _flow(canvas, bast_story(handover, paper, full_nik=full_nik), bottom=FOOTER,
          on_page=lambda n: _bast_footer(canvas, handover, page=(n, pages)))


def _flow(canvas: Canvas, story: list, *, bottom: float, on_page=lambda n: None) -> int:
    """Flow the story through as many A4 pages as it takes, between the margins, splitting a table where a page
    ends (a frame alone never splits; one marked ``keep_whole`` goes whole to the next page). The pages used."""
    pages = 0
    while story:
        first = story[0]
        frame = Frame(MARGIN, bottom, A4[0] - 2 * MARGIN, A4[1] - bottom - 12 * mm, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        frame.addFromList(story, canvas)
        if story and not getattr(story[0], "keep_whole", False):
            parts = frame.split(story[0], canvas)
            if parts and frame.add(parts[0], canvas):
                story[0:1] = parts[1:]
        pages += 1
        on_page(pages)
        canvas.showPage()
        if story and story[0] is first:  # taller than a page and cannot split: never loop on it
            raise ValueError(_("Isi naskah tidak muat di satu halaman."))
    return pages


def bast_codes_assign(*, day) -> None:
    """Give each handover of the day without one its verification code (random: nothing in the BAST number or
    the NIK tells it)."""
    missing = list(Handover.objects.filter(day=day, verification_code__isnull=True).only("id"))
    for h in missing:
        h.verification_code = verification_code_new()
    Handover.objects.bulk_update(missing, ["verification_code"], batch_size=500)


def _bast_handovers(day):
    return (Handover.objects.filter(day=day)
            .exclude(outcome__in=[Handover.Outcome.REPLACED, Handover.Outcome.CANCELLED])
            .select_related("candidate__person", "candidate__kabupaten", "candidate__kecamatan",
                            "candidate__kelurahan", "package_type", "day")
            .prefetch_related("lines__item").order_by("bast_number"))


def _attendance_pages(canvas: Canvas, *, kabupaten, programme_year_id: int, title: str, subtitle: str,
                      on: dt.date, people: list, columns: list[tuple[str, float, object]]) -> None:
    """An attendance list (daftar hadir): the letterhead, the title, a table whose header repeats on each page
    (``columns``: heading, width in mm (0: what is left), the cell of a person) with room to sign in each
    row, closed by the number invited and the area's official, kept with the last rows."""
    s = pdf.styles()
    width = A4[0] - 2 * MARGIN
    widths = [w * mm for _h, w, _cell in columns]
    widths = [w or width - sum(widths) for w in widths]
    rows = [[Paragraph(pdf.esc(heading), s["cell_bold"]) for heading, _w, _cell in columns]]
    rows += [[cell(n, person) for _h, _w, cell in columns] for n, person in enumerate(people, start=1)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    # Room to sign: each row at least 11 mm high, taller when a long name wraps.
    table.setStyle(pdf.table_style([("FONTSIZE", (0, 0), (-1, -1), 8), ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                    ("TOPPADDING", (0, 1), (-1, -1), 11), ("BOTTOMPADDING", (0, 1), (-1, -1), 11),
                                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    story = [pdf.letterhead(width, kabupaten.province), Spacer(1, 3 * mm), Paragraph(pdf.esc(title), s["title"]),
             Paragraph(pdf.esc(subtitle), s["center"]), Spacer(1, 4 * mm),
             pdf.TableThenClosing(table, _attendance_closing(kabupaten=kabupaten, programme_year_id=programme_year_id,
                                                             on=on, count=len(people), width=width))]
    _flow(canvas, story, bottom=15 * mm)


def _attendance_closing(*, kabupaten, programme_year_id: int, on, count: int, width: float) -> list:
    """Under the list: how many were invited, and the area's official who signs it (the BAST's PIHAK PERTAMA),
    with the place and date; dots to fill while no official is set."""
    signer = signatory_for(programme_year=programme_year_id, kabupaten=kabupaten)
    place = kabupaten.name.removeprefix("Kabupaten ").removeprefix("Kota ")
    block = pdf.signature_block(
        heading=[f"{place}, {pdf.date_text(on)}", (signer.position if signer else _("Pejabat penanggung jawab")) + ","],
        name=signer.name if signer else None, nip=signer.nip if signer else "", rank=signer.rank if signer else "",
        space=SIGN_SPACE)
    signature = pdf.at_right(block, width=width, column=80 * mm)
    return [Spacer(1, 3 * mm),
            Paragraph(pdf.esc(_("Jumlah diundang: %(n)s orang") % {"n": angka(count)}), pdf.styles()["body"]),
            Spacer(1, 3 * mm), signature]


def _cell(text: str) -> Paragraph:
    return Paragraph(pdf.esc(text), pdf.styles()["cell"])


def _nik_cell(full_nik: bool):
    return lambda n, c: c.person.nik if full_nik else mask_nik(c.person.nik)


def _signing_cell(n, _person) -> str:
    return f"{n}. ........................"


def bast_file(*, day, full_nik: bool, path: Path, progress) -> Path:
    """The BAST of every recipient of a handover day, one paper each with its QR, written to ``path``."""
    handovers = _bast_handovers(day)
    bast_codes_assign(day=day)
    total = handovers.count()
    progress(0, total)
    canvas = pdf.PaperCanvas(str(path), pagesize=A4)
    pdf.set_metadata(canvas, title=_("BAST penyaluran UEP %(place)s, %(date)s") % {
        "place": day.place, "date": pdf.date_text(day.date)}, province=day.kabupaten.province)
    paper = bast_paper(programme_year_id=day.programme_year_id, kabupaten_id=day.kabupaten_id)
    for n, handover in enumerate(handovers.iterator(chunk_size=200), start=1):
        bast_page(canvas, handover, full_nik=full_nik, paper=paper)
        if n % PROGRESS_EVERY == 0:
            progress(n)
    canvas.save()
    progress(total)
    return path


def attendance_file(*, session: TrainingSession, full_nik: bool, path: Path, progress) -> Path:
    """The attendance list of a bimtek, numbered "Halaman x dari y", written to ``path``."""
    participants = session.participants.select_related("person").order_by("name")
    progress(0, participants.count())
    canvas = pdf.NumberedCanvas(str(path), pagesize=A4)
    pdf.set_metadata(canvas, title=_("Daftar hadir bimtek UEP %(venue)s, %(date)s") % {
        "venue": session.venue, "date": pdf.date_text(session.date)}, province=session.kabupaten.province)
    people = list(participants)
    _attendance_pages(
        canvas, kabupaten=session.kabupaten, programme_year_id=session.programme_year_id, on=session.date,
        title=_("DAFTAR HADIR BIMBINGAN TEKNIS UEP"),
        subtitle=f"{session.topic} - {session.venue}, {pdf.date_text(session.date)} - {session.kabupaten.name}",
        people=people, columns=[
            (pgettext("nomor urut", "No."), 10, lambda n, c: str(n)), (_("Nama"), 55, lambda n, c: _cell(c.name)),
            (_("NIK"), 32, _nik_cell(full_nik)), (_("Alamat"), 0, lambda n, c: _cell(c.address)),
            (_("Tanda tangan"), 40, _signing_cell)])
    progress(len(people))
    canvas.save()
    return path


def day_attendance_file(*, day, full_nik: bool, path: Path, progress) -> Path:
    """The attendance list of a handover day: every family invited (not replaced, not cancelled) in BAST order,
    with its village and BAST number, to sign on arrival; numbered "Halaman x dari y"."""
    handovers = list(_bast_handovers(day))
    progress(0, len(handovers))
    canvas = pdf.NumberedCanvas(str(path), pagesize=A4)
    pdf.set_metadata(canvas, title=_("Daftar hadir penyaluran UEP %(place)s, %(date)s") % {
        "place": day.place, "date": pdf.date_text(day.date)}, province=day.kabupaten.province)
    _attendance_pages(
        canvas, kabupaten=day.kabupaten, programme_year_id=day.programme_year_id, on=day.date,
        title=_("DAFTAR HADIR PENYALURAN BANTUAN UEP"),
        subtitle=f"{day.place}, {pdf.date_text(day.date)} - {day.kabupaten.name}",
        people=handovers, columns=[
            (pgettext("nomor urut", "No."), 10, lambda n, h: str(n)),
            (_("Nama"), 34, lambda n, h: _cell(h.candidate.name)),
            (_("NIK"), 31, lambda n, h: _nik_cell(full_nik)(n, h.candidate)),
            (_("Kelurahan/Desa"), 0, lambda n, h: _cell(h.candidate.kelurahan.name)),
            (_("Nomor BAST"), 43, lambda n, h: _cell(h.bast_number)),
            (_("Tanda tangan"), 28, _signing_cell)])
    progress(len(handovers))
    canvas.save()
    return path
