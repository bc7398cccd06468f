"""The task base sends on commit: a task asked for inside a transaction reaches the broker only
if that transaction commits. Real Redis, a real worker, the signal Celery fires once a message is
published."""

import time

import pytest
from celery.signals import after_task_publish
from django.db import transaction

from regions.models import Kelurahan
from regions.tasks import regions_refresh

KELURAHAN = "64.72.01.1001"


@pytest.fixture
def published():
    names = []

    def record(sender=None, **kwargs):
        if not sender.startswith("celery."):  # the worker fixture's own ping
            names.append(sender)

    after_task_publish.connect(record, weak=False)
    yield names
    after_task_publish.disconnect(record)


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_task_asked_for_in_a_rolled_back_transaction_is_never_sent(published):
    with pytest.raises(Rollback):
        with transaction.atomic():
            assert regions_refresh.delay() is None
            raise Rollback

    assert published == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_asked_for_in_a_transaction_is_sent_when_it_commits_and_runs(published, celery_worker):
    Kelurahan.objects.filter(code=KELURAHAN).delete()  # the task puts it back

    with transaction.atomic():
        regions_refresh.delay()
        assert published == []  # nothing on the broker while the transaction may still roll back
    assert published == ["regions.tasks.regions_refresh"]

    deadline = time.monotonic() + 60
    while not Kelurahan.objects.filter(code=KELURAHAN).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Kelurahan.objects.filter(code=KELURAHAN).exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_task_is_sent_at_once_with_its_result(published, celery_worker):
    assert regions_refresh.delay().get(timeout=60)["kelurahan_desa"] == 1035
    assert published == ["regions.tasks.regions_refresh"]
