"""The one way numbers, money, shares and dates are written for people: on pages (through the
template filters in ``uep/templatetags/uep.py``), in messages, PDFs and exports' text.

Counts "1.780", money "Rp 5.000.000", shares "83,3%", dates "7 Des 2026" (``tanggal``) and, in
tables where space is short, "07/12/2026" (``tanggal_angka``); never "07-12-2026". The date styles
are the ones of ``uep/formats/id``, read through Django, so a page and a paper cannot differ.
"""

import datetime as dt

from django.utils import formats, timezone


def thousands(number: int) -> str:
    """1500000 -> '1.500.000' (no sign handling: see ``angka``)."""
    return f"{number:,}".replace(",", ".")


def angka(value) -> str:
    """1780 -> '1.780': a count the Indonesian way. Empty stays '-'; text is shown as it is."""
    if value is None or value == "":
        return "-"
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    return ("-" if number < 0 else "") + thousands(abs(number))


def rupiah(value) -> str:
    """5000000 -> 'Rp 5.000.000' (Indonesian thousands separator, no decimals). Empty -> '-'."""
    if value is None or value == "":
        return "-"
    amount = int(value)
    return ("-" if amount < 0 else "") + "Rp " + thousands(abs(amount))


def persen(value) -> str:
    """0.8333 -> '83,3%' (a share with one decimal and the Indonesian comma). Empty -> '-'."""
    if value is None or value == "":
        return "-"
    return f"{100 * float(value):.1f}%".replace(".", ",")


def tanggal(value: dt.date | dt.datetime | None) -> str:
    """A date as pages and papers write it: '7 Des 2026' (a moment is read in WITA first)."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


def tanggal_angka(value: dt.date | dt.datetime | None) -> str:
    """A date in a table where space is short: '07/12/2026'."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def nip(value: str | None) -> str:
    """A civil servant's NIP as papers print it: '19700101 199003 1 001' (birth date, appointment, sex, serial)."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) != 18:
        return value or ""
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def waktu(value: dt.datetime | None) -> str:
    """A moment as people read it, in WITA: '7 Des 2026 14:05 WITA'."""
    if value is None:
        return "-"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(local, "DATETIME_FORMAT") + " WITA"


def mask_nik(value) -> str:
    """Show a NIK or KK number as '6472••••••••0001': the area and the serial only."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 8:
        return "•" * len(value)
    return value[:4] + "•" * (len(value) - 8) + value[-4:]
