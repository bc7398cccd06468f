"""Registry snapshots kept and dropped (audit/services/snapshots.py): what a figure rests on stays."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from audit.services.snapshots import DECISION, DESIL_MOVEMENT, NEWEST, VERIFYING, snapshots_drop
from monitoring.selectors import desil_movement
from monitoring.tests.conftest import hand_over, packages  # noqa: F401 - fixtures
from recipients.models import Candidate, CandidateStatus
from verification import loading
from verification.models import RegistryRecord, Snapshot, VerificationJob
from verification.services import batch
from verification.tests.conftest import load_snapshot, registry_row, write_csv  # noqa: F401 - fixtures


def partition_exists(snapshot) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [loading.partition_name(snapshot.id)])
        return cursor.fetchone()[0]


def verify(*, snapshot, programme_year, user):
    job = batch.verification_job_start(programme_year=programme_year, snapshot=snapshot, user=user,
                                       reverify=True, reference_date=dt.date(2025, 6, 30))
    for chunk in job.chunks.all():
        batch.verification_chunk_run(chunk_id=chunk.id)
    return job


@pytest.fixture
def history(users, programme_year, samarinda, make_candidate, hand_over, load_snapshot):  # noqa: F811
    """Five extracts: the one the decision ranked by, one a failed verification used, one nobody used,
    one after the handover (the desil-movement figure), and one still loading."""
    decided = make_candidate(samarinda, name="Siti Decided", created_by=users["officer"])
    refused = make_candidate(samarinda, name="Budi Refused", created_by=users["officer"])
    recipient = hand_over(samarinda, name="Ani Recipient")  # handed over 2 Jun 2025
    people = [decided, refused, recipient]
    rows = lambda **over: [registry_row(c, **over) for c in people]  # noqa: E731
    s = {
        "decision": load_snapshot(rows(), extract_date=dt.date(2025, 1, 31)),
        "failed_only": load_snapshot(rows(DESIL=9), extract_date=dt.date(2025, 2, 28)),
        "unused": load_snapshot(rows(), extract_date=dt.date(2025, 3, 31)),
        "after_handover": load_snapshot(rows(DESIL=7), extract_date=dt.date(2025, 11, 30)),
    }
    verify(snapshot=s["decision"], programme_year=programme_year, user=users["provincial"])
    Candidate.objects.filter(id=decided.id).update(status=CandidateStatus.DECIDED)
    Candidate.objects.filter(id=refused.id).update(status=CandidateStatus.PROPOSED)
    verify(snapshot=s["failed_only"], programme_year=programme_year, user=users["provincial"])
    assert Candidate.objects.get(id=refused.id).status == CandidateStatus.DESK_FAILED
    s["loading"] = Snapshot.objects.create(extract_date=dt.date(2025, 12, 31), status=Snapshot.Status.LOADING)
    return s, {"decided": decided, "refused": refused, "recipient": recipient}


@pytest.mark.django_db
def test_the_drop_keeps_what_a_decision_or_a_desil_figure_rests_on_and_drops_the_rest(history, users,
                                                                                     programme_year):
    s, people = history
    figure_before = desil_movement(users["provincial"], programme_year=programme_year, snapshot=s["after_handover"])

    result = snapshots_drop(keep_latest=0)

    assert result.kept == {s["decision"].id: [DECISION], s["after_handover"].id: [DESIL_MOVEMENT]}
    assert set(result.dropped) == {s["failed_only"].id, s["unused"].id}
    assert all(size > 0 for size in result.dropped.values())
    statuses = dict(Snapshot.objects.values_list("id", "status"))
    assert statuses[s["failed_only"].id] == statuses[s["unused"].id] == Snapshot.Status.DROPPED
    assert statuses[s["decision"].id] == statuses[s["after_handover"].id] == Snapshot.Status.READY
    assert statuses[s["loading"].id] == Snapshot.Status.LOADING
    assert not partition_exists(s["failed_only"]) and not partition_exists(s["unused"])
    assert partition_exists(s["decision"]) and partition_exists(s["after_handover"])
    assert not RegistryRecord.objects.filter(snapshot_id__in=[s["failed_only"].id, s["unused"].id]).exists()
    # What rests on the kept ones still reads the same: the decision's registry rows, the desil figure.
    assert RegistryRecord.objects.filter(snapshot=s["decision"]).count() == 3
    assert desil_movement(users["provincial"], programme_year=programme_year,
                          snapshot=s["after_handover"]) == figure_before
    # The refused candidate's verification still names its snapshot and explains the refusal.
    job = VerificationJob.objects.get(snapshot=s["failed_only"])
    assert job.results.get(candidate=people["refused"]).facts["desil"] == 9
    # A second run finds nothing more to drop.
    assert snapshots_drop(keep_latest=0).dropped == {}


@pytest.mark.django_db
def test_the_newest_and_a_running_verification_are_kept(history, users, programme_year):
    s, _people = history
    VerificationJob.objects.filter(snapshot=s["failed_only"]).update(status=VerificationJob.Status.RUNNING)

    result = snapshots_drop(keep_latest=2)

    assert result.kept[s["after_handover"].id] == [DESIL_MOVEMENT, NEWEST]
    assert result.kept[s["unused"].id] == [NEWEST]
    assert result.kept[s["failed_only"].id] == [VERIFYING]
    assert result.dropped == {}


@pytest.mark.django_db
def test_a_dropped_snapshot_cannot_be_verified_against(history, users, programme_year):
    s, _people = history
    snapshots_drop(keep_latest=0)
    dropped = Snapshot.objects.get(id=s["unused"].id)

    with pytest.raises(ValidationError):
        batch.verification_job_start(programme_year=programme_year, snapshot=s["unused"], user=users["provincial"],
                                     reverify=True)
    assert dropped.status == Snapshot.Status.DROPPED


@pytest.mark.django_db
def test_the_command_says_first_what_it_would_drop(history, capsys):
    s, _people = history

    call_command("drop_snapshots", "--dry-run", "--keep-latest", "0")
    assert Snapshot.objects.filter(status=Snapshot.Status.DROPPED).count() == 0
    assert partition_exists(s["unused"])
    call_command("drop_snapshots", "--keep-latest", "0")

    out = capsys.readouterr().out
    assert "2 snapshot(s) would drop" in out and "2 snapshot(s) dropped" in out
    assert f"kept    #{s['decision'].id}" in out and "decision" in out
    assert Snapshot.objects.filter(status=Snapshot.Status.DROPPED).count() == 2


@pytest.mark.django_db
def test_a_dropped_snapshot_s_page_says_its_rows_are_gone(history, client, users):
    from django.urls import reverse

    s, _people = history
    snapshots_drop(keep_latest=0)
    client.force_login(users["provincial"])

    page = client.get(reverse("verification:snapshot_detail", args=[s["unused"].id]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Dihapus (data tidak disimpan lagi)" in text and "Hasil verifikasi yang memakainya tetap tersimpan" in text
    assert client.get(reverse("verification:snapshot_progress", args=[s["unused"].id])).json()["done"] is True


def snapshot_tables(snapshot) -> list[str]:
    """Every table of the snapshot left in the database, attached or not."""
    with connection.cursor() as cursor:
        cursor.execute(r"SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND relname LIKE %s || '%%' "
                       r"ORDER BY 1", [loading.partition_name(snapshot.id)])
        return [name for (name,) in cursor.fetchall()]


@pytest.mark.django_db
def test_a_snapshot_of_two_provinces_goes_with_its_province_tables(load_snapshot, make_candidate,  # noqa: F811
                                                                 samarinda, banjarmasin, users, kalsel_users):
    ours = make_candidate(samarinda, name="Siti Kaltim", created_by=users["officer"])
    theirs = make_candidate(banjarmasin, name="Rina Kalsel", created_by=kalsel_users["kalsel_officer"])
    rows = [registry_row(ours), registry_row(theirs)]
    older = load_snapshot(rows, extract_date=dt.date(2025, 1, 31))
    newer = load_snapshot(rows, extract_date=dt.date(2025, 6, 30))
    base = loading.partition_name(older.id)
    assert snapshot_tables(older) == [base, f"{base}_p63", f"{base}_p64"]
    with connection.cursor() as cursor:
        size = loading.snapshot_bytes(cursor, older.id)

    result = snapshots_drop(keep_latest=1)

    assert result.dropped == {older.id: size} and size > 0
    assert snapshot_tables(older) == [] and len(snapshot_tables(newer)) == 3
    assert not RegistryRecord.objects.filter(snapshot=older).exists()
    assert set(RegistryRecord.objects.filter(snapshot=newer).values_list("province", flat=True)) == {63, 64}
