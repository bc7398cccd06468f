"""Sending the outbox: each notice exactly once, also when a worker is killed mid-send.

The sweep (``notices_to_send``, every ``NOTICE_SWEEP_SECONDS`` by celery beat) hands out the notices
that may go now, in tasks of ``NOTICE_TASK_SIZE``. ``notice_send`` takes one:

1. holds the notice's session advisory lock (``uep.locks.notice_hold``): a notice another worker is
   sending is skipped, and PostgreSQL drops the lock when a killed worker's connection closes;
2. checks, in a short transaction, that it is still due: not sent, not in quiet hours, the number not
   opted out, the person not restricted; then marks it "sending" and counts the attempt (committed);
3. hands it to the provider with its key as the idempotency key, and records the outcome.

A worker killed in 3 leaves the notice "sending" and unheld: the sweep gives it to a live worker,
which sends it again under the same key, so an idempotent provider (SMS gateway, file) delivers it
once. A provider without a key (WhatsApp) is not asked twice: the notice is marked failed as
"mungkin terkirim" for staff to check, since a second message is worse than a missing one.
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from notices.models import Notice, OptOut, Restriction, Status
from notices.providers import Message, Refused, Unavailable, provider as current_provider
from notices.quiet import earliest_send, is_quiet
from uep import locks

UNCERTAIN = "Pekerja berhenti saat mengirim; penyedia tanpa kunci idempoten, mungkin terkirim: tidak dikirim ulang."


def notices_to_send(*, limit: int | None = None) -> list[int]:
    """The notices due now that no worker holds, not given to a task within the lease; marked given."""
    now = timezone.now()
    if is_quiet(now):
        return []
    table = Notice._meta.db_table
    stale = now - dt.timedelta(seconds=settings.NOTICE_LEASE_SECONDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} n SET queued_at = %s
            FROM (SELECT id FROM {table}
                  WHERE status IN (%s, %s) AND not_before <= %s AND (queued_at IS NULL OR queued_at < %s)
                  ORDER BY not_before, id LIMIT %s FOR UPDATE SKIP LOCKED) due
            WHERE n.id = due.id
              -- Only a notice left "sending" is tested for its lock (CASE keeps the order): each test takes an
              -- advisory lock until this statement ends, and thousands would fill the shared lock table.
              AND CASE WHEN n.status = %s THEN NOT ({locks.notice_held_sql('n.id')}) ELSE true END
            RETURNING n.id
            """, [now, Status.PENDING, Status.SENDING, now, stale, limit or settings.NOTICE_SWEEP_LIMIT,
                  Status.SENDING])
        return sorted(i for (i,) in cursor.fetchall())


def _claim(notice_id: int, *, idempotent: bool) -> Notice | None:
    """Under the notice's lock: the notice marked "sending" if it is to go now, else None (with why written)."""
    now = timezone.now()
    with transaction.atomic():
        notice = (Notice.objects.select_for_update(of=("self",)).filter(pk=notice_id).select_related("candidate")
                  .first())
        if notice is None or notice.status not in (Status.PENDING, Status.SENDING):
            return None
        if notice.status == Status.SENDING and not idempotent:
            notice.status, notice.error = Status.FAILED, UNCERTAIN
        elif OptOut.objects.filter(phone=notice.phone).exists():
            notice.status = Status.OPTED_OUT
        elif notice.candidate_id and Restriction.objects.filter(person_id=notice.candidate.person_id).exists():
            notice.status = Status.RESTRICTED
        elif notice.not_before > now or is_quiet(now):
            notice.status, notice.not_before = Status.PENDING, max(notice.not_before, earliest_send(now))
        else:
            notice.status, notice.attempts = Status.SENDING, notice.attempts + 1
        notice.save(update_fields=["status", "attempts", "not_before", "error"])
        return notice if notice.status == Status.SENDING else None


def _record(notice: Notice, **fields) -> None:
    Notice.objects.filter(pk=notice.pk, status=Status.SENDING).update(**fields)


def notice_send(*, notice_id: int) -> str:
    """Send one notice if it is due and nobody else is sending it; returns its status afterwards."""
    if not locks.notice_hold(notice_id=notice_id):
        return "held"
    try:
        provider = current_provider()
        notice = _claim(notice_id, idempotent=provider.idempotent)
        if notice is not None:
            try:
                ref = provider.send(Message(key=notice.key, phone=notice.phone, text=notice.text))
            except Refused as error:
                _record(notice, status=Status.FAILED, error=str(error)[:300], provider=provider.name)
            except Unavailable as error:
                retry = notice.attempts < settings.NOTICE_MAX_ATTEMPTS
                pause = dt.timedelta(seconds=settings.NOTICE_RETRY_SECONDS * 2 ** (notice.attempts - 1))
                _record(notice, status=Status.PENDING if retry else Status.FAILED, error=str(error)[:300],
                        provider=provider.name, not_before=timezone.now() + pause)
            else:
                _record(notice, status=Status.SENT, sent_at=timezone.now(), provider=provider.name,
                        provider_ref=ref, error="")
        return Notice.objects.filter(pk=notice_id).values_list("status", flat=True).first() or ""
    finally:
        locks.notice_release(notice_id=notice_id)
