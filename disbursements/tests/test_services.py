import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.services.handover import handover_record
from disbursements.services.training import training_record
from recipients.models import CandidateStatus


def scan():
    return SimpleUploadedFile("bast.pdf", b"%PDF-1.4", content_type="application/pdf")


def test_a_bimtek_trains_decided_candidates_and_writes_their_timeline(users, samarinda, make_candidate,
                                                                     programme_year):
    a = make_candidate(samarinda, status="decided", created_by=users["officer"])
    b = make_candidate(samarinda, status="decided", created_by=users["officer"])

    session = training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20),
                              venue="Aula Dinsos Samarinda", topic="Usaha gorengan", candidates=[a, b],
                              user=users["officer"])

    assert set(session.participants.all()) == {a, b}
    for c in (a, b):
        c.refresh_from_db()
        assert c.status == CandidateStatus.TRAINED
        assert "Aula Dinsos Samarinda" in c.timeline.last().message


def test_a_bimtek_refuses_a_candidate_not_yet_decided(users, samarinda, make_candidate, programme_year):
    proposed = make_candidate(samarinda, status="field_eligible", created_by=users["officer"])

    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20), venue="Aula",
                        topic="x", candidates=[proposed], user=users["officer"])
    proposed.refresh_from_db()
    assert proposed.status == "field_eligible"


def test_an_officer_cannot_train_another_areas_candidates(users, samarinda, make_candidate, programme_year):
    other = make_candidate(samarinda, status="decided", created_by=users["officer"])

    with pytest.raises(PermissionDenied):
        training_record(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 5, 20), venue="Aula",
                        topic="x", candidates=[other], user=users["other_officer"])


def test_the_handover_needs_the_bimtek_when_the_year_requires_it(users, samarinda, make_candidate, gorengan):
    decided = make_candidate(samarinda, status="decided", created_by=users["officer"])
    assert decided.programme_year.training_required

    with pytest.raises(ValidationError, match="belum mengikuti bimtek"):
        handover_record(candidate=decided, package_type=gorengan, date=dt.date(2025, 6, 2), bast_number="B/1",
                        bast_scan=scan(), user=users["officer"])

    decided.programme_year.training_required = False
    decided.programme_year.save()
    handover = handover_record(candidate=decided, package_type=gorengan, date=dt.date(2025, 6, 2),
                               bast_number="B/1", bast_scan=scan(), user=users["officer"])
    decided.refresh_from_db()
    assert decided.status == CandidateStatus.HANDED_OVER
    assert handover.bast_scan.name.endswith(".pdf")


def test_a_bast_number_is_used_once(users, samarinda, make_candidate, gorengan, handed_over):
    other = make_candidate(samarinda, status="trained", created_by=users["officer"])

    with pytest.raises(ValidationError, match="BAST/001 sudah dipakai"):
        handover_record(candidate=other, package_type=gorengan, date=dt.date(2025, 6, 3), bast_number="BAST/001",
                        bast_scan=scan(), user=users["officer"])
    other.refresh_from_db()
    assert other.status == "trained"


def test_a_handover_without_the_signed_bast_is_refused(users, samarinda, make_candidate, gorengan):
    trained = make_candidate(samarinda, status="trained", created_by=users["officer"])

    with pytest.raises(ValidationError, match="pindaian BAST"):
        handover_record(candidate=trained, package_type=gorengan, date=dt.date(2025, 6, 3), bast_number="B/9",
                        bast_scan=None, user=users["officer"])


def test_a_package_is_never_handed_over_twice(users, gorengan, handed_over):
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        handover_record(candidate=handed_over, package_type=gorengan, date=dt.date(2025, 6, 3),
                        bast_number="BAST/002", bast_scan=scan(), user=users["officer"])
