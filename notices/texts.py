"""The texts of the notices: Indonesian, one SMS each (at most 160 GSM-7 characters), never a NIK, KK
number or amount. ``test_texts`` renders every template with the longest realistic values.

Values are made GSM-7 (accents dropped, anything else becomes a space) and the free ones (a place, a
kabupaten/kota name) are shortened with ".." until the whole text fits; the fixed words never are.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass

from notices.models import Kind

MAX_LENGTH = 160

# The GSM 03.38 basic alphabet (each one septet). The extension table (^{}[]~|\ and the euro sign)
# costs two septets and some phones show it wrongly: left out on purpose.
GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Plain ASCII letters for what we write ourselves; GSM7 above is what the test checks against.
_REPLACE = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
            "\u00a0": " ", "\t": " "}

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]

STOP_HINT = "Balas STOP utk berhenti."


@dataclass(frozen=True)
class Template:
    text: str
    # Values that may be shortened to fit, longest first when shortening.
    free: tuple[str, ...] = ()


TEMPLATES: dict[str, Template] = {
    Kind.DECIDED: Template(
        "Selamat, Anda ditetapkan sbg penerima UEP {year}. Jadwal bimtek & penyerahan paket dikabari "
        "Dinsos {area}. " + STOP_HINT, free=("area",)),
    Kind.TRAINING_INVITED: Template(
        "Undangan bimtek UEP: {day} di {place}. Mohon hadir tepat waktu, bawa KTP. Dinsos Kaltim. " + STOP_HINT,
        free=("place",)),
    Kind.HANDOVER_INVITED: Template(
        "Undangan penyerahan paket UEP: {day} di {place}. Hadir sendiri, bawa KTP & KK asli. Dinsos Kaltim. "
        + STOP_HINT, free=("place",)),
    Kind.HANDOVER_REMINDER: Template(
        "Pengingat: penyerahan paket UEP 3 hari lagi, {day} di {place}. Bawa KTP & KK asli. Dinsos Kaltim. "
        + STOP_HINT, free=("place",)),
    Kind.VISIT_DUE: Template(
        "Pendamping UEP Dinsos {area} akan mengunjungi usaha Anda dlm waktu dekat utk monitoring. Siapkan catatan "
        "usaha. " + STOP_HINT, free=("area",)),
    Kind.COMPLAINT_RECEIVED: Template(
        "Pengaduan Anda sudah diterima Dinsos Kaltim. Kode lacak: {code}. Cek status di menu Pengaduan situs "
        "Dinsos Kaltim. " + STOP_HINT),
    Kind.COMPLAINT_RESOLVED: Template(
        "Pengaduan {code} sudah selesai ditangani Dinsos Kaltim. Lihat hasilnya di menu Pengaduan situs Dinsos "
        "Kaltim. " + STOP_HINT),
}


def gsm7(value) -> str:
    """A value as GSM-7 text: accents dropped, quotes straightened, anything else a space."""
    text = "".join(_REPLACE.get(ch, ch) for ch in str(value))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch in GSM7 and ch not in "\r\n" else " " for ch in text).split())


def day_text(day: dt.date) -> str:
    """'Senin 7 Des 2026': the weekday matters to a family planning the trip."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _shorten(value: str, by: int) -> str:
    keep = max(1, len(value) - by - 2)
    return value[:keep].rstrip() + ".."


def render(kind: str, **values) -> str:
    """The text of one notice; ValueError when even shortened it does not fit (a template too long)."""
    template = TEMPLATES[kind]
    clean = {name: gsm7(value) for name, value in values.items()}
    text = template.text.format(**clean)
    for name in sorted(template.free, key=lambda n: -len(clean[n])):
        if len(text) <= MAX_LENGTH:
            break
        clean[name] = _shorten(clean[name], len(text) - MAX_LENGTH)
        text = template.text.format(**clean)
    if len(text) > MAX_LENGTH:
        raise ValueError(f"{kind}: {len(text)} characters, over {MAX_LENGTH}")
    return text
