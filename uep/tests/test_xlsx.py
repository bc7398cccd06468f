"""The one XLSX writer: text that would be a formula stays text, dates are date cells, shares are percents."""

import datetime as dt
import io

import openpyxl

from uep.xlsx import Percent, xlsx_bytes


def test_dates_are_date_cells_and_a_percent_is_a_number_formatted_as_percent():
    data = xlsx_bytes(headers=["Nama", "Tanggal lahir", "Dicatat", "Bertahan", "UMK"],
                      rows=[["=1+1", dt.date(1985, 3, 7), dt.datetime(2026, 12, 7, 9, 30), Percent(0.853), 3_579_313]])

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    name, born, recorded, share, umk = sheet[2]
    assert name.data_type == "s" and name.value == "'=1+1"
    assert born.is_date and born.value == dt.datetime(1985, 3, 7) and born.number_format == "dd/mm/yyyy"
    assert recorded.is_date and recorded.value == dt.datetime(2026, 12, 7, 9, 30)
    assert share.data_type == "n" and share.value == 0.853 and share.number_format == "0.0%"
    assert umk.data_type == "n" and umk.value == 3_579_313


def test_a_percent_reads_the_indonesian_way_on_pages_and_papers():
    assert str(Percent(0.853)) == "85,3%"
