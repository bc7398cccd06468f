"""What every paper the app prints shares: the Unicode font, the letterhead, the date and the amount in
words, page numbers "Halaman x dari y", the metadata, the verification QR.

An official paper of a regional office (naskah dinas, Permendagri 1/2023) carries a letterhead, a
number, place and date and signature blocks; the amount of a berita acara is written in words too.
The fonts are DejaVu Sans (``static/fonts``, Bitstream Vera licence), embedded as a subset, so a name
such as "Ṣalāḥuddīn" prints as written; the built-in Helvetica knows only Latin-1.
"""

import datetime as dt
import functools
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from uep import formatting
from uep.formatting import tanggal

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
AUTHOR = "Dinas Sosial Provinsi Kalimantan Timur"
# Compressed streams stay binary: reportlab's ASCII85 wrapping is pure Python and would take a tenth of a
# BAST page's time, for a file a quarter larger.
rl_config.useA85 = 0
# reportlab builds the Reed-Solomon generator polynomial again for every block of every QR code; it depends
# only on the block's length (and is never changed in place), so one per length is kept.
qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(functools.cache(qrencoder.QRUtil.getErrorCorrectPolynomial))


@functools.cache
def register_fonts() -> str:
    """Register DejaVu Sans (regular and bold, as one family so ``<b>`` works) once per process."""
    from reportlab.lib.fonts import addMapping

    pdfmetrics.registerFont(TTFont(FONT, FONT_DIR / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))
    for bold, italic, name in ((0, 0, FONT), (1, 0, FONT_BOLD), (0, 1, FONT), (1, 1, FONT_BOLD)):
        addMapping(FONT, bold, italic, name)
    return FONT


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "body": body,
        "small": body.clone("small", fontSize=8.5, leading=10.5),
        "cell": body.clone("cell", fontSize=7.5, leading=9),
        "cell_bold": body.clone("cell_bold", fontName=FONT_BOLD, fontSize=7.5, leading=9),
        "center": body.clone("center", alignment=TA_CENTER),
        "center_small": body.clone("center_small", alignment=TA_CENTER, fontSize=9, leading=11.5),
        "title": body.clone("title", fontName=FONT_BOLD, fontSize=12.5, leading=16, alignment=TA_CENTER),
        "heading": body.clone("heading", fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4,
                              keepWithNext=1),
        "cover_title": body.clone("cover_title", fontName=FONT_BOLD, fontSize=20, leading=26, alignment=TA_CENTER),
        "cover": body.clone("cover", fontSize=13, leading=18, alignment=TA_CENTER),
    }


def esc(value) -> str:
    """Text for a Paragraph (which reads a little XML): ``&``, ``<`` and ``>`` kept as written."""
    return _xml_escape(str(value))


# --- Words -------------------------------------------------------------------------------------

_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]
_SCALES = [(10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def _words(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        return " ".join(filter(None, [f"{_UNITS[n // 10]} puluh", _words(n % 10)]))
    if n < 200:
        return " ".join(filter(None, ["seratus", _words(n - 100)]))
    if n < 1000:
        return " ".join(filter(None, [f"{_UNITS[n // 100]} ratus", _words(n % 100)]))
    if n < 2000:
        return " ".join(filter(None, ["seribu", _words(n - 1000)]))
    if n < 10**6:
        return " ".join(filter(None, [f"{_words(n // 1000)} ribu", _words(n % 1000)]))
    for size, name in _SCALES:
        if n >= size:
            return " ".join(filter(None, [f"{_words(n // size)} {name}", _words(n % size)]))
    raise AssertionError(n)


def number_words(n: int) -> str:
    """12 -> "dua belas", 1.500 -> "seribu lima ratus" (up to 999 triliun)."""
    if not 0 <= n < 10**15:
        raise ValueError(f"{n} di luar 0 sampai 999 triliun")
    return "nol" if n == 0 else _words(n)


def terbilang(amount: int) -> str:
    """The amount of Rupiah in words, as a berita acara writes it: 5.000.000 -> "lima juta rupiah"."""
    return f"{number_words(int(amount))} rupiah"


def date_words(day: dt.date) -> str:
    """"Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam", as a BAST opens."""
    return (f"{DAYS[day.weekday()]} tanggal {number_words(day.day)} bulan {MONTHS[day.month - 1]} "
            f"tahun {number_words(day.year)}")


def date_text(day: dt.date | None) -> str:
    """The app's one date style ("7 Des 2026"); dots to fill by hand when there is none."""
    return tanggal(day) if day else "...................."


# --- The paper ---------------------------------------------------------------------------------

def author(province=None) -> str:
    """The office a paper's metadata names: the province's Dinas Sosial (None: the server's own)."""
    return AUTHOR if province is None else f"Dinas Sosial Provinsi {province.name}"


def set_metadata(canvas: Canvas, *, title: str, province=None) -> None:
    canvas.setTitle(title)
    canvas.setAuthor(author(province))
    canvas.setCreator("UEP Kaltim")


def table_style(commands: list) -> TableStyle:
    """A table style whose plain-string cells are in DejaVu Sans too (a Table's own default is Helvetica)."""
    register_fonts()
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


# reportlab's default cell padding, left and right.
CELL_PADDING = 12


def column_widths(headers: list[str], rows: list[list[str]], total: float, *, size: float = 7.5) -> list[float]:
    """Widths for a table of ``total`` points that break no word when the words fit: each column gets at least its
    longest word (the headers in bold), and what is left goes to the columns whose text would wrap, by how much."""
    register_fonts()

    def width(text: str, font: str, longest_word: bool) -> float:
        parts = text.split() if longest_word else [text]
        return max((pdfmetrics.stringWidth(part, font, size) for part in parts), default=0) + CELL_PADDING

    columns = list(zip(headers, *rows)) if rows else [(h,) for h in headers]
    least = [max([width(c[0], FONT_BOLD, True), *(width(t, FONT, True) for t in c[1:])]) for c in columns]
    whole = [max([width(c[0], FONT_BOLD, False), *(width(t, FONT, False) for t in c[1:])]) for c in columns]
    if sum(whole) <= total:
        return [w * total / sum(whole) for w in whole]
    if sum(least) >= total:  # too many columns for the page: every one shrinks alike, words break
        return [w * total / sum(least) for w in least]
    spare, wanted = total - sum(least), sum(w - m for w, m in zip(whole, least))
    return [m + (w - m) * spare / wanted for w, m in zip(whole, least)]


def letterhead_lines(province=None) -> list[str]:
    """The office's lines for a province's papers (a ``regions.Province``; None: the server's own): its own
    kop if set, the server's (``PAPER_LETTERHEAD``) for the server's province, else one from its name."""
    if province is None or (not province.letterhead.strip() and province.code == settings.PAPER_PROVINCE):
        return list(settings.PAPER_LETTERHEAD)
    if province.letterhead.strip():
        return [line.strip() for line in province.letterhead.splitlines() if line.strip()]
    return [_("PEMERINTAH PROVINSI %(name)s") % {"name": province.name.upper()}, _("DINAS SOSIAL")]


def paper_place(province=None) -> str:
    """Where a province's papers are signed: its own place if set, the server's (``PAPER_PLACE``) for the
    server's province (None: the server's own), else its name (a capital is not guessed)."""
    if province is not None and province.paper_place.strip():
        return province.paper_place.strip()
    if province is None or province.code == settings.PAPER_PROVINCE:
        return settings.PAPER_PLACE
    return province.name


def letterhead(width: float, province=None) -> Table:
    """The kop surat: the logo (``PAPER_LOGO``) left of the office's lines (``letterhead_lines``), a double rule."""
    s = styles()
    lines = letterhead_lines(province)
    text = [Paragraph(esc(line), s["center"].clone("kop", fontName=FONT_BOLD if n < 2 else FONT,
                                                      fontSize=(12, 14)[n] if n < 2 else 8.5,
                                                      leading=(15, 17)[n] if n < 2 else 10.5))
            for n, line in enumerate(lines)]
    logo = _logo()
    cells = [[logo or "", text, ""]]
    table = Table(cells, colWidths=[22 * mm, width - 44 * mm, 22 * mm])
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.6, colors.black),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
    ]))
    return table


def _logo():
    path = settings.PAPER_LOGO
    if not path or not Path(path).is_file():
        return None
    return Image(str(path), width=18 * mm, height=20 * mm, kind="proportional")


def draw_qr(canvas: Canvas, *, url: str, code: str, x: float, y: float, size: float = 20 * mm) -> None:
    """A QR of the verification URL at (x, y), its short code printed under it. Drawn as a one-bit image of
    its modules: reportlab's QR widget goes through renderPDF, which names an unembedded Helvetica, and a
    rectangle per module costs a BAST page more than the rest of it."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(url)
    qr.version = qr.calculate_version()
    # One fixed mask: any of the eight reads; choosing the "best" one scores all eight (most of a page's time).
    qr.makeImpl(False, 0)
    n = qr.getModuleCount()
    image = PILImage.new("1", (n, n), 1)
    image.putdata([0 if dark else 1 for row in qr.modules for dark in row])
    canvas.drawImage(ImageReader(image), x, y, size, size)
    canvas.setFont(FONT, 7)
    canvas.drawCentredString(x + size / 2, y - 3.2 * mm, code)


class PaperCanvas(Canvas):
    """A canvas that starts every page in DejaVu Sans (reportlab's Helvetica would be named, unembedded)."""

    def __init__(self, *args, **kwargs):
        register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        kwargs.setdefault("pageCompression", 1)
        super().__init__(*args, **kwargs)


class NumberedCanvas(PaperCanvas):
    """Writes "Halaman x dari y" at the foot of every page once the number of pages is known."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            width = self._pagesize[0]
            self.setFont(FONT, 8)
            self.drawRightString(width - 12 * mm, 7 * mm, _("Halaman %(page)s dari %(pages)s")
                                 % {"page": self._pageNumber, "pages": total})
            super().showPage()
        super().save()


class TableThenClosing(Flowable):
    """A table and what closes it (approvals, a signature block), which never stands alone on a page: when the
    closing does not fit under the table, the table's last ``rows`` rows go on to the next page with it, under
    the table's repeated header, so the signature closes rows of the list it signs."""

    def __init__(self, table: Table, closing: list, *, rows: int = 3):
        super().__init__()
        self.table, self.closing, self.rows = table, closing, rows

    def _closing_height(self, width: float, height: float) -> float:
        return sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.closing)

    def wrap(self, availWidth, availHeight):
        _w, table_height = self.table.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, table_height + self._closing_height(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        y = self.height
        for flowable in [self.table, *self.closing]:
            _w, h = flowable.wrap(self.width, y)
            y -= flowable.getSpaceBefore() + h
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        heights = self.table._rowHeights
        keep = min(self.rows, len(heights) - self.table.repeatRows)
        room = min(availHeight, sum(heights[:len(heights) - keep]))
        parts = self.table.split(availWidth, room) if keep > 0 else []
        if len(parts) < 2:
            return []  # nothing of the table fits with a tail to carry the closing: all of it to the next page
        return [parts[0], TableThenClosing(parts[1], self.closing, rows=self.rows)]


def at_right(parts: list, *, width: float, column: float = 95 * mm) -> Table:
    """A signature block (``signature_block``) in a column at the right of a ``width`` wide page, as a
    paper closes."""
    table = Table([["", parts]], colWidths=[width - column, column])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def signature_block(*, heading: list[str], name: str | None, nip: str | None = None, rank: str = "",
                    space: float = 18 * mm, style: str = "center_small") -> list:
    """Lines above the signature, room to sign, the printed name (dots to fill when unknown), the rank and
    the NIP (``None``: a person with no NIP, such as the recipient)."""
    from reportlab.platypus import Spacer

    s = styles()[style]
    parts = [Paragraph(esc(line), s) for line in heading]
    parts.append(Spacer(1, space))
    parts.append(Paragraph(f"<b><u>{esc(name)}</u></b>" if name else "(.................................)", s))
    if rank:
        parts.append(Paragraph(esc(rank), s))
    if nip is not None:
        parts.append(Paragraph(f"NIP {esc(formatting.nip(nip))}" if nip else "NIP ..........................", s))
    return parts
