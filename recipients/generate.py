"""Realistic synthetic candidate lists (demo data, tests, benchmarks): valid NIKs built from the
real kecamatan codes of the kabupaten/kota, birth dates and sex that agree with them."""

import datetime as dt
import io
import random

import xlsxwriter

from recipients.nik import make_nik
from recipients.selectors import active_packages
from recipients.contract import COLUMNS
from regions.models import Kabupaten

MEN = ["Ahmad", "Budi", "Agus", "Hendra", "Rudi", "Slamet", "Joko", "Syahrani", "Muhammad", "Rahmat", "Irwan",
       "Darmawan", "Yusuf", "Fajar", "Andi", "Arif", "Bambang", "Supriadi", "Haris", "Ilham", "Taufik", "Abdul"]
WOMEN = ["Siti", "Nurhayati", "Sri", "Rina", "Dewi", "Fitriani", "Rahmawati", "Aminah", "Yuliana", "Kartini",
         "Hasanah", "Wahyuni", "Lestari", "Murni", "Ratna", "Nurul", "Halimah", "Erna", "Suryani", "Maryam"]
FAMILY = ["Saputra", "Hidayat", "Kurniawan", "Wijaya", "Setiawan", "Pratama", "Rahman", "Hasan", "Nugroho",
          "Syahputra", "Susanti", "Rahayu", "Lubis", "Siregar", "Daeng", "Aji", "Gunawan", "Mahmud", "Anwar", "Sari"]
STREETS = ["Jl. Pangeran Antasari", "Jl. Cendana", "Jl. Juanda", "Jl. Pemuda", "Jl. Gerilya", "Jl. Merdeka",
           "Jl. Sentosa", "Jl. Padat Karya", "Gg. Mawar", "Gg. Melati", "Jl. Lambung Mangkurat", "Jl. Kadrie Oening"]
BUSINESSES = ["Gorengan", "Warung kelontong", "Jahit pakaian", "Kue basah", "Bengkel motor", "Anyaman rotan",
              "Nasi kuning", "Keripik pisang", "Laundry kiloan", "Pentol bakso", "Amplang", "Sayur keliling",
              "Es teh", "Cuci motor", "Tanaman hias"]

HEADERS = list(COLUMNS)


def candidate_rows(*, kabupaten: Kabupaten, rows: int, year: int = 2025, seed: int = 1,
                   bad_rows: int = 0, serial_start: int = 1) -> list[list]:
    """``rows`` rows for the contract's columns; the last ``bad_rows`` break one rule each.

    PAKET_USULAN is one of the year's active package codes (from the catalogue) or blank."""
    rng = random.Random(seed)
    packages = ["", ""] + [code for code, _name in active_packages(programme_year_id=year,
                                                                              province_id=kabupaten.province_id)]
    areas = [(kec, list(kec.kelurahan_set.all())) for kec in kabupaten.kecamatan_set.all()]
    areas = [(kec, kels) for kec, kels in areas if kels]
    used = set()
    out = []
    serial = serial_start
    for i in range(rows):
        kec, kels = rng.choice(areas)
        sex = rng.choice("LP")
        born = dt.date(year - rng.randint(19, 59), rng.randint(1, 12), rng.randint(1, 28))
        while True:
            nik = make_nik(kecamatan_code=kec.code, birth_date=born, sex=sex, serial=serial % 9999 + 1)
            serial += 1
            if nik not in used:
                used.add(nik)
                break
        first = rng.choice(MEN if sex == "L" else WOMEN)
        kk = f"{kec.code.replace('.', '')}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(10, 24):02d}" \
             f"{rng.randint(1, 9999):04d}"
        out.append([
            nik, kk, f"{first} {rng.choice(FAMILY)}", sex, born, kabupaten.code, kec.name, rng.choice(kels).name,
            f"{rng.choice(STREETS)} No. {rng.randint(1, 120)} RT {rng.randint(1, 40):03d} RW {rng.randint(1, 12):03d}",
            f"08{rng.choice(['11', '12', '13', '21', '52', '53', '57', '77'])}{rng.randint(1000000, 99999999)}",
            rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6]), rng.choice(BUSINESSES), rng.choice(["BERJALAN", "BERJALAN", "BERHENTI"]),
            rng.choice(packages), "",
        ])
    for n, row in enumerate(out[len(out) - bad_rows:] if bad_rows else []):
        _break(row, n, out)
    return out


def _break(row: list, n: int, rows: list) -> None:
    kind = n % 8
    if kind == 0:
        row[0] = float(row[0])  # Excel turned the NIK into a number
    elif kind == 1:
        row[0] = f"{int(row[0][:3]) / 100:.2f}E+15"
    elif kind == 2:
        row[3] = "P" if row[3] == "L" else "L"  # sex disagrees with the NIK
    elif kind == 3:
        row[6] = "Kecamatan Entah"
    elif kind == 4:
        row[10] = 11
    elif kind == 5:
        row[12] = "TUTUP"
    elif kind == 6:
        row[0] = rows[0][0]  # repeats the first row's NIK
    else:
        row[2] = ""


def candidate_xlsx(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet("Calon")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            else:
                ws.write_number(r, c, value)
    book.close()
    return buffer.getvalue()


def candidate_csv(rows: list[list], delimiter: str = ",") -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([v.strftime("%Y-%m-%d") if isinstance(v, dt.date) else v for v in row])
    return out.getvalue().encode("utf-8")
