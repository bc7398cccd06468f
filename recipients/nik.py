"""NIK and No. KK: parse and validate the structure of the two Indonesian identity numbers.

NIK: ``PP KK CC DDMMYY SSSS`` - province, kabupaten/kota, kecamatan of registration,
birth date (40 added to the day for women), a serial that is never 0000. No check digit.
No. KK: 16 digits, the first 6 a region code like the NIK's.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from uep.formatting import tanggal

# ASCII digits only: ``\d`` would also take full-width or Arabic-Indic digits.
DIGITS_16 = re.compile(r"[0-9]{16}")
# Excel's scientific form, with a decimal point or (Indonesian locale) a comma: "6.47E+15", "6,47202E+15".
SCIENTIFIC = re.compile(r"[0-9]+([.,][0-9]*)?[eE][+-]?[0-9]+")
KALTIM = "64"
# Kemendagri province codes, including the Papua provinces created in 2022.
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "93", "94", "95", "96",
})


class InvalidNumber(ValueError):
    """Raised with an Indonesian message that can be shown as is."""


@dataclass(frozen=True)
class Nik:
    number: str
    province: str  # "64"
    kabupaten_code: str  # dotted, "64.72"
    kecamatan_code: str  # dotted, "64.72.01"
    birth_date: dt.date
    sex: str  # "L" or "P"
    serial: str

    @property
    def is_kaltim(self) -> bool:
        return self.province == KALTIM


def check_number(value, label: str) -> str:
    """The structure both numbers share: 16 ASCII digits, a province that exists, kabupaten/kota,
    kecamatan and serial not zero. Returns the number; raises InvalidNumber saying what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidNumber(_("%(label)s kosong.") % {"label": label})
    if not isinstance(value, str):
        # Excel turned the cell into a number: precision may be lost, so never guess.
        raise InvalidNumber(_("%(label)s tersimpan sebagai angka, bukan teks; format kolom sebagai Teks lalu ketik ulang.")
                            % {"label": label})
    value = value.strip()
    if SCIENTIFIC.fullmatch(value):
        raise InvalidNumber(_("%(label)s berbentuk notasi ilmiah (%(value)s) karena diubah Excel; format kolom sebagai "
                              "Teks lalu ketik ulang.") % {"label": label, "value": value})
    if not DIGITS_16.fullmatch(value):
        if not value.isascii() or not value.isdigit():
            # What was read, an invisible character (a zero-width space pasted from a web page) shown as "?".
            shown = "".join(ch if ch.isprintable() and not ch.isspace() or ch == " " else "?" for ch in value[:40])
            raise InvalidNumber(_("%(label)s hanya boleh berisi 16 angka 0-9, tanpa huruf, spasi atau tanda baca "
                                  "(terbaca \u201c%(value)s\u201d).") % {"label": label, "value": shown})
        raise InvalidNumber(_("%(label)s harus 16 digit angka (tertulis %(n)d digit).") % {"label": label, "n": len(value)})
    if value[:2] == "00":
        raise InvalidNumber(_("%(label)s berkode provinsi 00, tidak ada provinsi dengan kode itu.") % {"label": label})
    if value[:2] not in PROVINCES:
        raise InvalidNumber(_("%(label)s berkode provinsi %(code)s, tidak ada provinsi dengan kode itu.")
                            % {"label": label, "code": value[:2]})
    if value[2:4] == "00":
        raise InvalidNumber(_("%(label)s berkode kabupaten/kota 00, tidak sah.") % {"label": label})
    if value[4:6] == "00":
        raise InvalidNumber(_("%(label)s berkode kecamatan 00, tidak sah.") % {"label": label})
    if value[12:] == "0000":
        raise InvalidNumber(_("%(label)s bernomor urut 0000, tidak sah.") % {"label": label})
    return value


def _century_candidates(yy: int) -> list[int]:
    return [1900 + yy, 2000 + yy]


def parse_nik(value, *, birth_date: dt.date | None = None, sex: str | None = None,
              today: dt.date | None = None) -> Nik:
    """Parse and validate a NIK; with ``birth_date`` and ``sex`` from the same row, check they agree.

    A 2-digit year is ambiguous, so the century comes from ``birth_date`` when given,
    otherwise the latest century that does not put the birth in the future.
    """
    number = check_number(value, "NIK")
    day, month, yy = int(number[6:8]), int(number[8:10]), int(number[10:12])
    nik_sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    serial = number[12:]
    today = today or dt.date.today()
    if birth_date is not None:
        years = [birth_date.year] if birth_date.year % 100 == yy else []
    else:
        years = list(reversed(_century_candidates(yy)))
    born = None
    for year in years:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        # Without a birth date, the latest century that does not put the birth in the future
        # (a NIK 01-12-25 read in June 2025 is someone born in 1925).
        if birth_date is None and candidate > today and year != years[-1]:
            continue
        born = candidate
        break
    if born is None:
        try:
            dt.date(2000, month, day)  # a leap year: only the day/month are wrong if this fails
        except ValueError:
            raise InvalidNumber(_("NIK memuat tanggal lahir yang tidak mungkin (%(d)02d-%(m)02d).")
                                % {"d": day, "m": month}) from None
        if birth_date is not None and birth_date.year % 100 != yy:
            raise InvalidNumber(_("Tahun lahir di NIK (%(yy)02d) tidak sama dengan TANGGAL_LAHIR (%(date)s).")
                                % {"yy": yy, "date": tanggal(birth_date)})
        raise InvalidNumber(_("NIK memuat tanggal lahir yang tidak mungkin (%(d)02d-%(m)02d-%(yy)02d).")
                            % {"d": day, "m": month, "yy": yy})
    if born > today:
        raise InvalidNumber(_("Tanggal lahir di NIK (%(date)s) ada di masa depan.") % {"date": tanggal(born)})
    if birth_date is not None and born != birth_date:
        raise InvalidNumber(_("Tanggal lahir di NIK (%(nik)s) tidak sama dengan TANGGAL_LAHIR (%(date)s).")
                            % {"nik": tanggal(born), "date": tanggal(birth_date)})
    if sex is not None and sex != nik_sex:
        raise InvalidNumber(_("Jenis kelamin %(sex)s tidak cocok dengan NIK (tanggal lahir di NIK menunjukkan %(nik)s).")
                            % {"sex": sex, "nik": nik_sex})
    return Nik(
        number=number, province=number[:2], kabupaten_code=f"{number[:2]}.{number[2:4]}",
        kecamatan_code=f"{number[:2]}.{number[2:4]}.{number[4:6]}", birth_date=born, sex=nik_sex, serial=serial,
    )


def parse_kk(value) -> str:
    """Validate a No. KK and return it as 16 digits.

    Only the region and the serial are checked: the middle six digits (the issue date) do not
    follow one rule across the years, so they are not a reason to refuse a real card.
    """
    return check_number(value, "No. KK")


# The same rules in SQL, generated from the constants above so that the database never checks a
# NIK differently from Python (``recipients/tests/test_nik_sql.py`` feeds both the same numbers).
# Each function takes SQL expressions and returns a boolean SQL expression (no ``%``: the fragments
# go into statements that take parameters).

def number_sql(expr: str, *, integer: bool = False) -> str:
    """``check_number`` in SQL, over a text expression or (``integer``) a bigint one."""
    provinces = ", ".join(sorted(PROVINCES))
    if integer:  # 16 digits never start with 0, so a bigint holds them all
        # bigint "/" divides as integers; div() would cast every row to numeric (twice as slow
        # over a 4,000,000-row snapshot).
        return (f"({expr} BETWEEN 1000000000000000 AND 9999999999999999"
                f" AND {expr} / 100000000000000 IN ({provinces})"
                f" AND mod({expr} / 1000000000000, 100) <> 0 AND mod({expr} / 10000000000, 100) <> 0"
                f" AND mod({expr}, 10000) <> 0)")
    quoted = ", ".join(f"'{p}'" for p in sorted(PROVINCES))
    return (f"({expr} ~ '^[0-9]{{16}}$' AND left({expr}, 2) IN ({quoted})"
            f" AND substr({expr}, 3, 2) <> '00' AND substr({expr}, 5, 2) <> '00' AND right({expr}, 4) <> '0000')")


def nik_sql(nik: str, *, birth_date: str, sex: str) -> str:
    """``parse_nik(nik, birth_date=..., sex=...)`` succeeds, in SQL: the number's structure, and its
    DDMMYY is the birth date (40 added to the day for women), which is not in the future."""
    return (f"({number_sql(nik)} AND {birth_date} <= current_date AND substr({nik}, 7, 6) = "
            f"lpad((extract(day FROM {birth_date})::int + CASE WHEN {sex} = 'P' THEN 40 ELSE 0 END)::text, 2, '0')"
            f" || to_char({birth_date}, 'MMYY'))")


def make_nik(*, kecamatan_code: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """Build a NIK from its parts (for synthetic data and tests)."""
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be 1..9999")
    if sex not in ("L", "P"):
        raise ValueError("sex must be L or P")
    if not re.fullmatch(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}", kecamatan_code):
        raise ValueError("kecamatan_code must look like 64.72.01")
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{kecamatan_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"
