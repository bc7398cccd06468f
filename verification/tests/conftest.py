import datetime as dt
from pathlib import Path

import pytest

from verification.services import snapshots
from verification.synthetic import HEADER


@pytest.fixture
def write_csv(tmp_path):
    def write(rows, *, header=HEADER, name="dtks.csv", delimiter=","):
        path = Path(tmp_path) / name
        lines = [delimiter.join(header)] + [delimiter.join(str(c) for c in row) for row in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


def registry_row(candidate, **overrides):
    """The registry row that matches a candidate exactly (desil 2, same kabupaten)."""
    person = candidate.person
    row = {
        "ID_DTKS": f"DTKS{candidate.id:08d}", "NIK": person.nik, "NO_KK": candidate.no_kk, "NAMA": person.name,
        "JENIS_KELAMIN": person.sex, "TANGGAL_LAHIR": person.birth_date.isoformat(),
        "KABUPATEN_KOTA": candidate.kabupaten.code, "KECAMATAN": candidate.kecamatan.name,
        "KELURAHAN_DESA": candidate.kelurahan.name, "DESIL": 2,
    }
    row.update(overrides)
    return [row[h] for h in HEADER]


@pytest.fixture
def load_snapshot(write_csv):
    """Load rows (lists in HEADER order) as a ready snapshot."""

    def load(rows, *, extract_date=dt.date(2025, 6, 30)):
        path = write_csv(rows)
        snapshot = snapshots.snapshot_create(extract_date=extract_date, label="uji", path=path)
        return snapshots.snapshot_load(snapshot_id=snapshot.id)

    return load


@pytest.fixture
def new_candidate(make_candidate):
    """``make_candidate`` with a family card of its own (theirs share one per kecamatan)."""
    counter = iter(range(1, 10000))

    def make(kabupaten, **fields):
        fields.setdefault("no_kk", f"{kabupaten.digits}01{next(counter):04d}250001")
        return make_candidate(kabupaten, **fields)

    return make
