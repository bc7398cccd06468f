"""Bulk writes leave the planner's statistics current themselves: autovacuum may be off or late."""

import pytest
from django.db import connection

from verification.services import batch
from verification.services.prior_recipients import prior_recipients_import
from verification.tests.conftest import registry_row


def analyze_counts(*tables):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, analyze_count FROM pg_stat_user_tables WHERE relname = ANY(%s)",
                       [list(tables)])
        counts = dict(cursor.fetchall())
    return [counts.get(table, 0) for table in tables]


@pytest.mark.django_db
def test_a_finished_batch_analyzes_the_candidates_and_results_it_wrote(load_snapshot, new_candidate, samarinda,
                                                                       users, programme_year):
    candidates = [new_candidate(samarinda, created_by=users["officer"]) for _ in range(3)]
    snapshot = load_snapshot([registry_row(c) for c in candidates])
    job = batch.verification_job_start(programme_year=programme_year, snapshot=snapshot, user=users["provincial"],
                                       chunk_size=2)
    tables = ("recipients_candidate", "verification_verificationresult")
    first, last = job.chunks.order_by("id")
    before = analyze_counts(*tables)

    batch.verification_chunk_run(chunk_id=first.id)
    assert analyze_counts(*tables) == before  # not after every chunk: once, when the job is done
    batch.verification_chunk_run(chunk_id=last.id)

    assert analyze_counts(*tables) == [n + 1 for n in before]


@pytest.mark.django_db
def test_an_import_of_earlier_recipients_analyzes_them():
    before, = analyze_counts("verification_priorrecipient")

    prior_recipients_import(name="lama.csv", content=b"NIK,NO_KK,TAHUN,SKEMA\n6472034702850001,,2023,WRSE\n",
                            source="uji")

    assert analyze_counts("verification_priorrecipient") == [before + 1]


@pytest.mark.django_db
def test_a_loaded_snapshot_has_statistics_on_its_partition(load_snapshot, new_candidate, samarinda, users):
    candidate = new_candidate(samarinda, created_by=users["officer"])

    snapshot = load_snapshot([registry_row(candidate)])

    partition = f"verification_registryrecord_s{snapshot.id}_p64"  # the province's table holds the rows
    assert analyze_counts(partition) == [1]
