"""Background work of the documents context, run by the database task worker (no Redis)."""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from chotei.operations.retry import with_retries
from chotei.portal.tasks import notice_alerts
from chotei.rules.errors import RuleViolation

logger = logging.getLogger(__name__)


@task()
def issue_case_notices(
    *, case_id: int, kinds: list[str], step_id: int | None = None, actor_id: int | None = None, **extra: Any
) -> list[int]:
    """Generate and store the notices a committed step queued; returns the step's document ids.

    Idempotent per step (``step_id``, the step's ledger line): run again after a worker died
    between issuing and marking the task done, it returns the documents already issued. A notice
    that cannot be issued (a missing item, a character the font lacks) stores nothing and is written
    on the case's record for staff to correct and re-issue, instead of passing unnoticed; the task
    still fails, and is not retried: the same records would refuse again.

    A transient database error (a locked database, a lost connection, a serialization failure or a
    deadlock) rolls the attempt back and is retried a bounded number of times with backoff, each
    attempt logged (chotei.operations.retry); idempotence makes a retry issue each notice once."""
    from chotei.documents import services

    def issue() -> list[Any]:
        return services.case_notices_issue(
            case_id=case_id, kinds=kinds, actor_id=actor_id, step_id=step_id, **extra
        )

    try:
        docs = with_retries(issue, what=f"notices of case {case_id} step {step_id}")
    except RuleViolation as exc:
        logger.error("notice not issued for case %s (%s): %s", case_id, ",".join(kinds), exc)
        services.case_notices_failure_record(case_id=case_id, kinds=kinds, error=exc, step_id=step_id)
        raise
    ids = [d.pk for d in docs]
    # OD-01: the party's portal account hears of a notice issued to it electronically (once).
    if ids:
        notice_alerts.enqueue(document_ids=ids)
    return ids
