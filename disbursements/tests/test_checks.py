import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disbursements.demo_goods import demo_serials
from disbursements.models import CheckAnswer, Complaint, StockBalance
from disbursements.services.checks import check_answer, delivery_check_draw, sample_draw, sample_size
from disbursements.services.complaints import complaint_open, complaint_resolve
from disbursements.services.handover import Received, handover_day_create, handover_invite, handover_receive


def test_the_sample_size_follows_confidence_and_margin_with_the_finite_population_correction():
    assert sample_size(population=100_000, confidence=95, margin=5) == 383
    assert sample_size(population=168, confidence=95, margin=10) == 62
    assert sample_size(population=10, confidence=99, margin=5) == 10
    with pytest.raises(ValidationError):
        sample_size(population=10, confidence=80, margin=5)


def test_the_same_seed_draws_the_same_households():
    population = list(range(1, 169))
    first = sample_draw(seed=20250602, kabupaten_id=7, population=population, size=62)
    assert first == sample_draw(seed=20250602, kabupaten_id=7, population=list(reversed(population)), size=62)
    assert first != sample_draw(seed=20250603, kabupaten_id=7, population=population, size=62)


@pytest.fixture
def received(users, samarinda, make_candidate, programme_year, stocked_package, items, stock_in):
    programme_year.training_required = False
    programme_year.save()
    people = [make_candidate(samarinda, status="decided", requested_package="PG-GORENGAN",
                             created_by=users["officer"]) for _ in range(5)]
    day = handover_day_create(programme_year=programme_year, kabupaten=samarinda, date=dt.date(2025, 6, 2),
                              place="Aula", user=users["officer"])
    stock_in(samarinda, items["tepung"], 12)
    stock_in(samarinda, items["kompor"], 6)
    handovers = handover_invite(day=day, candidates=people, user=users["officer"])
    for h in handovers:
        handover_receive(handover=h, user=users["officer"], received=Received(serial_numbers=demo_serials(h)))
    return handovers


def test_a_check_is_stratified_by_area_and_stores_its_seed(users, programme_year, received, samarinda):
    check = delivery_check_draw(programme_year=programme_year, user=users["provincial"], confidence=95, margin=10,
                                seed=42)

    assert check.strata == {str(samarinda.id): {"population": 5, "sample": 5}}
    again = sample_draw(seed=42, kabupaten_id=samarinda.id, population=[h.id for h in received], size=5)
    assert [e.handover_id for e in check.entries.order_by("position")] == again
    with pytest.raises(PermissionDenied):
        delivery_check_draw(programme_year=programme_year, user=users["officer"])


def test_a_problem_found_by_the_check_opens_a_complaint_and_its_replacement_moves_stock(users, programme_year,
                                                                                        received, items, samarinda):
    check = delivery_check_draw(programme_year=programme_year, user=users["provincial"], seed=7)
    entry = check.entries.first()
    kompor = entry.handover.lines.get(item=items["kompor"])

    with pytest.raises(ValidationError, match="barang"):
        check_answer(entry=entry, answer=CheckAnswer.PROBLEMS, user=users["officer"])
    complaint = check_answer(entry=entry, answer=CheckAnswer.PROBLEMS, user=users["officer"], problem_lines=[kompor],
                             notes="Kompor bocor")

    assert complaint.kind == Complaint.Kind.BROKEN and complaint.handover_line == kompor
    # The complaint itself is in the one list: a visit's, about the goods, of this case, already acknowledged.
    grievance = complaint.grievance
    assert (grievance.channel, grievance.category, grievance.candidate, grievance.description) == (
        "visit", "goods", entry.handover.candidate, "Kompor bocor")
    assert grievance.acknowledged_at is not None and grievance.resolve_due_at > grievance.received_at
    complaint_resolve(complaint=complaint, resolution="Diganti kompor baru", replacement_quantity=1,
                      user=users["officer"])
    assert StockBalance.objects.get(item=items["kompor"], kabupaten=samarinda).on_hand == 0
    grievance.refresh_from_db()
    assert (grievance.status, grievance.resolution) == ("resolved", "Diganti kompor baru")
    assert grievance.closed_at is not None
    # Closed is closed, from either page: no second replacement leaves the stock.
    with pytest.raises(ValidationError, match="sudah ditutup"):
        complaint_resolve(complaint=complaint, resolution="lagi", replacement_quantity=1, user=users["officer"])


def test_an_overdue_complaint_is_breached_and_another_area_cannot_touch_it(users, received):
    from grievances.models import Grievance
    from grievances.queues import breached_q

    opened = dt.datetime(2025, 1, 1, 10, tzinfo=dt.timezone.utc)
    complaint = complaint_open(candidate=received[0].candidate, kind=Complaint.Kind.SELECTION,
                               description="Penerima dinilai mampu", user=users["officer"], now=opened)
    later = opened + dt.timedelta(days=60)
    assert list(Grievance.objects.visible_to(users["provincial"]).filter(breached_q(later))) == [complaint.grievance]
    assert not Grievance.objects.visible_to(users["other_officer"]).filter(breached_q(later)).exists()
    with pytest.raises(PermissionDenied):
        complaint_resolve(complaint=complaint, resolution="x", user=users["other_officer"])
