import datetime as dt
import io

import pytest

from verification.models import RegistryRecord, Snapshot
from verification.services import snapshots
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
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)

    assert snapshot.status == Snapshot.Status.READY
    assert snapshot.loaded_count == 2
    assert snapshot.refusals == [{"row": 3, "reason": "columns"}]


@pytest.mark.django_db
def test_a_file_without_a_required_column_fails_with_a_message(write_csv, regions):
    path = write_csv([["x", "6472034702850001"]], header=["ID_DTKS", "NIK"])
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)

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
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)

    assert (snapshot.loaded_count, snapshot.refused_count) == (3000, 0)
    desils = set(RegistryRecord.objects.filter(snapshot=snapshot).values_list("desil", flat=True))
    assert desils <= set(range(1, 11)) and len(desils) >= 8


@pytest.mark.django_db
def test_a_small_xlsx_extract_loads_like_a_csv(tmp_path, regions):
    from uep.xlsx import xlsx_bytes
    from verification.synthetic import HEADER

    path = tmp_path / "dtks.xlsx"
    path.write_bytes(xlsx_bytes(headers=HEADER, rows=[GOOD, with_(nik="123")], text_columns=(1, 2)))
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)

    assert (snapshot.loaded_count, snapshot.refused_count) == (1, 1)
    assert snapshot.refusals == [{"row": 3, "reason": "nik"}]


def many_good(n, start=100):
    return [with_(id=f"DTKS{i}", nik=f"64720301018{i:05d}") for i in range(start, start + n)]


@pytest.mark.django_db
@pytest.mark.parametrize("block", [1 << 20, 64], ids=["one block", "many small blocks"])
def test_unreadable_rows_are_copied_around_and_every_line_keeps_its_number(load_snapshot, regions, monkeypatch,
                                                                          block):
    from verification import loading

    monkeypatch.setattr(loading, "COPY_BLOCK", block)
    rows = many_good(30)
    rows[0] = with_(id="DTKS0", nik="6.47203E+15")                  # line 2: first record
    rows[11] = with_(id="DTKS11", nik="6472030101850011", born="31/02/1980")  # line 13
    rows[12] = ["DTKS12", "6472030101850012", "short"]                        # line 14
    rows[29] = with_(id="DTKS29", nik="64720301018500AB")                     # line 31: last record

    snapshot = load_snapshot(rows)

    assert snapshot.status == Snapshot.Status.READY
    assert (snapshot.row_count, snapshot.loaded_count, snapshot.refused_count) == (30, 26, 4)
    assert [(r["row"], r["reason"]) for r in snapshot.refusals] == [
        (2, "nik"), (13, "birth_date"), (14, "columns"), (31, "nik")]
    # The rows between the bad ones keep the line they have in the file.
    loaded = dict(RegistryRecord.objects.filter(snapshot=snapshot, refusal__isnull=True).values_list("line", "id_dtks"))
    assert loaded[3] == "DTKS101" and loaded[15] == "DTKS113" and loaded[30] == "DTKS128"
    assert len(loaded) == 26


@pytest.mark.django_db
def test_past_the_retry_limit_the_rest_is_read_in_python(load_snapshot, regions, monkeypatch):
    from verification import loading

    monkeypatch.setattr(loading, "MAX_COPY_RETRIES", 2)
    rows = many_good(20)
    for i in (3, 6, 9, 12, 15):
        rows[i] = with_(id=f"DTKS{i}", nik="6.47E+15")

    snapshot = load_snapshot(rows)

    assert (snapshot.loaded_count, snapshot.refused_count) == (15, 5)
    assert [r["row"] for r in snapshot.refusals] == [5, 8, 11, 14, 17]
    assert RegistryRecord.objects.get(snapshot=snapshot, line=21).id_dtks == "DTKS119"


@pytest.mark.django_db
def test_a_quoted_line_break_is_read_in_python(write_csv, regions):
    path = write_csv([GOOD])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('DTKS2,6472030101850002,6472030101250001,"Siti\nAminah",P,1985-02-07,64.72,X,Y,3\n')
        fh.write(",".join(with_(id="DTKS3", nik="6.47E+15")) + "\n")
        fh.write(",".join(with_(id="DTKS4", nik="6472030101850004")) + "\n")
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=path)

    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)

    assert (snapshot.loaded_count, snapshot.refused_count) == (3, 1)
    assert RegistryRecord.objects.get(snapshot=snapshot, nik=6472030101850002).name == "Siti\nAminah"
    # Lines are records, as a spreadsheet numbers its rows: DTKS3 is the fourth.
    assert snapshot.refusals == [{"row": 4, "reason": "nik"}]


@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_record_offsets_are_where_each_line_starts_whatever_the_block_size(tmp_path, monkeypatch, block):
    from verification import loading

    monkeypatch.setattr(loading, "COPY_BLOCK", block)
    lines = [b"HEADER\n"] + [f'R{i},"Nama, dengan koma",{"x" * (i % 30)}\n'.encode() for i in range(200)]
    path = tmp_path / "f.csv"
    path.write_bytes(b"".join(lines))
    starts = [sum(len(line) for line in lines[:i]) for i in range(1, len(lines) + 1)]
    with open(path, "rb") as fh:
        offset_of = loading.RecordOffsets(fh, len(lines[0]))
        # Forward only, as the loader asks: some records skipped, some asked one after another.
        for record in (0, 1, 2, 50, 51, 120, 199, 200):
            assert offset_of(record) == starts[record]


@pytest.mark.parametrize("block", [7, 1 << 20])
def test_record_offsets_refuse_a_value_that_spans_lines(tmp_path, monkeypatch, block):
    from verification import loading

    monkeypatch.setattr(loading, "COPY_BLOCK", block)
    path = tmp_path / "f.csv"
    path.write_bytes(b'HEADER\nR1,"a\nb",c\nR2,d,e\n')
    with open(path, "rb") as fh, pytest.raises(loading.RecordsSpanLines):
        loading.RecordOffsets(fh, 7)(3)


@pytest.mark.django_db
def test_the_kk_history_reads_the_candidacies_and_the_snapshots(load_snapshot, make_candidate, samarinda, balikpapan,
                                                                users, client):
    from django.urls import reverse
    from django.utils import timezone

    from programmes.models import ProgrammeYear
    from recipients.models import Candidate
    from recipients.selectors import family_card_history

    this_year = make_candidate(samarinda, created_by=users["officer"])
    person = this_year.person
    earlier = Candidate.objects.get(pk=this_year.pk)
    earlier.pk, earlier.programme_year, earlier.no_kk = None, ProgrammeYear.objects.create(year=2023), "6472030101230001"
    earlier.save()
    Candidate.objects.filter(pk=earlier.pk).update(created_at=timezone.make_aware(dt.datetime(2023, 3, 1, 9)))
    load_snapshot([with_(nik=person.nik, kk="6472030101249999")], extract_date=dt.date(2024, 12, 31))

    history = [(kk.no_kk, kk.source) for kk in family_card_history(person=person, user=users["officer"])]

    assert history == [(this_year.no_kk, f"usulan {this_year.programme_year_id}"),
                       ("6472030101249999", "DTKS 31 Des 2024"), ("6472030101230001", "usulan 2023")]
    client.force_login(users["officer"])
    page = client.get(reverse("recipients:candidate_detail", args=[this_year.pk])).content.decode()
    assert "6472030101249999" in page and "DTKS 31 Des 2024" in page

    # A candidacy in another kabupaten/kota is that area's case: its officer's history only.
    Candidate.objects.filter(pk=earlier.pk).update(kabupaten=balikpapan)
    assert "6472030101230001" not in [kk.no_kk for kk in family_card_history(person=person, user=users["officer"])]
    assert "6472030101230001" in [kk.no_kk for kk in family_card_history(person=person, user=users["provincial"])]


@pytest.mark.django_db
def test_earlier_recipients_go_through_the_shared_file_guards_and_the_one_nik_rule():
    import zipfile

    from verification.services.prior_recipients import prior_recipients_import

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    refused = prior_recipients_import(name="lama.xlsx", content=bomb.getvalue(), source="uji")
    assert refused["created"] == 0 and refused["refusals"][0]["row"] == 1

    result = prior_recipients_import(name="lama.csv", source="uji", content=(
        b"NIK,NO_KK,TAHUN,SKEMA\n9972034702850001,,2023,WRSE\n6472004702850001,,2023,WRSE\n"
        b"6472034702850001,,2023,WRSE\n"))
    assert result["created"] == 1
    assert [r["row"] for r in result["refusals"]] == [2, 3]
    assert "provinsi 99" in result["refusals"][0]["reason"] and "kecamatan 00" in result["refusals"][1]["reason"]


@pytest.mark.django_db
def test_a_verification_reads_only_its_own_snapshot_s_province_partition(load_snapshot, new_candidate, samarinda, users,
                                                                   programme_year):
    """Each snapshot is its own partition, within it each province its own table, and the chunk's
    statement is pruned to the one table: a verification costs the same against the first snapshot
    as against the tenth, and would with several provinces in one snapshot (bench_verification.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from verification.loading import partition_name, province_partition_name
    from verification.services import batch
    from verification.tests.conftest import registry_row

    candidate = new_candidate(samarinda, created_by=users["officer"])
    older = load_snapshot([registry_row(candidate)], extract_date=dt.date(2025, 1, 31))
    newer = load_snapshot([registry_row(candidate, DESIL=4)], extract_date=dt.date(2025, 6, 30))
    job = batch.verification_job_start(programme_year=programme_year, snapshot=newer, user=users["provincial"])
    with CaptureQueriesContext(connection) as ctx:
        batch.verification_chunk_run(chunk_id=job.chunks.get().id)
    statement = next(q["sql"] for q in ctx.captured_queries if "verification_registryrecord" in q["sql"])

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + statement.replace("%", "%%"))
        plan = "\n".join(row[0] for row in cursor.fetchall())
        # One row per partition here, which the planner would rather scan: without seq scans the
        # plan shows the lookup it takes on a province-sized partition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement.replace("%", "%%"))
        indexed = "\n".join(row[0] for row in cursor.fetchall())

    # By snapshot, then by province: the newer snapshot's Kaltim table (64) only.
    assert province_partition_name(newer.id, 64) in plan and province_partition_name(older.id, 64) not in plan
    assert f"{province_partition_name(newer.id, 64)}_nik" in indexed
    assert province_partition_name(older.id, 64) not in indexed
    with connection.cursor() as cursor:
        cursor.execute("SELECT relid::text, level FROM pg_partition_tree('verification_registryrecord') ORDER BY 1")
        tree = dict(cursor.fetchall())
    assert tree[partition_name(newer.id)] == 1 and tree[province_partition_name(newer.id, 64)] == 2
    assert candidate.desk_results.get().facts["desil"] == 4
