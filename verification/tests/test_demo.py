"""The demo's registry holds the candidates' people: a verification passes most, refuses some for real reasons."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from verification.models import VerificationResult
from verification.services import batch, snapshots


@pytest.mark.django_db
def test_a_snapshot_made_from_the_candidates_passes_most_and_refuses_some_for_real_reasons(
        tmp_path, make_candidate, samarinda, users, programme_year):
    candidates = [make_candidate(samarinda, created_by=users["officer"]) for _ in range(22)]
    out = tmp_path / "dtks.csv"

    call_command("generate_snapshot", "--rows", "50", "--out", str(out), "--from-candidates", str(programme_year.year))
    snapshot = snapshots.snapshot_create(extract_date=dt.date(2025, 6, 30), path=out)
    snapshot = snapshots.snapshot_load(snapshot_id=snapshot.id)
    job = batch.verification_job_start(programme_year=programme_year, snapshot=snapshot, user=users["provincial"])
    for chunk in job.chunks.all():
        batch.verification_chunk_run(chunk_id=chunk.id)

    job.refresh_from_db()
    reasons = Counter(r for result in VerificationResult.objects.filter(job=job) for r in result.reasons)
    assert (snapshot.loaded_count, job.total) == (50, len(candidates))
    # Every seventh too well-off (the 7th, 14th, 21st), every eleventh not registered (the 11th, 22nd).
    assert job.passed_count == 17
    assert reasons == {"DESIL_TOO_HIGH": 3, "NOT_IN_DTKS": 2}
