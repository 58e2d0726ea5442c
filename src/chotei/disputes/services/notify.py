"""Notices follow a state change only once it is committed (DP-05, DP-08, DP-16..DP-19)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction


def notify_on_commit(case_id: int, kinds: Sequence[str], actor: Any = None, **extra: Any) -> None:
    """Queue the notices of ``kinds`` for the case; a rolled-back change issues nothing."""
    from chotei.documents.tasks import issue_case_notices

    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    transaction.on_commit(
        lambda: issue_case_notices.enqueue(case_id=case_id, kinds=list(kinds), actor_id=actor_id, **extra)
    )
