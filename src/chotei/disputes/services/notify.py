"""Notices follow a state change only once it is committed (DP-05, DP-08, DP-16..DP-19)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction


def notify_on_commit(case_id: int, kinds: Sequence[str], actor: Any = None, **extra: Any) -> None:
    """Queue the notices of ``kinds`` for the case; a rolled-back change issues nothing.

    With the database task backend the task row is written inside the step's own transaction — an
    outbox: the step and its queued notices commit together, and the worker sees neither before the
    commit. A backend that runs tasks in-process is called only after the commit."""
    from django_tasks_db import DatabaseBackend

    from chotei.documents.tasks import issue_case_notices

    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None

    def enqueue() -> None:
        issue_case_notices.enqueue(case_id=case_id, kinds=list(kinds), actor_id=actor_id, **extra)

    get_backend = getattr(issue_case_notices, "get_backend", None)
    if get_backend is not None and isinstance(get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
