"""The candidate list's contract: its columns and every rule a row must meet, in Indonesian.

``check_rows`` reads the header, checks each row (``check_row``: one small function per column
or group of columns), refuses a NIK repeated in the file or already proposed this year, and warns
about a NIK known with another name, sex or birth date. It writes nothing. The rules are listed
for people in ``docs/rules.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.models import BusinessStatus, Candidate, Upload
from recipients.nik import InvalidNumber, parse_kk, parse_nik
from recipients.selectors import active_packages
from regions.models import Kabupaten, Kecamatan, Kelurahan, Province
from regions.selectors import kabupaten_aliases
from uep.files import FileRefused, UncachedFormula
from uep.formatting import angka, tanggal

# The contract (docs/rules.md): header -> required?
COLUMNS: dict[str, bool] = {
    "NIK": True, "NO_KK": True, "NAMA": True, "JENIS_KELAMIN": True, "TANGGAL_LAHIR": True,
    "KABUPATEN_KOTA": True, "KECAMATAN": True, "KELURAHAN_DESA": True, "ALAMAT": True, "NO_HP": False,
    "DESIL": True, "JENIS_USAHA": True, "STATUS_USAHA": True, "PAKET_USULAN": False, "KETERANGAN": False,
}
REQUIRED = [c for c, required in COLUMNS.items() if required]
# Text columns and their longest value: the model's field lengths; KETERANGAN (a text field) is
# capped by the contract.
MAX_LENGTH = {column: Candidate._meta.get_field(name).max_length for column, name in (
    ("NAMA", "name"), ("ALAMAT", "address"), ("JENIS_USAHA", "business_type"), ("PAKET_USULAN", "requested_package"))}
MAX_LENGTH["KETERANGAN"] = 2000
MAX_ROWS = 50_000
PHONE = re.compile(r"(\+62|0)8[0-9]{7,12}")
PHONE_NOISE = re.compile(r"[\s\-().]")
BUSINESS_STATUSES = frozenset(BusinessStatus.values)
# Control characters (a NUL, an escape) that a file can carry in a cell but no one types: PostgreSQL refuses
# the NUL, and the others would print as nothing. Tab and line breaks are text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Checked:
    headers: list[str] = field(default_factory=list)
    row_count: int = 0
    good: list[tuple] = field(default_factory=list)  # rows ready to write, see ROW_FIELDS
    refusals: list[dict] = field(default_factory=list)
    refused_rows: dict[int, list] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)


ROW_FIELDS = ("row", "nik", "name", "sex", "birth_date", "no_kk", "kecamatan_id", "kelurahan_id", "address", "phone",
              "desil", "business_type", "business_status", "package", "notes")


# ---------------------------------------------------------------- the header

def normalise_header(value) -> str:
    return re.sub(r"[\s\-/.]+", "_", str(value or "").strip().upper()).strip("_")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def split_header(table: list[list]) -> tuple[list[str], dict[str, int], list[dict]]:
    """The header row: original labels, contract column -> index, file-level warnings."""
    if not table or all(_blank(v) for row in table for v in row):
        raise FileRefused(_("Berkas kosong: tidak ada baris sama sekali."))
    headers = ["" if v is None else str(v).strip() for v in table[0]]
    index: dict[str, int] = {}
    unknown = []
    for i, label in enumerate(headers):
        name = normalise_header(label)
        if not name:
            continue
        if name in COLUMNS:
            if name in index:
                raise FileRefused(_("Kolom %(col)s muncul dua kali di baris judul.") % {"col": name})
            index[name] = i
        else:
            unknown.append(label)
    if not index:
        raise FileRefused(_("Baris pertama bukan baris judul kolom. Baris pertama harus berisi judul seperti "
                                "NIK, NO_KK, NAMA ... (gunakan templat unggahan)."))
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        message = _("Kolom wajib tidak ada: %(cols)s.") % {"cols": ", ".join(missing)}
        if unknown:  # "TGL LAHIR" for TANGGAL_LAHIR: say which headers were not understood
            message += " " + _("Judul yang tidak dikenali: %(cols)s.") % {"cols": ", ".join(map(str, unknown))}
        raise FileRefused(message + " " + _("Periksa baris judul (gunakan templat unggahan)."))
    warnings = [{"level": "warning", "row": 1, "column": label,
                 "reason": _("Kolom %(col)s tidak dikenal dan diabaikan.") % {"col": label}} for label in unknown]
    return headers, index, warnings


# ---------------------------------------------------------------- checking the rows

@dataclass
class RegionMaps:
    kabupaten: dict[str, Kabupaten]
    kecamatan: dict[tuple[int, str], int]
    kelurahan: dict[tuple[int, str], int]
    kecamatan_names: dict[int, str]
    packages: dict[str, str]  # the year's active package codes -> names; none: any code is kept


def _key(name: str) -> str:
    return " ".join(str(name).split()).lower()


def _strip_prefix(name: str, prefixes: Iterable[str]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix):].strip()
    return name


def region_maps(*, programme_year_id: int | None = None, province_id: int | None = None) -> RegionMaps:
    """The reference data in memory: three queries, whatever the size of the file."""
    kabupaten = {}
    # A province's upload reads its own kabupaten/kota (two provinces may share a name).
    for kab in Kabupaten.objects.filter(**({"province_id": province_id} if province_id else {})):
        for alias in kabupaten_aliases(kab):
            kabupaten[_key(alias)] = kab
    kecamatan, names = {}, {}
    for kec_id, kab_id, name in Kecamatan.objects.values_list("id", "kabupaten_id", "name"):
        kecamatan[(kab_id, _key(name))] = kec_id
        names[kec_id] = name
    kelurahan = {(kec_id, _key(name)): kel_id
                 for kel_id, kec_id, name in Kelurahan.objects.values_list("id", "kecamatan_id", "name")}
    packages = {code.upper(): name for code, name in active_packages(programme_year_id=programme_year_id,
                                                                     province_id=province_id)}
    return RegionMaps(kabupaten, kecamatan, kelurahan, names, packages)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(_("tanggal tersimpan sebagai angka (%(v)s); format sel sebagai Tanggal atau tulis "
                           "YYYY-MM-DD / DD/MM/YYYY.") % {"v": _text(value)})
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("tanggal \u201c%(v)s\u201d tidak dikenali; tulis YYYY-MM-DD atau DD/MM/YYYY.") % {"v": text})


def cell_for_file(value):
    """A cell as it goes back into the refused-rows file (JSON-safe): a NIK that Excel turned into
    a number goes back as its 16 digits, never ``6472011705800001.0``."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return CONTROL.sub("", str(value))


class RowCells:
    """One row of the file by contract column, with what is wrong with it so far.

    A leading apostrophe is the spreadsheet's escape (ours, in the refused-rows file, or typed to
    keep a number as text), not part of the value; a formula (text starting with ``=``, or a
    formula cell the file holds no value for) is refused as one; a required column left blank is
    refused. ``usable(name)`` says whether a column may be read on.
    """

    def __init__(self, *, number: int, values: list, index: dict[str, int], width: int):
        # One pass over the contract's columns (20,000 rows: this loop is the check's hot path).
        self.number = number
        self.values = list(values) + [None] * (width - len(values))
        self.cells: dict[str, object] = {}
        self.formulas: set[str] = set()
        hidden: list[str] = []
        for name, i in index.items():
            value = self.values[i]
            if isinstance(value, str):
                if value[:1] == "'":
                    value = self.values[i] = value[1:]
                if isinstance(value, UncachedFormula) or ("=" in value and value.lstrip()[:1] == "="):
                    self.formulas.add(name)
                    continue
                if not value.isprintable() and CONTROL.search(value):  # isprintable: the fast path
                    hidden.append(name)
                    continue
            self.cells[name] = value
        self.problems: list[tuple[str, str]] = [
            (name, _("berisi rumus Excel; salin kolom ini lalu tempel sebagai nilai (Paste Special > Values)."))
            for name in self.formulas]
        self.problems += [(name, _("berisi karakter tak terlihat (kode kendali) yang tidak dapat disimpan; ketik "
                                   "ulang isinya.")) for name in hidden]
        self.problems += [(name, _("wajib diisi.")) for name in REQUIRED
                          if name not in self.formulas and name not in hidden and _blank(self.cells.get(name))]
        self.unusable = {name for name, _reason in self.problems}
        self.warnings: list[dict] = []

    def get(self, name: str):
        return self.cells.get(name)

    def usable(self, name: str) -> bool:
        return name not in self.unusable

    def refuse(self, column: str, reason: str) -> None:
        self.problems.append((column, reason))

    def warn(self, column: str, reason: str) -> None:
        self.warnings.append({"level": "warning", "row": self.number, "column": column, "reason": reason})


def _sex(row: RowCells) -> str | None:
    sex = _text(row.get("JENIS_KELAMIN")).upper()
    if row.usable("JENIS_KELAMIN") and sex not in ("L", "P"):
        row.refuse("JENIS_KELAMIN", _("harus L atau P (tertulis \u201c%(v)s\u201d).") % {"v": sex})
        return None
    return sex or None


def _birth_date(row: RowCells, today: dt.date) -> dt.date | None:
    if not row.usable("TANGGAL_LAHIR"):
        return None
    try:
        birth_date = _parse_date(row.get("TANGGAL_LAHIR"))
    except ValueError as exc:
        row.refuse("TANGGAL_LAHIR", str(exc))
        return None
    if birth_date > today:
        row.refuse("TANGGAL_LAHIR", _("tanggal lahir di masa depan."))
        return None
    return birth_date


def _nik(row: RowCells, *, sex: str | None, birth_date: dt.date | None, today: dt.date,
         province: Province) -> str | None:
    """The NIK, agreeing with the birth date and sex; an unreadable one is still kept to spot a repeat."""
    if not row.usable("NIK"):
        return None
    raw = row.get("NIK")
    try:
        parsed = parse_nik(raw, birth_date=birth_date, sex=sex, today=today)
    except InvalidNumber as exc:
        row.refuse("NIK", str(exc))
        return raw.strip() if isinstance(raw, str) else None
    if parsed.province != province.code:
        row.warn("NIK", _("NIK terdaftar di luar %(name)s (kode provinsi %(p)s); pastikan orang ini tinggal "
                          "di wilayah Anda.") % {"name": province.name, "p": parsed.province})
    return parsed.number


def _no_kk(row: RowCells) -> str | None:
    if not row.usable("NO_KK"):
        return None
    try:
        return parse_kk(row.get("NO_KK"))
    except InvalidNumber as exc:
        row.refuse("NO_KK", str(exc))
        return None


def _lookup(names: dict, parent: int, text: str, prefixes: tuple[str, ...]) -> int | None:
    """A region by name under its parent, with or without its prefix ("Kecamatan ", "Kel. " ...)."""
    return names.get((parent, _key(text))) or names.get((parent, _key(_strip_prefix(_key(text), prefixes))))


def _place(row: RowCells, *, maps: RegionMaps, own: Kabupaten) -> tuple[int | None, int | None]:
    """(kecamatan id, kelurahan id) in the upload's own kabupaten/kota."""
    if not row.usable("KABUPATEN_KOTA"):
        return None, None
    kab_text = _text(row.get("KABUPATEN_KOTA"))
    kab = maps.kabupaten.get(_key(kab_text))
    if kab is None:
        row.refuse("KABUPATEN_KOTA", _("\u201c%(v)s\u201d bukan kabupaten/kota di %(province)s.")
                   % {"v": kab_text, "province": own.province.name})
        return None, None
    if kab.id != own.id:
        row.refuse("KABUPATEN_KOTA", _("baris ini untuk %(row)s, sedangkan unggahan ini untuk %(own)s; setiap wilayah "
                                       "mengunggah calonnya sendiri.") % {"row": kab.name, "own": own.name})
        return None, None
    if not row.usable("KECAMATAN"):
        return None, None
    kec_text = _text(row.get("KECAMATAN"))
    kecamatan_id = _lookup(maps.kecamatan, kab.id, kec_text, ("kecamatan ", "kec. ", "kec "))
    if kecamatan_id is None:
        row.refuse("KECAMATAN", _("kecamatan \u201c%(v)s\u201d tidak ada di %(kab)s.") % {"v": kec_text, "kab": kab.name})
        return None, None
    if not row.usable("KELURAHAN_DESA"):
        return kecamatan_id, None
    kel_text = _text(row.get("KELURAHAN_DESA"))
    kelurahan_id = _lookup(maps.kelurahan, kecamatan_id, kel_text, ("kelurahan ", "kel. ", "desa "))
    if kelurahan_id is None:
        row.refuse("KELURAHAN_DESA", _("kelurahan/desa \u201c%(v)s\u201d tidak ada di Kecamatan %(kec)s.")
                   % {"v": kel_text, "kec": maps.kecamatan_names[kecamatan_id]})
    return kecamatan_id, kelurahan_id


def _desil(row: RowCells) -> int | None:
    if not row.usable("DESIL"):
        return None
    raw = row.get("DESIL")
    try:
        if isinstance(raw, bool):  # a TRUE cell is not desil 1
            raise ValueError
        desil = int(raw) if isinstance(raw, (int, float)) and float(raw).is_integer() else int(str(raw).strip())
    except (TypeError, ValueError):
        desil = None
    if desil is None or not 1 <= desil <= 10:
        row.refuse("DESIL", _("harus bilangan bulat 1 sampai 10 (tertulis \u201c%(v)s\u201d).") % {"v": _text(raw)})
        return None
    return desil


def _business_status(row: RowCells) -> str:
    status = _text(row.get("STATUS_USAHA")).upper()
    if row.usable("STATUS_USAHA") and status not in BUSINESS_STATUSES:
        row.refuse("STATUS_USAHA", _("harus BERJALAN atau BERHENTI (tertulis \u201c%(v)s\u201d).") % {"v": status})
    return status


def _phone(row: RowCells) -> str:
    raw = row.get("NO_HP")
    if _blank(raw):
        return ""
    if not isinstance(raw, str):
        row.refuse("NO_HP", _("tersimpan sebagai angka sehingga angka 0 di depan hilang; format kolom sebagai Teks "
                              "lalu ketik ulang."))
        return ""
    phone = PHONE_NOISE.sub("", raw)
    if not PHONE.fullmatch(phone):
        row.refuse("NO_HP", _("harus nomor HP 08... atau +628... (tertulis \u201c%(v)s\u201d).") % {"v": raw.strip()})
    return phone


def _package(row: RowCells, *, maps: RegionMaps) -> str:
    package = _text(row.get("PAKET_USULAN")).upper()
    if package and maps.packages and package not in maps.packages:
        row.refuse("PAKET_USULAN", _("kode paket \u201c%(v)s\u201d tidak dikenal; pilih salah satu: %(codes)s "
                                     "(daftar lengkap di lembar PAKET templat).")
                   % {"v": package, "codes": ", ".join(maps.packages)})
    return package


def _texts(row: RowCells) -> dict[str, str]:
    texts = {}
    for name, limit in MAX_LENGTH.items():
        value = _text(row.get(name)) if name != "KETERANGAN" else str(row.get(name) or "").strip()
        if len(value) > limit:
            row.refuse(name, _("terlalu panjang (%(n)d karakter, paling banyak %(max)d).")
                       % {"n": len(value), "max": limit})
        elif name == "NAMA" and value and not any(ch.isalpha() for ch in value):  # a formula's cached 0, a number
            row.refuse(name, _("harus berisi huruf (tertulis \u201c%(v)s\u201d).") % {"v": value})
        elif name == "ALAMAT" and value and not any(ch.isalnum() for ch in value):
            row.refuse(name, _("bukan alamat (tertulis \u201c%(v)s\u201d); tulis jalan, RT/RW, dusun atau "
                               "kampung.") % {"v": value})
        texts[name] = value
    return texts


def check_row(row: RowCells, *, maps: RegionMaps, own: Kabupaten, today: dt.date) -> tuple:
    """Every in-file rule for one row; the values ready to write (see ROW_FIELDS), valid only if
    ``row.problems`` stays empty."""
    sex = _sex(row)
    birth_date = _birth_date(row, today)
    nik = _nik(row, sex=sex, birth_date=birth_date, today=today, province=own.province)
    no_kk = _no_kk(row)
    kecamatan_id, kelurahan_id = _place(row, maps=maps, own=own)
    desil = _desil(row)
    status = _business_status(row)
    phone = _phone(row)
    package = _package(row, maps=maps)
    texts = _texts(row)
    return (row.number, nik, texts["NAMA"], sex, birth_date, no_kk, kecamatan_id, kelurahan_id, texts["ALAMAT"],
            phone, desil, texts["JENIS_USAHA"], status, package, texts["KETERANGAN"])


def check_rows(*, upload: Upload, table: list[list], maps: RegionMaps | None = None,
               today: dt.date | None = None) -> Checked:
    """Check every row against the contract and against what this year already holds."""
    headers, index, warnings = split_header(table)
    maps = maps or region_maps(programme_year_id=upload.programme_year_id,
                               province_id=upload.kabupaten.province_id)
    today = today or timezone.localdate()
    result = Checked(headers=headers, warnings=warnings)
    seen_nik: dict[str, int] = {}
    seen_kk: dict[str, int] = {}
    pending = []  # rows that passed every in-file rule: (row cells, ready tuple)

    body = table[1:]
    while body and all(_blank(v) for v in body[-1]):
        body.pop()  # blank rows under the table (a stray space far below it) are not rows
    if len(body) > MAX_ROWS:
        raise FileRefused(_("Berkas memuat %(n)s baris; batasnya %(max)s baris per unggahan. Bagi menjadi "
                            "beberapa berkas.") % {"n": angka(len(body)), "max": angka(MAX_ROWS)})
    for offset, values in enumerate(body):
        if all(_blank(v) for v in values):
            continue  # blank rows are skipped
        row = RowCells(number=offset + 2, values=values, index=index, width=len(headers))
        result.row_count += 1
        ready = check_row(row, maps=maps, own=upload.kabupaten, today=today)
        nik, no_kk = ready[1], ready[5]
        # A NIK repeated in the file: the first row keeps it, later ones are refused.
        if nik and len(nik) == 16:
            first = seen_nik.setdefault(nik, row.number)
            if first != row.number:
                row.refuse("NIK", _("NIK sama dengan baris %(row)d di berkas ini.") % {"row": first})
        if no_kk and not row.problems:
            first_kk = seen_kk.setdefault(no_kk, row.number)
            if first_kk != row.number:
                row.warn("NO_KK", _("No. KK sama dengan baris %(row)d: satu keluarga biasanya hanya satu penerima.")
                         % {"row": first_kk})
        result.warnings += row.warnings
        if row.problems:
            _refuse(result, row.number, row.values, row.problems)
        else:
            pending.append((row, ready))

    if result.row_count == 0:
        raise FileRefused(_("Berkas hanya berisi baris judul; tidak ada baris calon."))
    taken, known = niks_known(programme_year_id=upload.programme_year_id, kabupaten_id=upload.kabupaten_id,
                              niks=[ready[1] for _row, ready in pending])
    for row, ready in pending:
        where = taken.get(ready[1])
        if where:
            _refuse(result, row.number, row.values, [("NIK", where)])
        else:
            result.good.append(ready)
    result.warnings += known_differently(result.good, known)
    result.warnings += families_proposed(good=result.good, programme_year_id=upload.programme_year_id,
                                         kabupaten_id=upload.kabupaten_id)
    result.refusals.sort(key=lambda r: r["row"])
    return result


def families_proposed(*, good: list[tuple], programme_year_id: int, kabupaten_id: int) -> list[dict]:
    """A warning for each accepted row whose family (KK) already has a candidacy that counts this year: the desk
    will refuse the later one (one recipient per KK per year, ``recipients.kk``). One query. Another area's
    candidacy is named by its area only."""
    from recipients.kk import kk_candidacies

    by_kk = {ready[5]: ready for ready in good}
    if not by_kk:
        return []
    first: dict[str, tuple] = {}
    for no_kk, nik, name, area_id, area in kk_candidacies(programme_year_id=programme_year_id, no_kks=list(by_kk)) \
            .values_list("no_kk", "person__nik", "name", "kabupaten_id", "kabupaten__name"):
        if nik != by_kk[no_kk][1]:
            first.setdefault(no_kk, (name, area_id, area))
    warnings = []
    for no_kk, (name, area_id, area) in first.items():
        reason = (_("No. KK ini sudah diusulkan tahun ini untuk %(name)s; satu KK hanya satu penerima per tahun, "
                    "desk verifikasi akan menolak usulan yang kedua.") % {"name": name} if area_id == kabupaten_id
                  else _("No. KK ini sudah diusulkan tahun ini di %(area)s; satu KK hanya satu penerima per tahun, "
                         "desk verifikasi akan menolak usulan yang kedua.") % {"area": area})
        warnings.append({"level": "warning", "row": by_kk[no_kk][0], "column": "NO_KK", "reason": reason})
    return sorted(warnings, key=lambda w: w["row"])


def _refuse(result: Checked, row: int, values: list, problems: list[tuple[str, str]]) -> None:
    for column, reason in problems:
        result.refusals.append({"row": row, "column": column, "reason": reason})
    result.refused_rows[row] = [cell_for_file(v) for v in values[:len(result.headers)]]


def niks_known(*, programme_year_id: int, kabupaten_id: int, niks: list[str]) -> tuple[dict[str, str], dict]:
    """For the NIKs already known (one query): where each is proposed in that year, as a sentence,
    and the name, sex and birth date each person was first known with.

    Another area's candidacy is named by its kabupaten/kota only: its upload and row are that
    area's business. The uploader's own area gets the upload's date and row, to find it.
    """
    if not niks:
        return {}, {}
    # One query; an array parameter instead of 20,000 IN placeholders.
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.nik, p.name, p.sex, p.birth_date, c.kabupaten_id, k.name, u.uploaded_at, c.upload_row, c.created_at
            FROM recipients_person p
            LEFT JOIN recipients_candidate c ON c.person_id = p.id AND c.programme_year_id = %s
            LEFT JOIN regions_kabupaten k ON k.id = c.kabupaten_id LEFT JOIN recipients_upload u ON u.id = c.upload_id
            WHERE p.nik = ANY(%s)""", [programme_year_id, list(niks)])
        rows = cursor.fetchall()
    taken, people = {}, {}
    for nik, name, sex, birth_date, area_id, kabupaten, uploaded_at, upload_row, created_at in rows:
        people[nik] = (name, sex, birth_date)
        if area_id is None:
            continue
        values = {"year": programme_year_id, "kab": kabupaten, "row": upload_row,
                  "date": tanggal(uploaded_at or created_at)}
        if area_id != kabupaten_id:
            taken[nik] = _("NIK sudah diusulkan tahun %(year)s di %(kab)s.") % values
        elif upload_row:
            taken[nik] = _("NIK sudah diusulkan tahun %(year)s di %(kab)s (unggahan %(date)s, baris %(row)d).") % values
        else:
            taken[nik] = _("NIK sudah diusulkan tahun %(year)s di %(kab)s (%(date)s).") % values
    return taken, people


def proposed_elsewhere(*, programme_year_id: int, kabupaten_id: int, niks: list[str]) -> dict[str, str]:
    """NIKs already proposed in that year, anywhere, with a sentence saying where."""
    return niks_known(programme_year_id=programme_year_id, kabupaten_id=kabupaten_id, niks=niks)[0]


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def known_differently(good: list[tuple], known: dict) -> list[dict]:
    """Warnings for rows whose NIK is already known (``niks_known``) with another name, sex or
    birth date. The row is saved as the officer wrote it; the warning says what differs, never the
    other record's values, its area or its year.
    """
    labels = {"NAMA": _("nama"), "JENIS_KELAMIN": _("jenis kelamin"), "TANGGAL_LAHIR": _("tanggal lahir")}
    warnings = []
    for row, nik, name, sex, birth_date, *_rest in good:
        if nik not in known:
            continue
        other_name, other_sex, other_birth = known[nik]
        same = {"NAMA": _same_name(name, other_name), "JENIS_KELAMIN": sex == other_sex,
                "TANGGAL_LAHIR": birth_date == other_birth}
        differ = [column for column, equal in same.items() if not equal]
        if differ:
            warnings.append({"level": "warning", "row": row, "column": differ[0], "reason": _(
                "NIK ini sudah tercatat dengan %(what)s yang berbeda. Periksa lagi dengan KTP; usulan ini disimpan "
                "sebagaimana tertulis.") % {"what": ", ".join(str(labels[c]) for c in differ)}})
    return warnings
