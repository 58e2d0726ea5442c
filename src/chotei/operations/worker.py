"""The notice worker with leases (issue #10 items 3 and 6; DP-21, DP-22: no notice lost or doubled).

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a task
whose worker died (SIGKILL, power cut, a machine lost) would stay RUNNING for ever and its notices
would never be issued. Here a claim is a lease: a task RUNNING for longer than the lease is put back
in the queue and the next free worker runs it. That can only run a task more than once, never lose
it; running twice issues once, because notices are issued one per step, kind and addressee
(IssuedDocument.step's unique constraint, checked under the case's lock).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# A notice takes well under a second to render and store; five minutes is far beyond any honest run
# while still bringing a dead worker's notices out the same morning.
DEFAULT_LEASE_SECONDS = 300.0


def expired_leases_requeue(lease_seconds: float, *, now: dt.datetime | None = None) -> int:
    """Put tasks claimed longer than ``lease_seconds`` ago back in the queue; returns how many."""
    # Real time, not chotei.clock: a lease measures the worker's own wall-clock run, not case dates.
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=lease_seconds)
    with transaction.atomic():
        expired = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        count = expired.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("requeued %d task(s) whose worker held them past the %ss lease", count, lease_seconds)
    return count


class LeasedWorker(Worker):
    """db_worker's loop, with expired leases requeued whenever the queue has been drained."""

    def __init__(self, *, lease_seconds: float, keep_running: bool, **kwargs: Any) -> None:
        # The parent's batch loop returns when the queue is empty; this loop decides whether to go on.
        super().__init__(batch=True, **kwargs)
        self.lease_seconds = lease_seconds
        self.keep_running = keep_running

    def run(self) -> None:
        while self.running:
            requeued = expired_leases_requeue(self.lease_seconds)
            super().run()
            self.startup_delay = False
            if not self.keep_running and not requeued:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not requeued:
                time.sleep(self.interval)
