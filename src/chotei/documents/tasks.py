"""Background work of the documents context, run by the database task worker (no Redis)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def issue_case_notices(
    *, case_id: int, kinds: list[str], actor_id: int | None = None, **extra: Any
) -> list[int]:
    """Generate and store the notices a committed step calls for; returns the issued document ids."""
    from chotei.documents.services import case_notices_issue

    return [d.pk for d in case_notices_issue(case_id=case_id, kinds=kinds, actor_id=actor_id, **extra)]
