"""The registry by snapshot, then by province: a file of several provinces is split into one table
per province, and a verification reads only the table of its candidates' province."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from verification import loading
from verification.models import RegistryRecord, Snapshot
from verification.services import batch
from verification.tests.conftest import registry_row

KALTIM = ["DTKS1", "6472034702850001", "6472030101250001", "Siti Aminah", "P", "1985-02-07", "64.72", "Samarinda Ulu",
          "Sidodadi", "3"]
KALSEL = ["DTKS2", "6371014702850002", "6371010101250002", "Rina Banjar", "P", "1985-02-07", "63.71",
          "Banjarmasin Selatan", "Kelayan", "4"]


def row(base, **changes):
    values = list(base)
    index = {"id": 0, "nik": 1, "kab": 6, "desil": 9}
    for key, value in changes.items():
        values[index[key]] = value
    return values


def snapshot_tables(snapshot) -> dict[str, int]:
    """The snapshot's tables and their level in the registry's partition tree."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relid::text, level FROM pg_partition_tree('verification_registryrecord') "
                       "WHERE relid::text LIKE %s", [f"{loading.partition_name(snapshot.id)}%"])
        return dict(cursor.fetchall())


def leftovers(snapshot) -> list[str]:
    """Tables or sequences of the snapshot outside the partition tree (a staging table, a sequence)."""
    with connection.cursor() as cursor:
        cursor.execute(r"SELECT relname FROM pg_class WHERE relname LIKE %s || '\_%%' AND relkind IN ('r', 'S') "
                       r"AND NOT relispartition", [loading.partition_name(snapshot.id)])
        return [name for (name,) in cursor.fetchall()]


@pytest.mark.django_db
def test_a_file_of_two_provinces_puts_each_province_s_rows_in_its_own_table(load_snapshot, regions, kalsel):
    snapshot = load_snapshot([
        KALSEL,                                                          # line 2: the file starts in Kalsel
        KALTIM,                                                          # 3
        row(KALSEL, id="DTKS4", nik="6371010101850004", kab="KOTA BANJARMASIN"),  # 4: by its name
        row(KALTIM, id="DTKS5", nik="6472030101850005", kab="6472"),     # 5: by its digits
        row(KALTIM, id="DTKS6", nik="6472030101850006", kab="65.01"),    # 6: no such kabupaten/kota loaded
        row(KALTIM, id="DTKS7", nik="6472030101850007", kab="Samarinda", desil="11"),  # 7
    ])

    assert snapshot.status == Snapshot.Status.READY
    assert (snapshot.row_count, snapshot.loaded_count, snapshot.refused_count) == (6, 4, 2)
    assert [(r["row"], r["reason"]) for r in snapshot.refusals] == [(6, "kabupaten"), (7, "desil")]
    assert loading.refusal_reasons()["kabupaten"] == (
        "KABUPATEN_KOTA bukan kabupaten/kota yang dikenal (kode seperti 64.72, atau namanya).")
    base = loading.partition_name(snapshot.id)
    assert snapshot_tables(snapshot) == {base: 1, f"{base}_p63": 2, f"{base}_p64": 2}
    assert leftovers(snapshot) == []  # the COPY's table, routed, is gone; so is the line sequence
    lines = {p: sorted(RegistryRecord.objects.filter(snapshot=snapshot, province=p).values_list("line", flat=True))
             for p in (63, 64)}
    # A refused row of an unknown kabupaten/kota stays with the first row's province (Kalsel here).
    assert lines == {63: [2, 4, 6], 64: [3, 5, 7]}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ONLY {base}_p63 WHERE refusal IS NULL")
        assert cursor.fetchone()[0] == 2
        cursor.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = %s::regclass",
                       [f"{base}_p63"])
        assert [name for (name,) in cursor.fetchall()] == [f"{base}_p63_nik"]


@pytest.mark.django_db
def test_a_file_of_one_province_goes_straight_to_its_table(load_snapshot, regions, kalsel):
    snapshot = load_snapshot([KALSEL, row(KALSEL, id="DTKS3", nik="6371010101850003")])

    base = loading.partition_name(snapshot.id)
    assert snapshot_tables(snapshot) == {base: 1, f"{base}_p63": 2}
    assert snapshot.loaded_count == 2 and leftovers(snapshot) == []


def registry_lookup_plans(run_chunk) -> tuple[str, str]:
    """The chunk statement's plan as the planner picks it, and without sequential scans (one row per
    table here, which it would rather scan: that shows the lookup it takes at a province's size)."""
    with CaptureQueriesContext(connection) as ctx:
        run_chunk()
    statement = next(q["sql"] for q in ctx.captured_queries if "verification_registryrecord" in q["sql"])
    plans = []
    with connection.cursor() as cursor:
        for seqscan in ("on", "off"):
            cursor.execute(f"SET LOCAL enable_seqscan = {seqscan}")
            cursor.execute("EXPLAIN " + statement.replace("%", "%%"))
            plans.append("\n".join(line for (line,) in cursor.fetchall()))
    return plans[0], plans[1]


@pytest.mark.django_db
def test_a_verification_reads_only_its_province_s_table_of_the_snapshot(load_snapshot, new_candidate, banjarmasin,
                                                                      samarinda, kalsel_users, users, programme_year):
    ours = new_candidate(banjarmasin, created_by=kalsel_users["kalsel_officer"])
    theirs = new_candidate(samarinda, created_by=users["officer"])
    snapshot = load_snapshot([registry_row(theirs, DESIL=3), registry_row(ours, DESIL=4)])
    base = loading.partition_name(snapshot.id)
    assert snapshot_tables(snapshot) == {base: 1, f"{base}_p63": 2, f"{base}_p64": 2}

    for candidate, user, here, there, desil in ((ours, kalsel_users["kalsel_provincial"], 63, 64, 4),
                                                (theirs, users["provincial"], 64, 63, 3)):
        job = batch.verification_job_start(programme_year=programme_year, snapshot=snapshot, user=user)
        plan, indexed = registry_lookup_plans(lambda: batch.verification_chunk_run(chunk_id=job.chunks.get().id))

        assert f"{base}_p{here}" in plan and f"{base}_p{there}" not in plan
        assert f"{base}_p{here}_nik" in indexed and f"{base}_p{there}" not in indexed
        assert candidate.desk_results.get().facts["desil"] == desil


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_index_is_built_beside_the_check(load_snapshot, regions):
    """The load's own path (a worker, no test transaction around it): the NIK index is built on a second
    connection while the rows are checked; a NIK twice still refuses the later row."""
    snapshot = load_snapshot([KALTIM, row(KALTIM, id="DTKS3", nik="6472030101850003"),
                              row(KALTIM, id="DTKS4"), row(KALTIM, id="DTKS5", nik="6472030101850005", desil="0")])

    assert [(r["row"], r["reason"]) for r in snapshot.refusals] == [(4, "duplicate"), (5, "desil")]
    assert sorted(RegistryRecord.objects.filter(snapshot=snapshot, refusal__isnull=True)
                  .values_list("line", flat=True)) == [2, 3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_index WHERE indrelid = %s::regclass AND indisunique",
                       [loading.province_partition_name(snapshot.id, 64)])
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_a_row_of_another_province_the_copy_did_not_sample_is_still_routed(load_snapshot, regions, kalsel):
    # The copy reads the last line of each block: here the file's only block ends in Kalsel, as it starts.
    snapshot = load_snapshot([KALSEL, KALTIM, row(KALSEL, id="DTKS4", nik="6371010101850004")])

    base = loading.partition_name(snapshot.id)
    assert snapshot_tables(snapshot) == {base: 1, f"{base}_p63": 2, f"{base}_p64": 2}
    assert list(RegistryRecord.objects.filter(snapshot=snapshot, province=64).values_list("line", flat=True)) == [3]
    assert snapshot.loaded_count == 3 and leftovers(snapshot) == []
