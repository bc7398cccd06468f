"""The kabupaten upload: read an XLSX/CSV candidate list, check every row, then write it on confirm.

``upload_check`` reads and checks; it stores counts, refusals and warnings on the Upload and
writes nothing else. ``upload_confirm`` checks again (another upload may have been confirmed
since the preview) and writes every accepted row in one transaction, set-based: COPY into a
temporary table, then INSERT ... SELECT into Person and Candidate. What the candidate already
holds is not stored again: the proposal's place on the timeline is read from the candidate
and its upload (``candidate_timeline``), the KK history from the candidacies and the DTKS
snapshots (``family_card_history``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pghistory
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.files import upload_file_discard
from recipients.models import Candidate, CandidateStatus, Person, Upload
from recipients.nik import KALTIM, InvalidNumber, parse_kk, parse_nik
from recipients.selectors import active_packages
from regions.models import Kabupaten, Kecamatan, Kelurahan
from uep.files import FileRefused, UncachedFormula, read_table
from uep.locks import lock_proposals

# The contract (docs/rules.md): header -> required?
COLUMNS: dict[str, bool] = {
    "NIK": True, "NO_KK": True, "NAMA": True, "JENIS_KELAMIN": True, "TANGGAL_LAHIR": True,
    "KABUPATEN_KOTA": True, "KECAMATAN": True, "KELURAHAN_DESA": True, "ALAMAT": True, "NO_HP": False,
    "DESIL": True, "JENIS_USAHA": True, "STATUS_USAHA": True, "PAKET_USULAN": False, "KETERANGAN": False,
}
REQUIRED = [c for c, required in COLUMNS.items() if required]
MAX_LENGTH = {"NAMA": 150, "ALAMAT": 255, "JENIS_USAHA": 200, "PAKET_USULAN": 30, "KETERANGAN": 2000}
# Files above this many rows are checked and written by a Celery worker with a progress bar.
INLINE_MAX_ROWS = 2000
MAX_ROWS = 50_000
PHONE = re.compile(r"(\+62|0)8[0-9]{7,12}")
PHONE_NOISE = re.compile(r"[\s\-().]")


class UploadStateError(Exception):
    """The upload is not in a state for this step (already confirmed, cancelled ...)."""


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
        raise FileRefused(_("Kolom wajib tidak ada: %(cols)s. Periksa baris judul (gunakan templat unggahan).")
                              % {"cols": ", ".join(missing)})
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


def region_maps(*, programme_year_id: int | None = None) -> RegionMaps:
    """The reference data in memory: three queries, whatever the size of the file."""
    kabupaten = {}
    for kab in Kabupaten.objects.all():
        for alias in (kab.code, kab.digits, kab.name, kab.short_name):
            kabupaten[_key(alias)] = kab
    kecamatan, names = {}, {}
    for kec_id, kab_id, name in Kecamatan.objects.values_list("id", "kabupaten_id", "name"):
        kecamatan[(kab_id, _key(name))] = kec_id
        names[kec_id] = name
    kelurahan = {(kec_id, _key(name)): kel_id
                 for kel_id, kec_id, name in Kelurahan.objects.values_list("id", "kecamatan_id", "name")}
    packages = {code.upper(): name for code, name in active_packages(programme_year_id=programme_year_id)}
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


def _unescape(value):
    """A leading apostrophe is the spreadsheet's escape (ours, in the refused-rows file, or typed to
    keep a number as text), not part of the value."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def _is_formula(value) -> bool:
    return isinstance(value, UncachedFormula) or (isinstance(value, str) and value.lstrip().startswith("="))


def _cell_for_file(value):
    """A cell as it goes back into the refused-rows file (JSON-safe): a NIK that Excel turned into
    a number goes back as its 16 digits, never ``6472011705800001.0``."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_rows(*, upload: Upload, table: list[list], maps: RegionMaps | None = None,
               today: dt.date | None = None) -> Checked:
    """Check every row against the contract and against what this year already holds."""
    headers, index, warnings = split_header(table)
    maps = maps or region_maps(programme_year_id=upload.programme_year_id)
    today = today or timezone.localdate()
    result = Checked(headers=headers, warnings=warnings)
    kab_own = upload.kabupaten
    width = len(headers)
    col = index.get
    seen_nik: dict[str, int] = {}
    seen_kk: dict[str, int] = {}
    pending = []  # rows that passed every in-file rule: (row number, values, ready tuple)

    body = table[1:]
    if len(body) > MAX_ROWS:
        raise FileRefused(_("Berkas memuat %(n)d baris; batasnya %(max)d baris per unggahan. Bagi menjadi "
                                "beberapa berkas.") % {"n": len(body), "max": MAX_ROWS})
    for offset, values in enumerate(body):
        if all(_blank(v) for v in values):
            continue  # blank rows are skipped
        row = offset + 2
        result.row_count += 1
        values = [_unescape(v) for v in values] + [None] * (width - len(values))
        formulas = {name for name, i in index.items() if _is_formula(values[i])}
        problems: list[tuple[str, str]] = [
            (name, _("berisi rumus Excel; salin kolom ini lalu tempel sebagai nilai (Paste Special > Values)."))
            for name in formulas]

        def get(name):
            i = col(name)
            return None if i is None or name in formulas else values[i]

        for name in REQUIRED:
            if name not in formulas and _blank(get(name)):
                problems.append((name, _("wajib diisi.")))
        missing = {name for name, _reason in problems}

        sex = _text(get("JENIS_KELAMIN")).upper()
        if "JENIS_KELAMIN" not in missing and sex not in ("L", "P"):
            problems.append(("JENIS_KELAMIN", _("harus L atau P (tertulis \u201c%(v)s\u201d).") % {"v": sex}))
            sex = None
        birth_date = None
        if "TANGGAL_LAHIR" not in missing:
            try:
                birth_date = _parse_date(get("TANGGAL_LAHIR"))
                if birth_date > today:
                    problems.append(("TANGGAL_LAHIR", _("tanggal lahir di masa depan.")))
                    birth_date = None
            except ValueError as exc:
                problems.append(("TANGGAL_LAHIR", str(exc)))
        nik = None
        if "NIK" not in missing:
            try:
                parsed = parse_nik(get("NIK"), birth_date=birth_date, sex=sex or None, today=today)
                nik = parsed.number
                if parsed.province != KALTIM:
                    result.warnings.append({"level": "warning", "row": row, "column": "NIK", "reason": _(
                        "NIK terdaftar di luar Kalimantan Timur (kode provinsi %(p)s); pastikan orang ini tinggal di "
                        "wilayah Anda.") % {"p": parsed.province}})
            except InvalidNumber as exc:
                problems.append(("NIK", str(exc)))
                if isinstance(get("NIK"), str):
                    nik = get("NIK").strip()  # still used to spot a repeat in the file
        no_kk = None
        if "NO_KK" not in missing:
            try:
                no_kk = parse_kk(get("NO_KK"))
            except InvalidNumber as exc:
                problems.append(("NO_KK", str(exc)))

        kecamatan_id = kelurahan_id = None
        if "KABUPATEN_KOTA" not in missing:
            kab_text = _text(get("KABUPATEN_KOTA"))
            kab = maps.kabupaten.get(_key(kab_text))
            if kab is None:
                problems.append(("KABUPATEN_KOTA", _("\u201c%(v)s\u201d bukan kabupaten/kota di Kalimantan Timur.")
                                 % {"v": kab_text}))
            elif kab.id != kab_own.id:
                problems.append(("KABUPATEN_KOTA", _("baris ini untuk %(row)s, sedangkan unggahan ini untuk %(own)s; "
                                                     "setiap wilayah mengunggah calonnya sendiri.")
                                 % {"row": kab.name, "own": kab_own.name}))
            elif "KECAMATAN" not in missing:
                kec_text = _text(get("KECAMATAN"))
                kecamatan_id = maps.kecamatan.get((kab.id, _key(kec_text))) or maps.kecamatan.get(
                    (kab.id, _key(_strip_prefix(_key(kec_text), ("kecamatan ", "kec. ", "kec ")))))
                if kecamatan_id is None:
                    problems.append(("KECAMATAN", _("kecamatan \u201c%(v)s\u201d tidak ada di %(kab)s.")
                                     % {"v": kec_text, "kab": kab.name}))
                elif "KELURAHAN_DESA" not in missing:
                    kel_text = _text(get("KELURAHAN_DESA"))
                    kelurahan_id = maps.kelurahan.get((kecamatan_id, _key(kel_text))) or maps.kelurahan.get(
                        (kecamatan_id, _key(_strip_prefix(_key(kel_text), ("kelurahan ", "kel. ", "desa ")))))
                    if kelurahan_id is None:
                        problems.append(("KELURAHAN_DESA", _("kelurahan/desa \u201c%(v)s\u201d tidak ada di Kecamatan "
                                                             "%(kec)s.") % {"v": kel_text,
                                                                           "kec": maps.kecamatan_names[kecamatan_id]}))
        desil = None
        if "DESIL" not in missing:
            raw = get("DESIL")
            try:
                desil = int(raw) if isinstance(raw, (int, float)) and float(raw).is_integer() else int(str(raw).strip())
            except (TypeError, ValueError):
                desil = None
            if desil is None or not 1 <= desil <= 10:
                problems.append(("DESIL", _("harus bilangan bulat 1 sampai 10 (tertulis \u201c%(v)s\u201d).")
                                 % {"v": _text(raw)}))
        status = _text(get("STATUS_USAHA")).upper()
        if "STATUS_USAHA" not in missing and status not in ("BERJALAN", "BERHENTI"):
            problems.append(("STATUS_USAHA", _("harus BERJALAN atau BERHENTI (tertulis \u201c%(v)s\u201d).")
                             % {"v": status}))
        phone = ""
        raw_phone = get("NO_HP")
        if not _blank(raw_phone):
            if not isinstance(raw_phone, str):
                problems.append(("NO_HP", _("tersimpan sebagai angka sehingga angka 0 di depan hilang; format kolom "
                                            "sebagai Teks lalu ketik ulang.")))
            else:
                phone = PHONE_NOISE.sub("", raw_phone)
                if not PHONE.fullmatch(phone):
                    problems.append(("NO_HP", _("harus nomor HP 08... atau +628... (tertulis \u201c%(v)s\u201d).")
                                     % {"v": raw_phone.strip()}))
        package = _text(get("PAKET_USULAN")).upper()
        if package and maps.packages and package not in maps.packages:
            problems.append(("PAKET_USULAN", _("kode paket \u201c%(v)s\u201d tidak dikenal; pilih salah satu: "
                                               "%(codes)s (daftar lengkap di lembar PAKET templat).")
                             % {"v": package, "codes": ", ".join(maps.packages)}))
        texts = {}
        for name in ("NAMA", "ALAMAT", "JENIS_USAHA", "PAKET_USULAN", "KETERANGAN"):
            value = _text(get(name)) if name != "KETERANGAN" else str(get(name) or "").strip()
            if len(value) > MAX_LENGTH[name]:
                problems.append((name, _("terlalu panjang (%(n)d karakter, paling banyak %(max)d).")
                                 % {"n": len(value), "max": MAX_LENGTH[name]}))
            texts[name] = value

        # A NIK repeated in the file: the first row keeps it, later ones are refused.
        if nik and len(nik) == 16:
            first = seen_nik.setdefault(nik, row)
            if first != row:
                problems.append(("NIK", _("NIK sama dengan baris %(row)d di berkas ini.") % {"row": first}))
        if no_kk and not problems:
            first_kk = seen_kk.setdefault(no_kk, row)
            if first_kk != row:
                result.warnings.append({"level": "warning", "row": row, "column": "NO_KK", "reason": _(
                    "No. KK sama dengan baris %(row)d: satu keluarga biasanya hanya satu penerima.") % {"row": first_kk}})

        if problems:
            _refuse(result, row, values, problems)
        else:
            pending.append((row, values, (row, nik, texts["NAMA"], sex, birth_date, no_kk, kecamatan_id, kelurahan_id,
                                          texts["ALAMAT"], phone, desil, texts["JENIS_USAHA"], status, package,
                                          texts["KETERANGAN"])))

    if result.row_count == 0:
        raise FileRefused(_("Berkas hanya berisi baris judul; tidak ada baris calon."))
    taken = proposed_elsewhere(programme_year_id=upload.programme_year_id, kabupaten_id=upload.kabupaten_id,
                               niks=[p[2][1] for p in pending])
    for row, values, ready in pending:
        where = taken.get(ready[1])
        if where:
            _refuse(result, row, values, [("NIK", where)])
        else:
            result.good.append(ready)
    result.warnings += known_differently(result.good)
    result.refusals.sort(key=lambda r: r["row"])
    return result


def _refuse(result: Checked, row: int, values: list, problems: list[tuple[str, str]]) -> None:
    for column, reason in problems:
        result.refusals.append({"row": row, "column": column, "reason": reason})
    result.refused_rows[row] = [_cell_for_file(v) for v in values[:len(result.headers)]]


def proposed_elsewhere(*, programme_year_id: int, kabupaten_id: int, niks: list[str]) -> dict[str, str]:
    """NIKs already proposed in that year, anywhere, with a sentence saying where (one query).

    Another area's candidacy is named by its kabupaten/kota only: its upload and row are that
    area's business. The uploader's own area gets the upload's date and row, to find it.
    """
    if not niks:
        return {}
    # One query; an array parameter instead of 20,000 IN placeholders.
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT p.nik, c.kabupaten_id, k.name, u.uploaded_at, c.upload_row, c.created_at
            FROM recipients_candidate c JOIN recipients_person p ON p.id = c.person_id
            JOIN regions_kabupaten k ON k.id = c.kabupaten_id LEFT JOIN recipients_upload u ON u.id = c.upload_id
            WHERE c.programme_year_id = %s AND p.nik = ANY(%s)""", [programme_year_id, list(niks)])
        rows = cursor.fetchall()
    found = {}
    for nik, area_id, kabupaten, uploaded_at, upload_row, created_at in rows:
        values = {"year": programme_year_id, "kab": kabupaten, "row": upload_row,
                  "date": timezone.localtime(uploaded_at or created_at).strftime("%d/%m/%Y")}
        if area_id != kabupaten_id:
            found[nik] = _("NIK sudah diusulkan tahun %(year)s di %(kab)s.") % values
        elif upload_row:
            found[nik] = _("NIK sudah diusulkan tahun %(year)s di %(kab)s (unggahan %(date)s, baris %(row)d).") % values
        else:
            found[nik] = _("NIK sudah diusulkan tahun %(year)s di %(kab)s (%(date)s).") % values
    return found


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def known_differently(good: list[tuple]) -> list[dict]:
    """Warnings for rows whose NIK is already known with another name, sex or birth date (one query).

    The row is saved as the officer wrote it; the warning says what differs, never the other
    record's values, its area or its year.
    """
    if not good:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, name, sex, birth_date FROM recipients_person WHERE nik = ANY(%s)",
                       [[r[1] for r in good]])
        known = {nik: (name, sex, birth_date) for nik, name, sex, birth_date in cursor.fetchall()}
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


# ---------------------------------------------------------------- the services

def _read_upload(upload: Upload) -> bytes:
    try:
        with upload.file.open("rb") as fh:
            return fh.read(settings.UPLOAD_MAX_BYTES + 1)
    except (FileNotFoundError, ValueError):
        raise FileRefused(_("Berkas unggahan tidak ditemukan lagi di server; unggah ulang.")) from None


def _progress(upload: Upload, value: int, report: Callable[[int], None] | None) -> None:
    upload.progress = value
    if report:
        report(value)


def upload_create(*, user, kabupaten: Kabupaten, programme_year, file) -> Upload:
    """Keep the file and open an Upload in 'checking'; nothing about its rows is written."""
    if not user.can_work_in(kabupaten.id):
        raise PermissionError("user may not upload for this kabupaten")
    return Upload.objects.create(kabupaten=kabupaten, programme_year=programme_year, uploaded_by=user, file=file,
                                 original_name=(getattr(file, "name", "") or "berkas")[:255])


def upload_check(*, upload: Upload, report: Callable[[int], None] | None = None) -> Upload:
    """Read and check the file; the Upload ends in 'preview' (with refusals) or 'failed'. Writes nothing else."""
    _progress(upload, 5, report)
    try:
        table = read_table(_read_upload(upload), max_bytes=settings.UPLOAD_MAX_BYTES)
        _progress(upload, 30, report)
        checked = check_rows(upload=upload, table=table)
    except FileRefused as exc:
        _fail(upload, str(exc))
        return upload
    _store_check(upload, checked)
    _stage(upload, checked)
    upload.status = Upload.Status.PREVIEW
    upload.progress = 100
    upload.save()
    return upload


def _fail(upload: Upload, message: str) -> None:
    upload.status = Upload.Status.FAILED
    upload.progress = 100
    upload.messages = [{"level": "error", "reason": message}]
    upload.accepted_count = 0
    upload.save()
    # A file that cannot be read is not kept: it may still hold personal data.
    if upload.file:
        upload.file.delete(save=True)


def _store_check(upload: Upload, checked: Checked) -> None:
    upload.headers = checked.headers
    upload.row_count = checked.row_count
    upload.accepted_count = len(checked.good)
    upload.refused_count = len(checked.refused_rows)
    upload.refusals = checked.refusals
    upload.refused_rows = [{"row": row, "values": values} for row, values in sorted(checked.refused_rows.items())]
    upload.messages = checked.warnings
    upload.warning_count = len(checked.warnings)


def _not_previewable(status: str) -> str:
    """Why a confirm (or cancel) cannot start, from the upload's state now."""
    if status == Upload.Status.IMPORTING:
        return _("Unggahan ini sedang disimpan; tunggu sampai selesai.")
    if status == Upload.Status.CONFIRMED:
        return _("Unggahan ini sudah disimpan.")
    return _("Unggahan ini sudah diproses atau dibatalkan.")


def upload_start_confirm(*, upload: Upload, user) -> Upload:
    """Move a previewed upload to 'importing', once: a second click or a second tab is told it is running."""
    if not user.can_work_in(upload.kabupaten_id):
        raise PermissionError("user may not confirm for this kabupaten")
    moved = Upload.objects.filter(id=upload.id, status=Upload.Status.PREVIEW).update(
        status=Upload.Status.IMPORTING, progress=0, confirmed_by=user, confirm_sent_at=timezone.now())
    upload.refresh_from_db()
    if not moved:
        raise UploadStateError(_not_previewable(upload.status))
    return upload


def _staged_name(upload: Upload) -> str:
    return f"uploads/checked/upload-{upload.id}.json"


def _stage(upload: Upload, checked: Checked) -> None:
    """Keep the checked rows beside the file, so confirm need not read and check the file again."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = _staged_name(upload)
    default_storage.delete(name)
    payload = {"rows": [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in checked.good]}
    default_storage.save(name, ContentFile(json.dumps(payload, separators=(",", ":")).encode()))


def _unstage(upload: Upload) -> list | None:
    from django.core.files.storage import default_storage

    name = _staged_name(upload)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        payload = json.loads(fh.read())
    return payload["rows"]


def _drop_staged(upload: Upload) -> None:
    from django.core.files.storage import default_storage

    default_storage.delete(_staged_name(upload))


def upload_confirm(*, upload: Upload, user, report: Callable[[int], None] | None = None) -> Upload:
    """Start and write a previewed upload in this process (small files); ``upload`` is refreshed."""
    upload_start_confirm(upload=upload, user=user)
    upload_confirm_run(upload_id=upload.id, report=report)
    upload.refresh_from_db()
    return upload


def upload_confirm_run(*, upload_id: int, report: Callable[[int], None] | None = None) -> Upload:
    """Write a started confirm: every accepted row in one transaction, exactly once whoever calls it.

    The upload's row stays locked until the rows are written and the upload says so: a second
    run (a redelivered task, a resume) waits, then finds the upload no longer 'importing' and
    does nothing. Rows that became duplicates since the preview are refused.
    """
    try:
        with transaction.atomic():
            upload = Upload.objects.select_for_update().get(id=upload_id)
            if upload.status != Upload.Status.IMPORTING:
                return upload
            with pghistory.context(upload=upload.id, user=upload.confirmed_by_id):
                _confirm_write(upload=upload, report=report)
    except FileRefused as exc:
        upload = Upload.objects.get(id=upload_id)
        _fail(upload, str(exc))
        return upload
    upload_file_discard(upload=upload)
    if upload.accepted_count:
        _analyze_what_the_confirm_wrote()
    return upload


def _analyze_what_the_confirm_wrote() -> None:
    """Fresh planner statistics for the people and candidates just written: the lists and searches
    plan on them at once (before, a name search took seconds), and autovacuum may be off or late."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Person._meta.db_table}, {Candidate._meta.db_table}")


def uploads_to_resend(*, upload_id: int | None = None) -> list[int]:
    """Confirms whose worker was lost: 'importing', not being written (their row is not held) and
    sent over a lease ago; or the one upload asked for, at once. Marks them sent; the caller sends
    ``upload_confirm_task`` for each. A second delivery finds the upload saved and does nothing."""
    now = timezone.now()
    with transaction.atomic():
        stale = Upload.objects.select_for_update(skip_locked=True).filter(status=Upload.Status.IMPORTING)
        if upload_id is None:
            lease = dt.timedelta(seconds=settings.UPLOAD_CONFIRM_LEASE_SECONDS)
            stale = stale.filter(Q(confirm_sent_at__isnull=True) | Q(confirm_sent_at__lt=now - lease))
        else:
            stale = stale.filter(id=upload_id)
        ids = list(stale.values_list("id", flat=True))
        Upload.objects.filter(id__in=ids).update(confirm_sent_at=now)
    return ids


def upload_confirm_resume(*, upload: Upload, user) -> None:
    """The officer or provincial staff send a stuck confirm again now (the caller sends the task)."""
    if not user.can_work_in(upload.kabupaten_id):
        raise PermissionError("user may not resume for this kabupaten")
    if not uploads_to_resend(upload_id=upload.id):
        upload.refresh_from_db()
        raise UploadStateError(_not_previewable(upload.status))


def upload_confirm_stop(*, upload: Upload, user) -> Upload:
    """Stop a stuck confirm: nothing was written (a confirm writes in one transaction); the upload
    goes back to its preview, to be saved again or cancelled. Refused while a confirm is writing."""
    if not user.can_work_in(upload.kabupaten_id):
        raise PermissionError("user may not stop for this kabupaten")
    with transaction.atomic():
        idle = Upload.objects.select_for_update(skip_locked=True).filter(id=upload.id, status=Upload.Status.IMPORTING)
        if not list(idle.values_list("id", flat=True)):
            upload.refresh_from_db()
            raise UploadStateError(_not_previewable(upload.status))
        who = user.get_full_name() or user.username
        idle.update(status=Upload.Status.PREVIEW, progress=0, confirm_sent_at=None, messages=[
            *upload.warnings, {"level": "error", "reason": _(
                "Penyimpanan dihentikan oleh %(who)s; tidak ada data yang tersimpan. Simpan lagi atau batalkan "
                "unggahan ini.") % {"who": who}}])
    upload.refresh_from_db()
    return upload


def _confirm_write(*, upload: Upload, report: Callable[[int], None] | None) -> None:
    rows = _unstage(upload)
    if rows is None:  # the staged rows were lost: read and check the file again
        checked = check_rows(upload=upload, table=read_table(_read_upload(upload), max_bytes=settings.UPLOAD_MAX_BYTES))
        rows = checked.good
        _store_check(upload, checked)
    _progress(upload, 30, report)
    # One confirm at a time per programme year, so two files cannot both add the same NIK;
    # under the lock, the NIKs confirmed since the preview are looked up again.
    lock_proposals(programme_year_id=upload.programme_year_id)
    taken = proposed_elsewhere(programme_year_id=upload.programme_year_id, kabupaten_id=upload.kabupaten_id,
                               niks=[r[1] for r in rows])
    keep = [row for row in rows if row[1] not in taken]
    refused_rows = {item["row"]: item["values"] for item in upload.refused_rows}
    if len(keep) < len(rows):
        # Rare: rows that became duplicates since the preview; their cells come from the file.
        table = read_table(_read_upload(upload), max_bytes=settings.UPLOAD_MAX_BYTES)
        width = len(upload.headers)
        for row in rows:
            if row[1] in taken:
                upload.refusals.append({"row": row[0], "column": "NIK", "reason": taken[row[1]]})
                refused_rows[row[0]] = [_cell_for_file(v) for v in table[row[0] - 1][:width]]
    _progress(upload, 50, report)
    _write(upload=upload, user=upload.confirmed_by, rows=keep)
    upload.refusals.sort(key=lambda r: r["row"])
    upload.refused_rows = [{"row": r, "values": v} for r, v in sorted(refused_rows.items())]
    upload.accepted_count = len(keep)
    upload.refused_count = len(refused_rows)
    upload.messages = upload.warnings  # an earlier failed or stopped attempt no longer matters
    upload.status = Upload.Status.CONFIRMED
    upload.confirmed_at = timezone.now()
    upload.progress = 100
    upload.save()


def upload_cancel(*, upload: Upload, user) -> Upload:
    if not user.can_work_in(upload.kabupaten_id):
        raise PermissionError("user may not cancel for this kabupaten")
    moved = Upload.objects.filter(id=upload.id, status__in=[Upload.Status.PREVIEW, Upload.Status.FAILED]).update(
        status=Upload.Status.CANCELLED, progress=100)
    upload.refresh_from_db()
    if not moved:
        raise UploadStateError(_not_previewable(upload.status))
    if upload.file:
        upload.file.delete(save=True)
    _drop_staged(upload)
    return upload


TEMP_COLUMNS = """upload_row integer, nik varchar(16), name varchar(150), sex varchar(1), birth_date date,
    no_kk varchar(16), kecamatan_id bigint, kelurahan_id bigint, address varchar(255), phone varchar(20),
    desil smallint, business_type varchar(200), business_status varchar(10), package varchar(30), notes text"""


def _write(*, upload: Upload, user, rows: list[tuple]) -> None:
    """COPY the rows into a temporary table, then two INSERT ... SELECT; the audit triggers stay on."""
    if not rows:
        return
    with connection.cursor() as cursor:
        # Dropped at the end too: an outer transaction (a test, a batch) may confirm several uploads.
        cursor.execute("DROP TABLE IF EXISTS upload_rows")
        cursor.execute(f"CREATE TEMP TABLE upload_rows ({TEMP_COLUMNS}) ON COMMIT DROP")
        with cursor.copy(f"COPY upload_rows ({', '.join(('upload_row',) + ROW_FIELDS[1:])}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        # A temporary table has no statistics until analysed; without them the planner joins
        # 20,000 rows by nested loops over a sequential scan (13 s instead of 0.3 s). Only the
        # join column is needed (0.03 s instead of 0.2 s for all fifteen).
        cursor.execute("ANALYZE upload_rows (nik)")
        cursor.execute("""
            INSERT INTO recipients_person (nik, name, sex, birth_date, created_at)
            SELECT nik, name, sex, birth_date, now() FROM upload_rows
            ON CONFLICT (nik) DO NOTHING""")
        cursor.execute("""
            INSERT INTO recipients_candidate (person_id, name, sex, birth_date, programme_year_id, kabupaten_id,
                kecamatan_id, kelurahan_id, address, phone, no_kk, desil_proposed, business_type, business_status,
                requested_package, notes, upload_id, upload_row, status, reserve_rank, created_at, created_by_id)
            SELECT p.id, r.name, r.sex, r.birth_date, %s, %s, r.kecamatan_id, r.kelurahan_id, r.address, r.phone,
                r.no_kk, r.desil,
                r.business_type, r.business_status, r.package, r.notes, %s, r.upload_row, %s, NULL, now(), %s
            FROM upload_rows r JOIN recipients_person p ON p.nik = r.nik""",
                       [upload.programme_year_id, upload.kabupaten_id, upload.id, CandidateStatus.PROPOSED, user.id])
        cursor.execute("DROP TABLE upload_rows")


def upload_runs_inline(upload: Upload) -> bool:
    """Small files are checked in the request; big ones by a worker (the file size stands in for rows)."""
    return (upload.row_count or _estimated_rows(upload)) <= INLINE_MAX_ROWS


def _estimated_rows(upload: Upload) -> int:
    try:
        size = upload.file.size
    except (FileNotFoundError, ValueError):
        return 0
    # ~90 bytes per row in an XLSX from generate_candidates (a CSV is larger, so it errs towards the worker).
    return size // 90
