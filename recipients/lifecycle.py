"""The life of a case: its states, the moves allowed between them, and the one function that moves.

Nothing else writes ``Candidate.status``. ``candidates_move`` changes the status of any number of
candidates and records each move on their timeline in one SQL statement, and refuses a move the
table below does not allow. The verification batch, decisions, bimtek and handover all call it.

    proposed -> desk_passed | desk_failed           (the desk verification against DTKS)
    desk_passed -> field_eligible | field_ineligible (the field visit)
    field_eligible -> decided | reserve              (the decision into the quota)
    reserve -> decided                               (a place freed or added)
    decided -> trained -> handed_over                (bimtek, then the package)
    decided -> handed_over                           (a year that does not require bimtek)
    any open state -> withdrawn                      (moved away, died, refused)
"""

import json
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from recipients.models import Candidate, CandidateEvent, CandidateStatus

S = CandidateStatus

# to-state: the states a candidate may come from. A state may follow itself where a step is
# repeated (a re-verification, a second field visit): the timeline still records it.
ALLOWED_FROM: dict[str, frozenset[str]] = {
    S.DESK_PASSED: frozenset({S.PROPOSED, S.DESK_PASSED, S.DESK_FAILED}),
    S.DESK_FAILED: frozenset({S.PROPOSED, S.DESK_PASSED, S.DESK_FAILED}),
    S.FIELD_ELIGIBLE: frozenset({S.DESK_PASSED, S.FIELD_ELIGIBLE, S.FIELD_INELIGIBLE}),
    S.FIELD_INELIGIBLE: frozenset({S.DESK_PASSED, S.FIELD_ELIGIBLE, S.FIELD_INELIGIBLE}),
    S.DECIDED: frozenset({S.FIELD_ELIGIBLE, S.RESERVE}),
    S.RESERVE: frozenset({S.FIELD_ELIGIBLE}),
    S.TRAINED: frozenset({S.DECIDED}),
    S.HANDED_OVER: frozenset({S.DECIDED, S.TRAINED}),
    S.WITHDRAWN: frozenset({S.PROPOSED, S.DESK_PASSED, S.DESK_FAILED, S.FIELD_ELIGIBLE, S.FIELD_INELIGIBLE,
                            S.RESERVE, S.DECIDED, S.TRAINED}),
}

# Named groups of states, read by every app; each is the one definition of its rule.
# The desk batch looks at new proposals; a re-verification also at earlier desk results.
VERIFIABLE = (S.PROPOSED,)
REVERIFIABLE = tuple(sorted(ALLOWED_FROM[S.DESK_PASSED]))
FIELD_VERIFIABLE = tuple(sorted(ALLOWED_FROM[S.FIELD_ELIGIBLE]))
# Who may still be decided into a place: passed field verification, not yet placed.
DECIDABLE = tuple(sorted(ALLOWED_FROM[S.DECIDED]))
# A decided person holds a place until withdrawn, through training and handover.
OCCUPYING = (S.DECIDED, S.TRAINED, S.HANDED_OVER)
PASSED_FIELD = (S.FIELD_ELIGIBLE, S.RESERVE, *OCCUPYING)
PASSED_DESK = (S.DESK_PASSED, S.FIELD_INELIGIBLE, *PASSED_FIELD)
TRAINABLE = tuple(sorted(ALLOWED_FROM[S.TRAINED]))
HANDOVER_READY = tuple(sorted(ALLOWED_FROM[S.HANDED_OVER]))
# A decision that can still be undone: the goods have not gone out.
WITHDRAWABLE_DECIDED = (S.DECIDED, S.TRAINED)
# Recipients followed after the decision.
FOLLOW_UP = OCCUPYING


class TransitionRefused(ValidationError):
    """Some candidates are not in a state that may move to the target; nothing was moved."""


def _ids_of(candidates) -> list[int]:
    if hasattr(candidates, "values_list"):
        return list(candidates.values_list("id", flat=True))
    return [c if isinstance(c, int) else c.id for c in candidates]


def _per_candidate(value, n: int, name: str) -> list:
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(f"{name}: {len(value)} values for {n} candidates")
        return list(value)
    return [value] * n


# No savepoint: one statement needs none, and a refusal must roll back the caller's whole act.
@transaction.atomic(savepoint=False)
def candidates_move(*, candidates: Iterable, to: str, user, message: str | Sequence[str],
                    data: dict | Sequence[dict] | None = None, strict: bool = True) -> int:
    """Move candidates (a queryset, models or ids) to ``to`` and record the move on each timeline.

    One statement, whatever the number: an UPDATE guarded by the allowed-from states, whose
    RETURNING feeds the timeline INSERT. ``message`` and ``data`` are one for all or one per
    candidate, in the order given. With ``strict`` (the default) a candidate that may not move
    refuses the whole call; without it, only the candidates that may move do, and their count is
    returned (a batch that found some cases moved on meanwhile).
    """
    if to not in ALLOWED_FROM:
        raise ValueError(f"no move leads to {to!r}")
    ids = _ids_of(candidates)
    if not ids:
        return 0
    messages = _per_candidate(message, len(ids), "message")
    payloads = [json.dumps(d or {}) for d in _per_candidate(data, len(ids), "data")]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH moves AS (SELECT * FROM unnest(%(ids)s::bigint[], %(messages)s::text[], %(data)s::jsonb[])
                                        AS m(id, message, data)),
                 moved AS (UPDATE {Candidate._meta.db_table} c SET status = %(to)s FROM moves
                           WHERE c.id = moves.id AND c.status = ANY(%(from)s)
                           RETURNING c.id, moves.message, moves.data)
            INSERT INTO {CandidateEvent._meta.db_table} (candidate_id, at, user_id, status, message, data)
            SELECT id, clock_timestamp(), %(user)s, %(to)s, message, data FROM moved
            """,
            {"ids": ids, "messages": messages, "data": payloads, "to": str(to),
             "from": [str(s) for s in ALLOWED_FROM[to]], "user": getattr(user, "id", user)},
        )
        moved = cursor.rowcount
    if strict and moved != len(set(ids)):
        raise TransitionRefused(
            _("%(n)s dari %(total)s calon tidak dapat diubah menjadi \u201c%(status)s\u201d dari status mereka "
              "sekarang; tidak ada yang diubah. Muat ulang halaman dan periksa statusnya.")
            % {"n": len(set(ids)) - moved, "total": len(set(ids)), "status": S(to).label})
    return moved


def status_may_move(*, current: str, to: str) -> bool:
    return current in ALLOWED_FROM.get(to, ())
