"""The one base for the project's Celery tasks.

- Sent on commit: ``.delay()`` and ``.apply_async()`` send the task only when the surrounding
  transaction commits (at once outside one), so a worker never sees a row that was rolled back or
  not yet written, and nothing is sent for work that was rolled back. Callers just call ``.delay()``;
  who calls it is the README's rule (a service never does; whoever asked for the work does).
- Late acknowledgement: a worker that dies mid-task has the task delivered again; every task is
  written so that a second run finds its work done and does nothing. A task whose worker died
  ``TASK_MAX_DELIVERIES`` times is failed instead (its ``fail`` hook, with ``GAVE_UP_MESSAGE``): what
  kills its worker every time (a file that exhausts memory) would otherwise be delivered for ever and
  hold the queue. Deliveries are counted per task id in Redis.
- ``on_failure`` hands the error to the task's ``fail`` hook, which records an Indonesian message on
  the job the user is watching; the traceback stays in the worker's log.

Tasks are thin: they import their service inside the function (services import no tasks at
module level, so no cycle).
"""

from celery import Task, shared_task
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

FAILURE_MESSAGE = _("Terjadi kesalahan di proses latar belakang; tidak ada data yang setengah tersimpan. "
                    "Coba lagi, atau hubungi administrator bila terulang.")
GAVE_UP_MESSAGE = _("Pekerjaan ini menghentikan proses latar belakang berulang kali dan tidak dicoba lagi; tidak "
                    "ada data yang setengah tersimpan. Periksa berkasnya (ukuran, sel di luar tabel) atau hubungi "
                    "administrator.")


class UepTask(Task):
    acks_late = True
    reject_on_worker_lost = True

    def apply_async(self, *args, **kwargs):
        """Send when the current transaction commits (pretix's TransactionAwareTask). Outside a
        transaction that is at once, and the result comes back; inside one there is none yet."""
        if not transaction.get_connection().in_atomic_block:
            return super().apply_async(*args, **kwargs)
        transaction.on_commit(lambda: super(UepTask, self).apply_async(*args, **kwargs))
        return None

    def __call__(self, *args, **kwargs):
        if self._delivered_too_often():
            self.fail(*args, message=GAVE_UP_MESSAGE, **kwargs)
            return None
        return super().__call__(*args, **kwargs)

    def _delivered_too_often(self) -> bool:
        request = self.request
        client = getattr(self.app.backend, "client", None)  # the Redis result backend's connection
        if request.called_directly or request.is_eager or not request.id or client is None:
            return False
        key = f"{settings.CELERY_KEY_PREFIX}uep:deliveries:{request.id}"
        deliveries = client.incr(key)
        if deliveries == 1:
            client.expire(key, 24 * 3600)
        return deliveries > settings.TASK_MAX_DELIVERIES

    def fail(self, *args, message: str, **kwargs) -> None:
        """Record ``message`` where the user sees the job; override per task."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        self.fail(*args, message=FAILURE_MESSAGE, **kwargs)


def task(*args, **kwargs):
    """``@task`` (or ``@task(fail=...)``): a shared task on the project's base."""
    fail = kwargs.pop("fail", None)
    if fail is not None:
        kwargs["base"] = type("UepTaskWithFail", (UepTask,), {"fail": lambda self, *a, **kw: fail(*a, **kw)})
    else:
        kwargs.setdefault("base", UepTask)
    return shared_task(*args, **kwargs)

