"""Writing notices into the outbox, in the transaction of the event that causes them.

Each stage calls one function where its event happens (the decision, the invitations, the complaint):
``notices_for_candidates`` for any number of cases in one INSERT ... SELECT, ``notice_write`` for one
complaint. A notice is keyed on (event, recipient), so writing the same event again adds nothing.
Whether it can go at all is settled here too: no number, a number that replied STOP, a person whose
processing is restricted. Sending is ``notices.services.sending``, by the sweep; a writer sends no task.
"""

import re

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from notices import texts
from notices.models import Kind, Notice, OptOut, Restriction, Status
from notices.quiet import earliest_send

PHONE_NOISE = re.compile(r"[^0-9+]")
PHONE = re.compile(r"628[0-9]{7,12}")
# The same rule as SQL, for set-based writes: digits and "+", then 08.../+628... as 628...
PHONE_SQL = "regexp_replace(regexp_replace({col}, '[^0-9+]', '', 'g'), '^(\\+62|0)8', '628')"
STOP_WORDS = frozenset({"STOP", "BERHENTI", "UNREG", "STOP UEP", "BERHENTI UEP"})
START_WORDS = frozenset({"MULAI", "START", "MULAI UEP"})


def phone_normalised(raw: str | None) -> str:
    """'0812-3456-7890' or '+62 812 3456 7890' as '6281234567890'; '' when it is no mobile number."""
    phone = PHONE_NOISE.sub("", raw or "")
    phone = re.sub(r"^(\+62|0)8", "628", phone)
    return phone if PHONE.fullmatch(phone) else ""


def _status_sql(phone: str, person: str) -> str:
    restriction, optout = Restriction._meta.db_table, OptOut._meta.db_table
    return (f"CASE WHEN {phone} !~ '^628[0-9]{{7,12}}$' THEN '{Status.NO_PHONE}' "
            f"WHEN EXISTS (SELECT 1 FROM {restriction} r WHERE r.person_id = {person}) THEN '{Status.RESTRICTED}' "
            f"WHEN EXISTS (SELECT 1 FROM {optout} o WHERE o.phone = {phone}) THEN '{Status.OPTED_OUT}' "
            f"ELSE '{Status.PENDING}' END")


def notices_for_candidates(*, kind: str, event: str, candidates, text: str) -> int:
    """One notice of ``kind`` for each of ``candidates`` (a queryset or ids), all with ``text``.

    One INSERT ... SELECT whatever their number (1,680 invitations of a handover day are one
    statement); ``event`` names the event ("day17"), so the key is "<kind>:<event>:c<candidate id>"
    and a second write of the same event adds nothing. Returns the number of notices written.
    """
    assert len(text) <= texts.MAX_LENGTH
    candidate_table = Notice._meta.get_field("candidate").related_model._meta.db_table
    if isinstance(candidates, QuerySet):
        subquery, params = candidates.order_by().values("pk").query.sql_with_params()
        chosen, chosen_params = f"c.id IN ({subquery})", list(params)
    else:
        ids = [c if isinstance(c, int) else c.pk for c in candidates]
        if not ids:
            return 0
        chosen, chosen_params = "c.id = ANY(%s)", [ids]
    phone = PHONE_SQL.format(col="c.phone")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Notice._meta.db_table} (key, kind, kabupaten_id, candidate_id, phone, text, status,
                                                 not_before, created_at, attempts, provider, provider_ref, error)
            SELECT %s || ':c' || c.id, %s, c.kabupaten_id, c.id, p.phone, %s, {_status_sql('p.phone', 'c.person_id')},
                   %s, now(), 0, '', '', ''
            FROM {candidate_table} c CROSS JOIN LATERAL (SELECT {phone} AS phone) p
            WHERE {chosen}
            ON CONFLICT (key) DO NOTHING
            """,
            [f"{kind}:{event}", str(kind), text, earliest_send(timezone.now()), *chosen_params],
        )
        return cursor.rowcount


def notice_write(*, kind: str, event: str, kabupaten_id: int, phone: str, text: str,
                 candidate_id: int | None = None) -> Notice | None:
    """One notice to one number (a complainant's); None when that event already has its notice."""
    number = phone_normalised(phone)
    restricted = candidate_id is not None and Restriction.objects.filter(
        person__candidacies__id=candidate_id).exists()
    if not number:
        status = Status.NO_PHONE
    elif restricted:
        status = Status.RESTRICTED
    elif OptOut.objects.filter(phone=number).exists():
        status = Status.OPTED_OUT
    else:
        status = Status.PENDING
    notice = Notice(key=f"{kind}:{event}", kind=kind, kabupaten_id=kabupaten_id, candidate_id=candidate_id,
                    phone=number, text=text, status=status, not_before=earliest_send(timezone.now()))
    try:
        with transaction.atomic():  # a savepoint: the event's transaction goes on when the key exists
            notice.save(force_insert=True)
    except IntegrityError:
        return None
    return notice


def complaint_notice(*, kind: str, code: str, kabupaten_id: int, phone: str, grievance_id: int) -> None:
    """A complaint received or resolved, to the complainant's number if they gave one."""
    if not phone_normalised(phone):
        return  # anonymous or no number: nothing to keep in the outbox
    notice_write(kind=kind, event=f"g{grievance_id}", kabupaten_id=kabupaten_id, phone=phone,
                 text=texts.render(kind, code=code))


def opt_out_record(*, phone: str, word: str) -> bool:
    """A reply from a family's phone: STOP/BERHENTI stops every notice to it, MULAI/START lets later ones go
    again (not those already skipped). True when the number is now opted out."""
    number = phone_normalised(phone)
    said = " ".join((word or "").upper().split())
    if number and said in START_WORDS:
        OptOut.objects.filter(phone=number).delete()
        return False
    if not number or said not in STOP_WORDS:
        return OptOut.objects.filter(phone=number).exists() if number else False
    OptOut.objects.get_or_create(phone=number, defaults={"word": (word or "")[:160]})
    # Waiting notices to that number will not go; the sender checks again anyway.
    Notice.objects.filter(phone=number, status=Status.PENDING).update(status=Status.OPTED_OUT)
    return True


def person_restrict(*, person_id: int, reason: str) -> int:
    """Restrict the processing of one person's data: no notice to them from now on (waiting ones stop)."""
    Restriction.objects.get_or_create(person_id=person_id, defaults={"reason": reason[:200]})
    return Notice.objects.filter(candidate__person_id=person_id, status=Status.PENDING).update(
        status=Status.RESTRICTED)


def person_unrestrict(*, person_id: int) -> None:
    Restriction.objects.filter(person_id=person_id).delete()


def is_restricted(*, person_id: int) -> bool:
    return Restriction.objects.filter(person_id=person_id).exists()


__all__ = ["Kind", "notices_for_candidates", "notice_write", "complaint_notice", "opt_out_record",
           "person_restrict", "person_unrestrict", "is_restricted", "phone_normalised"]
