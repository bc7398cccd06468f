"""Read a PDF back as a reader would (poppler's pdftotext, pdffonts, pdfinfo), for the tests of every paper."""

import io
import subprocess
import tempfile
from dataclasses import dataclass


@dataclass
class ReadPdf:
    text: str  # the text in reading order, pages separated by a form feed
    pages: list[str]
    fonts: list[tuple[str, bool]]  # (font name, embedded?)
    info: dict[str, str]  # Title, Author, Pages ...

    @property
    def words(self) -> str:
        """The text with every run of white space made one space (a wrapped line reads as one)."""
        return " ".join(self.text.split())


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def read_pdf(content: bytes) -> ReadPdf:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        text = _run("pdftotext", "-layout", "-enc", "UTF-8", f.name, "-")
        fonts = []
        for line in _run("pdffonts", f.name).splitlines()[2:]:
            parts = line.split()
            # name type [type] encoding emb sub uni object ID
            fonts.append((parts[0], parts[-5] == "yes"))
        info = {}
        for line in _run("pdfinfo", "-enc", "UTF-8", f.name).splitlines():
            key, _, value = line.partition(":")
            info[key.strip()] = value.strip()
    return ReadPdf(text=text, pages=text.split("\f")[:-1] or [text], fonts=fonts, info=info)


def assert_official(pdf: ReadPdf, *, title: str) -> None:
    """What every paper carries: its title and author in the metadata, only embedded Unicode fonts."""
    assert pdf.info["Title"] == title
    assert pdf.info["Author"] == "Dinas Sosial Provinsi Kalimantan Timur"
    assert pdf.fonts and all(embedded for _, embedded in pdf.fonts), pdf.fonts
    assert all("DejaVuSans" in name for name, _ in pdf.fonts), pdf.fonts


def scan_pdf(text="BAST 0001/UEP/2025", **save) -> bytes:
    """A one-page PDF with text, as a scanner's software or reportlab writes it: what an upload
    accepts (uep/uploads.py rewrites every PDF, so a few bytes that only start like one are refused)."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()
