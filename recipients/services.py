"""Writes on candidates. Every change of status goes through here and lands on the timeline."""

from django.db import transaction

from recipients.models import Candidate, CandidateEvent


@transaction.atomic
def candidates_set_status(*, candidates, status: str, user, message: str, data: dict | None = None) -> int:
    """Move the given candidates (a queryset or list) to ``status``, one timeline event each.

    Set-based: one UPDATE and one bulk INSERT, whatever the number of candidates.
    """
    ids = list(candidates.values_list("id", flat=True)) if hasattr(candidates, "values_list") \
        else [c.id for c in candidates]
    if not ids:
        return 0
    Candidate.objects.filter(id__in=ids).update(status=status)
    CandidateEvent.objects.bulk_create(
        CandidateEvent(candidate_id=i, user=user, status=status, message=message, data=data or {}) for i in ids
    )
    return len(ids)
