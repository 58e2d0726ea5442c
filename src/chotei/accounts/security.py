"""Sign-in and privileges under watch (IM-01, IM-02, IM-06; 監督指針 Ⅱ-3-7(2)①ロ・ハ).

- Every failed login is on the audit log with the name tried and the address; a name with
  ``CHOTEI_LOGIN_FAILURES_LOCK`` failures within ``CHOTEI_LOGIN_LOCK_MINUTES`` is locked for that
  window (a correct password included), so guessing is throttled.
- Every change of what an account may do — active or not, admin site, superuser, role, organization,
  committee seat, permissions, groups — is on the audit log as 「権限の変更」 with before and after,
  whichever way it was made (the admin site, the console, a data load), for the access review.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from chotei import clock
from chotei.accounts.models import StaffProfile
from chotei.accounts.permissions import ACCOUNT_ADMINISTRATION
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record

LABELS = {
    "is_active": "有効",
    "is_staff": "管理サイト",
    "is_superuser": "全権限（スーパーユーザー）",
    "role": "役割",
    "organization_id": "所属組織",
    "member_id": "委員",
    "permissions": "個別権限",
    "groups": "グループ",
}
_acting: contextvars.ContextVar[Any] = contextvars.ContextVar("chotei_privilege_actor", default=None)


@contextlib.contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Name ``user`` as the one making the privilege changes of this block (the admin site's user)."""
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def account_administration_grant(user: Any) -> None:
    """IM-02: the administrator's rights on the admin site, without making them a superuser."""
    permissions = []
    for name in ACCOUNT_ADMINISTRATION:
        app_label, codename = name.split(".")
        permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(*permissions)


def login_locked(username: str) -> bool:
    since = clock.now() - dt.timedelta(minutes=settings.CHOTEI_LOGIN_LOCK_MINUTES)
    failures = AuditEvent.objects.filter(
        event_type=AuditEvent.Type.LOGIN_FAILED, at__gte=since, payload__username=username
    ).exclude(payload__locked=True)
    return failures.count() >= settings.CHOTEI_LOGIN_FAILURES_LOCK


def login_failure_record(*, username: str, channel: str, address: str, locked: bool = False) -> None:
    """The failed attempt, without the password; ``locked``: refused unchecked during a lock."""
    known = get_user_model().objects.filter(username=username).exists()
    audit_record(
        event_type=AuditEvent.Type.LOGIN_FAILED,
        username=username[:150],
        known=known,
        channel=channel,
        address=address,
        locked=locked,
    )


def privileges_of(user_id: int | None) -> dict[str, Any]:
    """What the account may do, as stored now (empty for an account not yet saved)."""
    if user_id is None:
        return {}
    user = get_user_model().objects.filter(pk=user_id).values("is_active", "is_staff", "is_superuser").first()
    if user is None:
        return {}
    profile = dict(
        StaffProfile.objects.filter(user_id=user_id).values("role", "organization_id", "member_id").first()
        or {}
    )
    return {
        **user,
        **profile,
        "permissions": sorted(Permission.objects.filter(user=user_id).values_list("codename", flat=True)),
        "groups": sorted(Group.objects.filter(user=user_id).values_list("name", flat=True)),
    }


def privilege_change_record(
    user_id: int, before: dict[str, Any], *, removed: bool = False, username: str = ""
) -> None:
    """Audit the difference between ``before`` and the account's privileges now (none when
    ``removed``), if any."""
    after = {} if removed else privileges_of(user_id)
    changes = {
        LABELS[key]: [before.get(key), after.get(key)] for key in LABELS if before.get(key) != after.get(key)
    }
    if not changes:
        return
    target = (
        username or get_user_model().objects.filter(pk=user_id).values_list("username", flat=True).first()
    )
    audit_record(
        event_type=AuditEvent.Type.PRIVILEGE,
        actor=_acting.get(),
        target=target or f"ID {user_id}",
        target_id=user_id,
        created=not before,
        removed=removed,
        changes=changes,
    )
