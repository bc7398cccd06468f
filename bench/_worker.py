"""A real Celery worker of 2 processes for the benches that time a batch end to end."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

from _env import ROOT


@contextmanager
def celery_worker():
    """Started in its own process group, answering a ping before the bench goes on; stopped after."""
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "uep", "worker", "--pool", "prefork", "-c", "2",
                               "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                              cwd=ROOT, env={**os.environ}, start_new_session=True)
    try:
        from uep.celery import app

        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5) and time.monotonic() < deadline:
            pass
        yield
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
