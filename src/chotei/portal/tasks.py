"""Background work of the portal, run by the database task worker as the notices are."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from chotei import clock


@task()
def notice_alerts(*, document_ids: list[int]) -> int:
    """Mail the accounts whose party was just issued a notice electronically; once each."""
    from chotei.portal import alerts

    return alerts.notice_alerts_send(document_ids)


@task()
def deadline_alerts(*, on: str = "") -> int:
    """Mail the accounts whose deadline is near; run daily (``chotei alerts``), once per deadline."""
    from chotei.portal import alerts

    return alerts.deadline_alerts_send(dt.date.fromisoformat(on) if on else clock.today())
