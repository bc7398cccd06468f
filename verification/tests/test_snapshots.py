import datetime as dt

import pytest

from verification import services
from verification.models import RegistryRecord, Snapshot
from verification.synthetic import generate_snapshot_file

GOOD = ["DTKS1", "6472034702850001", "6472030101250001", "Siti Aminah", "P", "1985-02-07", "64.72", "Samarinda Ulu",
        "Sidodadi", "3"]


def with_(**changes):
    row = list(GOOD)
    index = {"id": 0, "nik": 1, "kk": 2, "name": 3, "sex": 4, "born": 5, "kab": 6, "desil": 9}
    for key, value in changes.items():
        row[index[key]] = value
    return row


@pytest.mark.django_db
def test_it_loads_a_clean_extract_into_the_snapshot(load_snapshot, regions):
    snapshot = load_snapshot([GOOD, with_(id="DTKS2", nik="6472030311800002", sex="L", born="03/11/1980",
                                          kab="Kota Samarinda")])

    assert snapshot.status == Snapshot.Status.READY
    assert (snapshot.row_count, snapshot.loaded_count, snapshot.refused_count) == (2, 2, 0)
    assert set(RegistryRecord.objects.filter(snapshot=snapshot, refusal__isnull=True)
               .values_list("nik", flat=True)) == {6472034702850001, 6472030311800002}


@pytest.mark.django_db
def test_it_reports_bad_rows_by_line_and_loads_the_rest(load_snapshot, regions):
    rows = [
        GOOD,                                                   # line 2
        with_(nik="6.47203E+15"),                               # 3
        with_(nik="6472030101850003", kk="12345"),              # 4
        with_(nik="6472030101850004", born="1985-02-30"),       # 5
        with_(nik="6472030101850005", desil="11"),              # 6
        with_(nik="6472030101850006", kab="65.01"),             # 7
        with_(nik="6472030101850007", sex="X"),                 # 8
        with_(nik="6472034702850001"),                          # 9: the NIK of line 2 again
        with_(nik="6472030101850009", born="07/02/1985", kab="SAMARINDA", desil=" 5 "),  # 10: fine
    ]
    snapshot = load_snapshot(rows)

    assert (snapshot.row_count, snapshot.loaded_count, snapshot.refused_count) == (9, 2, 7)
    assert [(r["row"], r["reason"]) for r in snapshot.refusals] == [
        (3, "nik"), (4, "no_kk"), (5, "birth_date"), (6, "desil"), (7, "kabupaten"), (8, "sex"), (9, "duplicate"),
    ]


@pytest.mark.django_db
def test_a_row_with_the_wrong_number_of_columns_is_refused_not_fatal(write_csv, regions):
    path = write_csv([GOOD])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("DTKS9,6472030101850009,too,few\n")
        fh.write(",".join(with_(id="DTKS3", nik="6472030101850003")) + "\n")
    snapshot = services.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = services.snapshot_load(snapshot_id=snapshot.id)

    assert snapshot.status == Snapshot.Status.READY
    assert snapshot.loaded_count == 2
    assert snapshot.refusals == [{"row": 3, "reason": "columns"}]


@pytest.mark.django_db
def test_a_file_without_a_required_column_fails_with_a_message(write_csv, regions):
    path = write_csv([["x", "6472034702850001"]], header=["ID_DTKS", "NIK"])
    snapshot = services.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = services.snapshot_load(snapshot_id=snapshot.id)

    assert snapshot.status == Snapshot.Status.FAILED
    assert "NO_KK" in snapshot.message and "DESIL" in snapshot.message


@pytest.mark.django_db
def test_older_snapshots_are_kept_and_a_desil_can_move(load_snapshot, regions):
    old = load_snapshot([GOOD], extract_date=dt.date(2025, 1, 31))
    new = load_snapshot([with_(desil="7")], extract_date=dt.date(2025, 6, 30))

    assert RegistryRecord.objects.get(snapshot=old, nik=GOOD[1]).desil == 3
    assert RegistryRecord.objects.get(snapshot=new, nik=GOOD[1]).desil == 7


@pytest.mark.django_db
def test_the_generated_extract_loads_without_refusals(tmp_path, regions):
    path = tmp_path / "synthetic.csv"
    generate_snapshot_file(rows=3000, out=path)
    snapshot = services.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = services.snapshot_load(snapshot_id=snapshot.id)

    assert (snapshot.loaded_count, snapshot.refused_count) == (3000, 0)
    desils = set(RegistryRecord.objects.filter(snapshot=snapshot).values_list("desil", flat=True))
    assert desils <= set(range(1, 11)) and len(desils) >= 8


@pytest.mark.django_db
def test_a_small_xlsx_extract_loads_like_a_csv(tmp_path, regions):
    from uep.xlsx import xlsx_bytes
    from verification.synthetic import HEADER

    path = tmp_path / "dtks.xlsx"
    path.write_bytes(xlsx_bytes(headers=HEADER, rows=[GOOD, with_(nik="123")], text_columns=(1, 2)))
    snapshot = services.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = services.snapshot_load(snapshot_id=snapshot.id)

    assert (snapshot.loaded_count, snapshot.refused_count) == (1, 1)
    assert snapshot.refusals == [{"row": 3, "reason": "nik"}]
