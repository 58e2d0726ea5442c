"""Background work of the documents context, run by the database task worker (no Redis)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import task

from chotei.rules.errors import RuleViolation

logger = logging.getLogger(__name__)


@task()
def issue_case_notices(
    *, case_id: int, kinds: list[str], actor_id: int | None = None, **extra: Any
) -> list[int]:
    """Generate and store the notices a committed step calls for; returns the issued document ids.

    The step is already committed, so a notice that cannot be issued (a missing item, a character
    the font lacks) stores nothing and is written on the case's record for staff to correct and
    re-issue, instead of passing unnoticed; the task still fails."""
    from chotei.documents.services import case_notices_issue

    try:
        docs = case_notices_issue(case_id=case_id, kinds=kinds, actor_id=actor_id, **extra)
    except RuleViolation as exc:
        _record_failure(case_id, kinds, exc)
        raise
    return [d.pk for d in docs]


def _record_failure(case_id: int, kinds: list[str], exc: RuleViolation) -> None:
    from chotei.disputes.models import Case
    from chotei.disputes.services.core import ledger_write
    from chotei.rules.notices import SPECS, NoticeKind

    titles = "・".join(SPECS[NoticeKind(k)].title for k in kinds)
    logger.error("notice not issued for case %s (%s): %s", case_id, ",".join(kinds), exc)
    with transaction.atomic():
        case = Case.objects.filter(pk=case_id).first()
        if case is not None:
            ledger_write(
                case,
                action="notice_failed",
                description=f"{titles}を発出できませんでした（{exc}）。登録内容を確認して再発行してください",
            )
