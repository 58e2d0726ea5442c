from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent


def audit_record(
    *, event_type: str, actor: Actor = None, case_id: int | None = None, **payload: Any
) -> AuditEvent:
    """Write one audit event; callers inside a transaction get it committed with their change."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(event_type=event_type, actor=user, case_id=case_id, payload=payload)


def refusal_window(at: dt.datetime) -> dt.datetime:
    """The clock hour (Japan time) in which refusals are counted; a user is flagged once per window."""
    return timezone.localtime(at).replace(minute=0, second=0, microsecond=0)


def access_refused_record(
    *,
    actor: Actor,
    channel: str,
    method: str,
    path: str,
    status: int,
    reason: str,
    case_id: int | None = None,
) -> AuditEvent:
    """Record a refused read or write (拒否されたアクセス, 法23条の9, IM-01, IM-06) and flag the user
    the first time their refusals of the hour reach ``CHOTEI_REFUSALS_PER_HOUR_ALERT``.

    Callers answer the refusal after the refused service's transaction has rolled back, so this is
    its own transaction and survives it."""
    with transaction.atomic():
        event = audit_record(
            event_type=AuditEvent.Type.ACCESS_REFUSED,
            actor=actor,
            case_id=case_id,
            channel=channel,
            method=method,
            path=path,
            status=status,
            reason=reason,
        )
        if event.actor_id is not None:
            _flag_if_over(event)
    return event


def _flag_if_over(event: AuditEvent) -> None:
    # The user's row lock serialises two simultaneous refusals, so the window is flagged only once.
    if event.actor_id is None:
        return
    get_user_model().objects.select_for_update().filter(pk=event.actor_id).first()
    window = refusal_window(event.at)
    mine = AuditEvent.objects.filter(actor_id=event.actor_id, at__gte=window)
    threshold = settings.CHOTEI_REFUSALS_PER_HOUR_ALERT
    refusals = mine.filter(event_type=AuditEvent.Type.ACCESS_REFUSED).count()
    if refusals < threshold or mine.filter(event_type=AuditEvent.Type.ACCESS_FLAGGED).exists():
        return
    AuditEvent.objects.create(
        event_type=AuditEvent.Type.ACCESS_FLAGGED,
        actor_id=event.actor_id,
        payload={"refusals": refusals, "threshold": threshold, "window": window.isoformat()},
    )
