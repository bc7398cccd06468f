"""A big file COPYed as two halves at once (``loading.SPLIT_BYTES``, made small here): the same rows,
refusals and line numbers as one stream, a NIK twice across the halves, a bad half falling back, a file
of two provinces, the drop, and a verification against it. Outside a test transaction: the halves commit
their tables from connections of their own."""

import datetime as dt

import pytest
from django.db import connection

from verification import loading
from verification.models import RegistryRecord, Snapshot, VerificationResult
from verification.services import batch, snapshots
from verification.synthetic import HEADER, generate_snapshot_file
from verification.tests.conftest import registry_row
from verification.tests.test_registry_provinces import KALSEL, leftovers, row, snapshot_tables

ROWS = 3000


@pytest.fixture
def extract(tmp_path, regions):  # the villages the generator draws from
    """The generated extract's rows (lists of cells); ``write`` puts rows back into a file."""
    path = tmp_path / "generated.csv"
    generate_snapshot_file(rows=ROWS, out=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == HEADER

    def write(rows, name="dtks.csv"):
        out = tmp_path / name
        out.write_text("\n".join([",".join(HEADER), *(",".join(str(c) for c in r) for r in rows)]) + "\n",
                       encoding="utf-8")
        return out

    return [line.split(",") for line in lines[1:]], write


@pytest.fixture
def load(monkeypatch):
    """Load a file as a snapshot, in two halves or in one stream."""

    def run(path, *, split: bool) -> Snapshot:
        monkeypatch.setattr(loading, "SPLIT_BYTES", 1000 if split else 1 << 40)
        snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), label="uji", path=path)
        snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
        assert snapshot.status == Snapshot.Status.READY, snapshot.message
        return snapshot

    return run


def records(snapshot) -> list[tuple]:
    return list(RegistryRecord.objects.filter(snapshot=snapshot).order_by("line")
                .values_list("line", "nik", "refusal"))


def halves(snapshot, province=64) -> list[str]:
    """The leaves under the province's table: two if the copy was split."""
    table = loading.province_partition_name(snapshot.id, province)
    return sorted(name for name in snapshot_tables(snapshot) if name.startswith(f"{table}_h"))


def summary(snapshot) -> tuple:
    return snapshot.row_count, snapshot.loaded_count, snapshot.refused_count, snapshot.refusals


def second_half_line(rows) -> int:
    """A line well inside the second half (the file splits near its middle byte)."""
    return 2 + len(rows) * 3 // 4


@pytest.mark.django_db(transaction=True)
def test_the_split_load_gives_the_rows_of_one_stream(extract, load, regions):
    rows, write = extract
    rows[10][9] = "11"  # desil, first half
    rows[2500][4] = "X"  # sex, second half
    rows[2600][1] = rows[20][1]  # a NIK of the first half again in the second
    rows[2700][1] = rows[2650][1]  # twice within the second half
    path = write(rows)

    split, single = load(path, split=True), load(path, split=False)

    assert halves(split) == [f"{loading.province_partition_name(split.id, 64)}_h{n}" for n in (1, 2)]
    assert halves(single) == []
    assert records(split) == records(single)
    assert summary(split) == summary(single)
    assert [(r["row"], r["reason"]) for r in split.refusals] == [
        (12, "desil"), (2502, "sex"), (2602, "duplicate"), (2702, "duplicate")]
    assert leftovers(split) == []


@pytest.mark.django_db(transaction=True)
def test_a_refused_row_of_the_second_half_keeps_its_line_in_the_file(extract, load, regions):
    rows, write = extract
    line = second_half_line(rows)
    rows[line - 2][9] = "0"  # desil
    snapshot = load(write(rows), split=True)

    assert len(halves(snapshot)) == 2
    assert snapshot.refusals == [{"row": line, "reason": "desil"}]
    assert RegistryRecord.objects.get(snapshot=snapshot, line=line).nik == int(rows[line - 2][1])
    assert [r[0] for r in records(snapshot)] == list(range(2, ROWS + 2))


@pytest.mark.django_db(transaction=True)
def test_a_nik_in_both_halves_is_refused_on_its_later_line_only(extract, load, regions):
    rows, write = extract
    later = second_half_line(rows)
    rows[later - 2][1] = rows[5][1]  # the NIK of line 7
    snapshot = load(write(rows), split=True)

    assert len(halves(snapshot)) == 2
    assert snapshot.refusals == [{"row": later, "reason": "duplicate"}]
    nik = int(rows[5][1])
    assert list(RegistryRecord.objects.filter(snapshot=snapshot, nik=nik).order_by("line")
                .values_list("line", "refusal")) == [(7, None), (later, "duplicate")]


@pytest.mark.django_db(transaction=True)
def test_a_value_copy_cannot_read_in_the_second_half_falls_back_to_one_stream(extract, load, regions, monkeypatch):
    rows, write = extract
    line = second_half_line(rows)
    rows[line - 2][1] = "6.47203E+15"
    tried = []
    copy_in_halves = loading._copy_in_halves
    monkeypatch.setattr(loading, "_copy_in_halves", lambda *a, **kw: tried.append(copy_in_halves(*a, **kw)))
    snapshot = load(write(rows), split=True)

    assert tried == [None]  # the halves were tried, failed and dropped
    assert halves(snapshot) == []  # the file was copied again in one stream
    assert snapshot.refusals == [{"row": line, "reason": "nik"}]
    assert (snapshot.loaded_count, snapshot.refused_count) == (ROWS - 1, 1)
    assert [r[0] for r in records(snapshot)] == list(range(2, ROWS + 2))
    assert leftovers(snapshot) == []


@pytest.mark.django_db(transaction=True)
def test_a_quoted_line_break_in_a_split_file_is_read_as_one_stream_would(extract, load, regions):
    rows, write = extract
    line = second_half_line(rows)
    rows[line - 2][8] = '"Sidodadi\nRT 5"'  # kelurahan: a record of two lines
    path = write(rows)

    split, single = load(path, split=True), load(path, split=False)

    assert halves(split) == []
    assert records(split) == records(single) and summary(split) == summary(single)
    assert RegistryRecord.objects.get(snapshot=split, nik=int(rows[line - 2][1])).kelurahan == "Sidodadi\nRT 5"


@pytest.mark.django_db(transaction=True)
def test_a_file_of_two_provinces_split_is_routed_to_one_table_each(extract, load, regions, kalsel):
    rows, write = extract
    kalsel_rows = [row(KALSEL, id=f"DTKS9{n}", nik=f"63710147028500{n:02d}") for n in range(10, 60)]
    kalsel_rows[30][9] = "11"  # desil
    path = write(rows + kalsel_rows)  # Kaltim, then Kalsel: the second half ends in Kalsel

    split, single = load(path, split=True), load(path, split=False)

    base = loading.partition_name(split.id)
    assert snapshot_tables(split) == {base: 1, f"{base}_p63": 2, f"{base}_p64": 2}
    assert leftovers(split) == []
    assert records(split) == records(single) and summary(split) == summary(single)
    assert split.refusals == [{"row": ROWS + 2 + 30, "reason": "desil"}]
    assert RegistryRecord.objects.filter(snapshot=split, province=63).count() == 50


@pytest.mark.django_db(transaction=True)
def test_dropping_a_split_snapshot_leaves_no_table(extract, load, regions, monkeypatch):
    rows, write = extract
    path = write(rows)
    snapshot = load(path, split=True)
    assert len(halves(snapshot)) == 2
    snapshot_id = snapshot.id

    snapshots.snapshot_delete(snapshot=snapshot)

    assert own_tables(snapshot_id) == []

    # A crash after the halves were copied, before the attach: the leaves and the partitioned province
    # table are left (the load's own cleanup made a no-op here), and the next load's drop removes them.
    def crash(*args, **kwargs):
        raise RuntimeError("crash")

    monkeypatch.setattr(loading, "_check_index_attach", crash)
    real_drop = loading.snapshot_tables_drop
    monkeypatch.setattr(loading, "snapshot_tables_drop", lambda cursor, snapshot_id: None)
    monkeypatch.setattr(loading, "SPLIT_BYTES", 1000)
    crashed = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), label="uji", path=path)
    with pytest.raises(RuntimeError):
        snapshots.snapshot_load(snapshot_id=crashed.id)
    table = loading.province_partition_name(crashed.id, 64)
    assert sorted(own_tables(crashed.id)) == [table, f"{table}_h1", f"{table}_h2"]

    with connection.cursor() as cursor:
        real_drop(cursor, crashed.id)

    assert own_tables(crashed.id) == []


def own_tables(snapshot_id) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(r"SELECT relname FROM pg_class WHERE relname LIKE %s || '\_%%' AND relkind IN ('r', 'p', 'S')",
                       [loading.partition_name(snapshot_id)])
        return [name for (name,) in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_a_verification_against_a_split_snapshot_gives_the_unsplit_result(extract, load, new_candidate, samarinda,
                                                                          balikpapan, users, programme_year):
    rows, write = extract
    candidates = [new_candidate(samarinda if n % 2 else balikpapan, created_by=users["officer"]) for n in range(8)]
    theirs = [registry_row(c, DESIL=7 if n % 3 == 0 else 2) for n, c in enumerate(candidates[:6])]
    theirs[1][3] = "Someone Else"  # the name is not the candidate's
    twice = list(theirs[2])
    twice[9] = 9  # the same NIK in the second half, its desil would fail the candidate: refused as a duplicate
    # Three candidates' rows in the first half, three (and the NIK twice) in the second; two not in the file.
    path = write(theirs[:3] + rows[:ROWS // 2] + theirs[3:] + rows[ROWS // 2:] + [twice])

    results = {}
    for split, reverify in ((True, False), (False, True)):
        snapshot = load(path, split=split)
        assert len(halves(snapshot)) == (2 if split else 0)
        job = batch.verification_job_start(programme_year=programme_year, snapshot=snapshot,
                                           user=users["provincial"], reverify=reverify,
                                           reference_date=dt.date(2025, 7, 1))
        for chunk in job.chunks.all():
            batch.verification_chunk_run(chunk_id=chunk.id)
        results[split] = {r.candidate_id: r.reasons for r in VerificationResult.objects.filter(job=job)}

    assert results[True] == results[False]
    passed = [c.id for c in candidates if not results[True][c.id]]
    # Desil 2 and the name as registered (the NIK twice refused its later, desil-9 row); the rest fail.
    assert passed == [candidates[n].id for n in (2, 4, 5)]
