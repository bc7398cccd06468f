"""The one function that moves cases, and its table of allowed moves."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from recipients.lifecycle import ALLOWED_FROM, TransitionRefused, candidates_move, status_may_move
from recipients.models import Candidate, CandidateEvent, CandidateStatus as S

pytestmark = pytest.mark.django_db


def test_it_moves_many_candidates_in_one_statement_and_records_each_on_the_timeline(make_candidate, samarinda, users):
    ids = [make_candidate(samarinda, created_by=users["officer"]).id for _ in range(30)]
    with CaptureQueriesContext(connection) as ctx:
        moved = candidates_move(candidates=ids, to=S.DESK_PASSED, user=users["provincial"], message="Lolos.",
                                data={"job": 1})
    assert moved == 30
    assert len(ctx.captured_queries) == 1
    assert set(Candidate.objects.filter(id__in=ids).values_list("status", flat=True)) == {S.DESK_PASSED}
    events = CandidateEvent.objects.filter(candidate_id__in=ids)
    assert events.count() == 30
    assert {(e.status, e.message, e.user_id, e.data["job"]) for e in events} == {
        (S.DESK_PASSED, "Lolos.", users["provincial"].id, 1)}


def test_it_takes_one_message_per_candidate(make_candidate, samarinda, users):
    a, b = (make_candidate(samarinda, created_by=users["officer"]) for _ in range(2))
    candidates_move(candidates=[a.id, b.id], to=S.DESK_FAILED, user=None, message=["alasan A", "alasan B"])
    assert CandidateEvent.objects.get(candidate=a).message == "alasan A"
    assert CandidateEvent.objects.get(candidate=b).message == "alasan B"


def test_it_refuses_a_move_the_table_does_not_allow_and_moves_none(make_candidate, samarinda, users):
    proposed = make_candidate(samarinda, created_by=users["officer"])
    eligible = make_candidate(samarinda, created_by=users["officer"], status=S.FIELD_ELIGIBLE)
    with pytest.raises(TransitionRefused, match="1 dari 2 calon"), transaction.atomic():
        candidates_move(candidates=[proposed, eligible], to=S.DECIDED, user=users["provincial"], message="x")
    assert Candidate.objects.get(id=eligible.id).status == S.FIELD_ELIGIBLE
    assert not CandidateEvent.objects.exists()


def test_without_strict_it_moves_those_that_may_move(make_candidate, samarinda, users):
    proposed = make_candidate(samarinda, created_by=users["officer"])
    eligible = make_candidate(samarinda, created_by=users["officer"], status=S.FIELD_ELIGIBLE)
    assert candidates_move(candidates=[proposed, eligible], to=S.DECIDED, user=None, message="x", strict=False) == 1
    assert Candidate.objects.get(id=eligible.id).status == S.DECIDED


def test_a_handed_over_or_withdrawn_case_is_final():
    assert not any(S.HANDED_OVER in froms or S.WITHDRAWN in froms for froms in ALLOWED_FROM.values())
    assert status_may_move(current=S.TRAINED, to=S.HANDED_OVER)
    assert not status_may_move(current=S.PROPOSED, to=S.DECIDED)
