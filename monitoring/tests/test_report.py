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


def test_the_report_ends_signed_by_the_years_kepala_dinas(users, programme_year, samarinda, hand_over):
    from papers.services import signatory_save

    signatory_save(programme_year=programme_year, kabupaten=None, name="Dr. Hj. Kepala Dinas, M.Si.",
                   nip="197202022000031002", position="Kepala Dinas Sosial Provinsi Kalimantan Timur",
                   user=users["provincial"])
    hand_over(samarinda, name="Keluarga Satu")
    tables = report_tables(programme_year=programme_year, user=users["provincial"])
    last = " ".join(read_pdf(report_pdf(programme_year=programme_year, tables=tables,
                                        province=samarinda.province)).pages[-1].split())
    assert "Samarinda," in last and "Kepala Dinas Sosial Provinsi Kalimantan Timur," in last
    assert "Dr. Hj. Kepala Dinas, M.Si." in last and "NIP 19720202 200003 1 002" in last


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


def test_an_empty_table_says_so_on_one_line(users, programme_year):
    """No handover yet: "Belum ada data." spans its row (it wrapped as Belum / ada / data. in the first column)."""
    tables = report_tables(programme_year=programme_year, user=users["provincial"])
    empty = sum(1 for _title, _headers, rows in tables if not rows)
    text = read_pdf(report_pdf(programme_year=programme_year, tables=tables)).text
    assert empty >= 2 and text.count("Belum ada data.") == empty


def test_no_column_heading_breaks_inside_a_word(report):
    """Fourteen columns on a landscape page: each is at least as wide as its longest word ("Disalurka|n" before)."""
    tables, paper = report
    for title, headers, rows in tables:
        words = next(p for p in paper.pages if title in p).split()
        assert [w for h in headers for w in h.split() if w not in words] == [], title


def test_the_report_carries_each_cohort_as_the_cohort_page_does(users, programme_year, samarinda, hand_over, visit):
    from monitoring import selectors
    from monitoring.schedule import wita_today
    from monitoring.services.rounds import rounds_schedule

    family = hand_over(samarinda, name="Keluarga Kohort")
    rounds_schedule()
    visit(family, 6, "berjalan", revenue=2_250_000)
    tables = report_tables(programme_year=programme_year, user=users["provincial"])
    cohort = {title: rows for title, h, rows in tables}["Kohort antartahun"]

    (page,) = selectors.cohorts(users["provincial"], today=wita_today())
    six = page.cells[0]
    assert cohort[0][:4] == [2025, 6, 1, 1] and cohort[0][5:] == [2_250_000, 0]
    assert float(cohort[0][4]) == six.survival == 1.0 and six.omzet_median == 2_250_000
    assert [row[1] for row in cohort] == [6, 12, 24, 36]
    paper = read_pdf(report_pdf(programme_year=programme_year, tables=tables))
    text = " ".join(paper.pages)
    assert "Kohort antartahun" in paper.words and "Rp 2.250.000" in text
    # A cohort is named by its year, not counted: 2025, never "2.025".
    assert "2.025" not in text and [line.split()[:2] for line in text.splitlines() if line.split()[:1] == ["2025"]] \
        == [["2025", "6"], ["2025", "12"], ["2025", "24"], ["2025", "36"]]
