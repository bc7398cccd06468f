"""The decision writes each family's notice in its own transaction."""

import pytest
from django.core.exceptions import ValidationError

from notices.models import Kind, Notice
from quotas.services import decision


def test_deciding_writes_a_notice_per_family_and_a_refused_decision_none(programme_year, samarinda, users,
                                                                         set_quota, eligible):
    set_quota(samarinda, 2)
    a, b, c = eligible(samarinda, 3, phone="081234567890")
    decision.candidates_decide_selected(programme_year=programme_year, kabupaten=samarinda,
                                        candidate_ids=[a.pk, b.pk], user=users["provincial"])
    assert set(Notice.objects.values_list("candidate_id", flat=True)) == {a.pk, b.pk}
    assert Notice.objects.get(candidate=a).kind == Kind.DECIDED
    with pytest.raises(ValidationError):  # the quota is full: nothing decided, nothing told
        decision.candidate_decide(candidate=c, user=users["provincial"])
    assert not Notice.objects.filter(candidate=c).exists()
