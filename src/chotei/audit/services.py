from __future__ import annotations

from typing import Any

from chotei.audit.models import AuditEvent


def audit_record(
    *, event_type: str, actor: Any = None, case_id: int | None = None, **payload: Any
) -> AuditEvent:
    """Write one audit event; callers inside a transaction get it committed with their change."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(event_type=event_type, actor=user, case_id=case_id, payload=payload)
