import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from disbursements.models import MonitoringVisit
from disbursements.selectors import business_survival
from disbursements.services import handover_record, monitoring_record, training_record
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


def test_monitoring_starts_after_the_handover(users, samarinda, make_candidate, handed_over):
    with pytest.raises(ValidationError, match="sebelum tanggal serah terima"):
        monitoring_record(candidate=handed_over, visited_on=dt.date(2025, 6, 1), state="running",
                          user=users["officer"])
    decided = make_candidate(samarinda, status="decided", created_by=users["officer"])
    with pytest.raises(ValidationError, match="sudah diserahkan"):
        monitoring_record(candidate=decided, visited_on=dt.date(2025, 9, 1), state="running", user=users["officer"])

    visit = monitoring_record(candidate=handed_over, visited_on=dt.date(2025, 9, 1), state="growing",
                              monthly_revenue=2_500_000, user=users["officer"])
    assert visit.monthly_revenue == 2_500_000


def test_survival_counts_the_latest_visit_of_each_business(users, samarinda, balikpapan, handed_over,
                                                           make_candidate, gorengan):
    # Running in September, closed in December: it counts as closed.
    monitoring_record(candidate=handed_over, visited_on=dt.date(2025, 9, 1), state="running", user=users["officer"])
    monitoring_record(candidate=handed_over, visited_on=dt.date(2025, 12, 1), state="closed", user=users["officer"])
    second = make_candidate(samarinda, status="trained", created_by=users["officer"])
    handover_record(candidate=second, package_type=gorengan, date=dt.date(2025, 6, 2), bast_number="BAST/002",
                    bast_scan=scan(), user=users["officer"])
    second.refresh_from_db()
    monitoring_record(candidate=second, visited_on=dt.date(2025, 12, 1), state="growing", user=users["officer"])

    rows = {r["kabupaten"].code: r for r in business_survival(users["provincial"])}

    assert MonitoringVisit.objects.count() == 3
    assert {k: rows["64.72"][k] for k in ("handed_over", "visited", "running", "closed", "survival_pct")} == {
        "handed_over": 2, "visited": 2, "running": 1, "closed": 1, "survival_pct": 50}
    assert rows["64.71"]["survival_pct"] is None
    assert [r["kabupaten"].code for r in business_survival(users["other_officer"])] == ["64.71"]
