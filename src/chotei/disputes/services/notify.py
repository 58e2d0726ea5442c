"""Notices are queued with the step that calls for them (DP-05, DP-08, DP-09, DP-16..DP-19).

An outbox: with the database task backend the task row is written inside the step's own
transaction, so the step and its queued notices commit together or not at all, and the worker sees
neither before the commit. The task carries the step's ledger line, which the issued documents are
keyed on, so a task run twice issues once. A backend that runs tasks in-process is called only
after the commit, so a rolled-back step issues nothing there either.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chotei.accounts.permissions import Actor
from chotei.disputes.models import LedgerLine
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.step_notices import notices_of


def step_notices_queue(line: LedgerLine, actor: Actor = None, *, side: str = "") -> tuple[NoticeKind, ...]:
    """Queue the notices the table of ``rules.step_notices`` gives for the step written as ``line``;
    ``side`` is the party that asked for an explanation (DP-17). Returns the kinds queued."""
    from django_tasks_db import DatabaseBackend

    from chotei.documents.tasks import issue_case_notices

    kinds = notices_of(line.action)
    if not kinds:
        return ()
    if not transaction.get_connection().in_atomic_block:
        # Outside the step's transaction the step could commit while its notices are lost.
        raise RuntimeError("通知は処理と同じトランザクションで登録してください")
    kwargs: dict[str, Any] = {
        "case_id": line.case_id,
        "step_id": line.pk,
        "kinds": [k.value for k in kinds],
        "actor_id": actor.pk if actor is not None else None,
    }
    if side:
        kwargs["side"] = side

    def enqueue() -> None:
        issue_case_notices.enqueue(**kwargs)

    get_backend = getattr(issue_case_notices, "get_backend", None)
    if get_backend is not None and isinstance(get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return kinds
