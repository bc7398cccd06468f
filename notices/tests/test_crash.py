"""A worker SIGKILLed while the SMS gateway holds its request: the sweep gives the notice to a live
worker, which sends it again under the same idempotency key; every notice is delivered exactly once."""

import os
import signal
import time

import pytest

from notices import texts
from notices.models import Kind, Notice, Status
from notices.services import outbox
from notices.tests.fake_gateway import FakeGateway
from verification.tests.test_tasks import database_url, kill_group, start_worker, wait_for


@pytest.mark.crash
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_neither_loses_nor_doubles_a_notice(make_candidate, samarinda, users, tmp_path):
    from notices.tasks import notices_sweep_task
    from uep.celery import app

    app.control.purge()
    gateway = FakeGateway()
    gateway.hold_first.set()
    families = [make_candidate(samarinda, created_by=users["officer"], phone=f"08123456{i:04d}") for i in range(3)]
    outbox.notices_for_candidates(kind=Kind.DECIDED, event="y2025", candidates=families,
                                    text=texts.render(Kind.DECIDED, year=2025, area=samarinda.name))
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_VISIBILITY_TIMEOUT": "600",
           "NOTICE_PROVIDER": "sms", "NOTICE_SMS_URL": gateway.url, "NOTICE_QUIET_FROM": "0",
           "NOTICE_QUIET_UNTIL": "0", "NOTICE_SWEEP_SECONDS": "1", "NOTICE_LEASE_SECONDS": "2",
           "NOTICE_TASK_SIZE": "1"}
    first = start_worker(env)
    second = None
    try:
        notices_sweep_task()  # three tasks of one notice; the one worker takes the first
        assert wait_for(lambda: len(gateway.requests) == 1, 60)
        crashed = gateway.requests[0]["headers"]["Idempotency-Key"]
        assert Notice.objects.get(key=crashed).status == Status.SENDING
        kill_group(first)  # the gateway took the message; the worker dies before recording it
        gateway.release.set()
        assert Notice.objects.get(key=crashed).status == Status.SENDING

        back = time.monotonic()
        second = start_worker(env, "--beat", "--schedule", str(tmp_path / "beat-schedule"))
        assert wait_for(lambda: Notice.objects.filter(status=Status.SENT).count() == 3, 60)
        resumed_in = time.monotonic() - back
    finally:
        gateway.close()
        kill_group(first)
        if second is not None:
            kill_group(second, signal.SIGTERM)
        app.connection_for_write().default_channel.client.delete("unacked", "unacked_index")

    assert resumed_in < 60
    keys = set(Notice.objects.values_list("key", flat=True))
    # Delivered once each; the crashed one was asked twice, both times under its own key.
    assert set(gateway.delivered) == keys
    asked = [r["headers"]["Idempotency-Key"] for r in gateway.requests]
    assert asked.count(crashed) == 2 and len(asked) == 4
    assert Notice.objects.get(key=crashed).attempts == 2
