"""NIK and No. KK: parse and validate the structure of the two Indonesian identity numbers.

NIK: ``PP KK CC DDMMYY SSSS`` - province, kabupaten/kota, kecamatan of registration,
birth date (40 added to the day for women), a serial that is never 0000. No check digit.
No. KK: 16 digits, the first 6 a region code like the NIK's.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

DIGITS_16 = re.compile(r"^\d{16}$")
KALTIM = "64"


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


def _check_digits(value, label: str) -> str:
    if value is None:
        raise InvalidNumber(_("%(label)s kosong.") % {"label": label})
    if not isinstance(value, str):
        # Excel turned the cell into a number: precision may be lost, so never guess.
        raise InvalidNumber(_("%(label)s tersimpan sebagai angka, bukan teks; format kolom sebagai Teks lalu ketik ulang.")
                            % {"label": label})
    value = value.strip()
    if re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", value):
        raise InvalidNumber(_("%(label)s berbentuk notasi ilmiah (%(value)s) karena diubah Excel; format kolom sebagai "
                              "Teks lalu ketik ulang.") % {"label": label, "value": value})
    if not DIGITS_16.match(value):
        raise InvalidNumber(_("%(label)s harus 16 digit angka (tertulis %(n)d karakter).") % {"label": label, "n": len(value)})
    if value[:2] == "00":
        raise InvalidNumber(_("%(label)s berkode provinsi 00, tidak ada provinsi dengan kode itu.") % {"label": label})
    return value


def _century_candidates(yy: int) -> list[int]:
    return [1900 + yy, 2000 + yy]


def parse_nik(value, *, birth_date: dt.date | None = None, sex: str | None = None,
              today: dt.date | None = None) -> Nik:
    """Parse and validate a NIK; with ``birth_date`` and ``sex`` from the same row, check they agree.

    A 2-digit year is ambiguous, so the century comes from ``birth_date`` when given,
    otherwise the latest century that does not put the birth in the future.
    """
    number = _check_digits(value, "NIK")
    if number[2:4] == "00":
        raise InvalidNumber(_("NIK berkode kabupaten/kota 00, tidak sah."))
    day, month, yy = int(number[6:8]), int(number[8:10]), int(number[10:12])
    nik_sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    serial = number[12:]
    if serial == "0000":
        raise InvalidNumber(_("NIK bernomor urut 0000, tidak sah."))
    today = today or dt.date.today()
    if birth_date is not None:
        years = [birth_date.year] if birth_date.year % 100 == yy else []
    else:
        years = [y for y in reversed(_century_candidates(yy)) if y <= today.year]
    born = None
    for year in years:
        try:
            born = dt.date(year, month, day)
            break
        except ValueError:
            continue
    if born is None:
        try:
            dt.date(2000, month, day)  # a leap year: only the day/month are wrong if this fails
        except ValueError:
            raise InvalidNumber(_("NIK memuat tanggal lahir yang tidak mungkin (%(d)02d-%(m)02d).")
                                % {"d": day, "m": month}) from None
        if birth_date is not None and birth_date.year % 100 != yy:
            raise InvalidNumber(_("Tahun lahir di NIK (%(yy)02d) tidak sama dengan TANGGAL_LAHIR (%(date)s).")
                                % {"yy": yy, "date": birth_date.strftime("%d/%m/%Y")})
        raise InvalidNumber(_("NIK memuat tanggal lahir yang tidak mungkin (%(d)02d-%(m)02d-%(yy)02d).")
                            % {"d": day, "m": month, "yy": yy})
    if born > today:
        raise InvalidNumber(_("Tanggal lahir di NIK (%(date)s) ada di masa depan.") % {"date": born.strftime("%d/%m/%Y")})
    if birth_date is not None and born != birth_date:
        raise InvalidNumber(_("Tanggal lahir di NIK (%(nik)s) tidak sama dengan TANGGAL_LAHIR (%(date)s).")
                            % {"nik": born.strftime("%d/%m/%Y"), "date": birth_date.strftime("%d/%m/%Y")})
    if sex is not None and sex != nik_sex:
        raise InvalidNumber(_("Jenis kelamin %(sex)s tidak cocok dengan NIK (tanggal lahir di NIK menunjukkan %(nik)s).")
                            % {"sex": sex, "nik": nik_sex})
    return Nik(
        number=number, province=number[:2], kabupaten_code=f"{number[:2]}.{number[2:4]}",
        kecamatan_code=f"{number[:2]}.{number[2:4]}.{number[4:6]}", birth_date=born, sex=nik_sex, serial=serial,
    )


def parse_kk(value) -> str:
    """Validate a No. KK and return it as 16 digits."""
    number = _check_digits(value, "No. KK")
    if number[2:4] == "00":
        raise InvalidNumber(_("No. KK berkode kabupaten/kota 00, tidak sah."))
    if number[12:] == "0000":
        raise InvalidNumber(_("No. KK bernomor urut 0000, tidak sah."))
    return number


def make_nik(*, kecamatan_code: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """Build a NIK from its parts (for synthetic data and tests)."""
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be 1..9999")
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{kecamatan_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"
