"""Hooks that put every privilege change and failed login on the audit log (IM-02, IM-06), whichever
way it is made: the admin site and the console write users without passing through chotei's
services, so the model signals are the one place that sees them all. A login also starts the
session's idle clock (IM-01, chotei.web.sessions)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from chotei.accounts import security
from chotei.accounts.models import StaffProfile
from chotei.web.sessions import mark_seen

User = get_user_model()
_BEFORE = "_chotei_privileges_before"


def _owner(instance: Any) -> int | None:
    return instance.user_id if isinstance(instance, StaffProfile) else instance.pk


def _before(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    if raw or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    setattr(instance, _BEFORE, security.privileges_of(_owner(instance)))


def _after(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    before = instance.__dict__.pop(_BEFORE, None)
    owner = _owner(instance)
    if not raw and before is not None and owner is not None:
        security.privilege_change_record(owner, before)


for model in (User, StaffProfile):
    pre_save.connect(_before, sender=model, dispatch_uid=f"privileges-before-{model.__name__}")
    post_save.connect(_after, sender=model, dispatch_uid=f"privileges-after-{model.__name__}")


def _m2m(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    # Forward changes only (user.groups.add, user.user_permissions.set), as the admin site makes them.
    if reverse or not isinstance(instance, User):
        return
    if action.startswith("pre_"):
        setattr(instance, _BEFORE, security.privileges_of(instance.pk))
    elif action.startswith("post_"):
        _after(sender, instance)


for through in (User.groups.through, User.user_permissions.through):
    m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"privileges-m2m-{through.__name__}")


@receiver(pre_delete, sender=User, dispatch_uid="privileges-removed")
def _removed(sender: Any, instance: Any, **kwargs: Any) -> None:
    security.privilege_change_record(
        instance.pk, security.privileges_of(instance.pk), removed=True, username=instance.get_username()
    )


user_logged_in.connect(mark_seen, dispatch_uid="session-idle-clock")


@receiver(user_login_failed, dispatch_uid="login-failed-audited")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    security.login_failure_record(
        username=str(credentials.get("username", "")),
        channel="admin" if request is not None and request.path.startswith("/admin/") else "desk",
        address=request.META.get("REMOTE_ADDR", "") if request is not None else "",
    )
