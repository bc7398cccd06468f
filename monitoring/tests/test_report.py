import pytest

from monitoring.report import report_pdf, report_tables, report_title
from uep.tests.pdf import assert_official, read_pdf


@pytest.fixture
def report(users, programme_year, samarinda, hand_over):
    hand_over(samarinda, name="Ṣalāḥuddīn Dédé")
    tables = report_tables(programme_year=programme_year, user=users["provincial"])
    return tables, read_pdf(report_pdf(programme_year=programme_year, tables=tables))


def test_the_yearly_report_opens_with_a_cover_and_numbers_its_pages(report, programme_year):
    tables, paper = report
    assert_official(paper, title=report_title(programme_year))
    cover = " ".join(paper.pages[0].split())
    assert "Laporan Monitoring dan Evaluasi UEP 2025" in cover and "Tahun 2025" in cover and "Samarinda," in cover
    assert "Keberlanjutan usaha" not in cover
    total = len(paper.pages)
    assert total >= 2
    for n, page in enumerate(paper.pages, start=1):
        assert f"Halaman {n} dari {total}" in page


def test_the_report_has_the_columns_of_the_pages(report):
    tables, paper = report
    headers = {title: h for title, h, rows in tables}
    assert headers["Keberlanjutan usaha"] == ["Kelompok", "Bulan", "Disalurkan", "Berjalan", "Tutup",
                                              "Tutup sebelumnya", "Tidak terjangkau", "Belum dikunjungi", "Diikuti",
                                              "Bertahan", "Selang 95%", "Meninggal/pindah", "Tutup (kumulatif)",
                                              "Selang 95%"]
    assert headers["Kelulusan (mandiri)"] == ["Kabupaten/Kota", "Disalurkan", "Lulus", "Persentase", "Selang 95%",
                                              "Lulus, kemudian tutup"]
    assert headers["Kohort antartahun"] == ["Angkatan", "Bulan", "Disalurkan", "Dijangkau", "Bertahan",
                                            "Median omzet", "Lulus"]
    graduation = {title: rows for title, h, rows in tables}["Kelulusan (mandiri)"]
    assert graduation[-1][:3] == ["Semua", 1, 0]
    assert "Kelulusan (mandiri)" in paper.words and "Kohort antartahun" in paper.words
    assert headers["Omzet"] == ["Bulan", "Kabupaten/Kota", "Usaha berjalan", "Median omzet awal", "Median omzet",
                                "Median perubahan", "Naik dari awal", "Omzet ≥ UMK"]
    assert headers["Alur penerima"] == ["Kabupaten/Kota", "Diusulkan", "Lolos verifikasi", "Ditetapkan", "Bimtek",
                                        "Disalurkan", "Dimonitor", "Masih berjalan"]
    pipeline = {title: rows for title, h, rows in tables}["Alur penerima"]
    assert pipeline[-1][0] == "Jumlah" and pipeline[-1][5] == 1
    assert "Omzet ≥ UMK" in paper.words


def test_each_heading_is_on_the_page_of_its_table(report):
    tables, paper = report
    for title, headers, rows in tables:
        page = next(p for p in paper.pages if title in p)
        assert headers[0] in page
