import datetime as dt

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Frame, Paragraph

from uep import pdf
from uep.tests.pdf import assert_official, read_pdf


@pytest.mark.parametrize("amount, words", [
    (0, "nol rupiah"),
    (1, "satu rupiah"),
    (11, "sebelas rupiah"),
    (12, "dua belas rupiah"),
    (19, "sembilan belas rupiah"),
    (20, "dua puluh rupiah"),
    (100, "seratus rupiah"),
    (111, "seratus sebelas rupiah"),
    (250, "dua ratus lima puluh rupiah"),
    (1_000, "seribu rupiah"),
    (1_500, "seribu lima ratus rupiah"),
    (2_026, "dua ribu dua puluh enam rupiah"),
    (11_000, "sebelas ribu rupiah"),
    (100_000, "seratus ribu rupiah"),
    (175_500, "seratus tujuh puluh lima ribu lima ratus rupiah"),
    (1_000_000, "satu juta rupiah"),
    (5_000_000, "lima juta rupiah"),
    (4_750_000, "empat juta tujuh ratus lima puluh ribu rupiah"),
    (1_001_000, "satu juta seribu rupiah"),
    (6_500_000_000, "enam miliar lima ratus juta rupiah"),
    (8_400_000_000, "delapan miliar empat ratus juta rupiah"),
    (1_000_000_000_000, "satu triliun rupiah"),
    (2_300_000_000_015, "dua triliun tiga ratus miliar lima belas rupiah"),
    (999_999_999_999_999, "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan "
                          "miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan "
                          "ribu sembilan ratus sembilan puluh sembilan rupiah"),
])
def test_terbilang_writes_rupiah_in_words(amount, words):
    assert pdf.terbilang(amount) == words


@pytest.mark.parametrize("amount", [-1, 10**15])
def test_terbilang_refuses_what_it_cannot_write(amount):
    with pytest.raises(ValueError):
        pdf.terbilang(amount)


def test_a_bast_date_is_written_in_words_with_its_day_name():
    assert pdf.date_words(dt.date(2026, 12, 7)) == (
        "Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam")
    assert pdf.date_words(dt.date(2025, 6, 1)) == "Minggu tanggal satu bulan Juni tahun dua ribu dua puluh lima"


def _paper(draw) -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = pdf.NumberedCanvas(buffer, pagesize=A4)
    pdf.set_metadata(canvas, title="Uji kertas")
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def test_names_with_diacritics_print_as_written_in_an_embedded_font_with_page_numbers():
    def draw(canvas):
        s = pdf.styles()
        for name in ["Ṣalāḥuddīn", "Dédé", "Nur'aini"]:
            frame = Frame(20 * mm, 20 * mm, A4[0] - 40 * mm, A4[1] - 40 * mm)
            frame.addFromList([pdf.letterhead(A4[0] - 40 * mm), Paragraph(pdf.esc(name), s["body"])], canvas)
            canvas.showPage()

    paper = read_pdf(_paper(draw))
    assert_official(paper, title="Uji kertas")
    assert [p.split() for p in paper.pages][0][-4:] == ["Halaman", "1", "dari", "3"]
    assert "Ṣalāḥuddīn" in paper.pages[0] and "Dédé" in paper.pages[1] and "Nur'aini" in paper.pages[2]
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in paper.pages[2]
    assert "Halaman 3 dari 3" in paper.words


def test_a_name_too_long_for_its_box_wraps_instead_of_being_cut():
    name = "Ṣalāḥuddīn " + " ".join(f"Bin Abdurrahman{n}" for n in range(8))

    def draw(canvas):
        frame = Frame(20 * mm, 20 * mm, 40 * mm, 200 * mm)
        frame.addFromList([Paragraph(pdf.esc(name), pdf.styles()["body"])], canvas)
        canvas.showPage()

    paper = read_pdf(_paper(draw))
    assert len([line for line in paper.text.splitlines() if line.strip()]) > 4
    assert paper.words.startswith(name)


def test_the_letterhead_reads_its_lines_from_the_settings(settings):
    settings.PAPER_LETTERHEAD = ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS SOSIAL", "Jalan Uji No. 1 Samarinda"]

    def draw(canvas):
        Frame(20 * mm, 20 * mm, A4[0] - 40 * mm, A4[1] - 40 * mm).addFromList([pdf.letterhead(A4[0] - 40 * mm)],
                                                                                 canvas)
        canvas.showPage()

    assert "Jalan Uji No. 1 Samarinda" in read_pdf(_paper(draw)).text


def test_each_province_prints_its_own_letterhead(settings, kaltim, kalsel):
    settings.PAPER_LETTERHEAD = ["PEMERINTAH PROVINSI KALIMANTAN TIMUR", "DINAS SOSIAL", "Jalan Uji No. 1 Samarinda"]

    assert pdf.letterhead_lines(kaltim) == settings.PAPER_LETTERHEAD  # the server's own province
    assert pdf.letterhead_lines(kalsel) == ["PEMERINTAH PROVINSI KALIMANTAN SELATAN", "DINAS SOSIAL"]
    kalsel.letterhead = "PEMERINTAH PROVINSI KALIMANTAN SELATAN\nDINAS SOSIAL\n\nJalan Uji Banjarmasin"

    def draw(canvas):
        Frame(20 * mm, 20 * mm, A4[0] - 40 * mm, A4[1] - 40 * mm).addFromList(
            [pdf.letterhead(A4[0] - 40 * mm, kalsel)], canvas)
        canvas.showPage()

    text = read_pdf(_paper(draw)).text
    assert "Jalan Uji Banjarmasin" in text and "KALIMANTAN TIMUR" not in text
