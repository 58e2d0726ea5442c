"""Who may do what (IM-01, IM-02): roles decide; committee members see only their panels' cases."""

from __future__ import annotations

from typing import Any, TypeAlias

from django.contrib.auth.models import User

from chotei.accounts.models import Role

# Whoever acts: a signed-in staff or party account (the request's user, a token's user), or the
# system itself (None) for the worker's and the commands' own records.
Actor: TypeAlias = User | None


def acting(user: object) -> Actor:
    """The request's user as an actor: an anonymous visitor acts as no one (and is refused)."""
    return user if isinstance(user, User) else None


SEE_ALL = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.AUDITOR, Role.ADMIN})
CASE_OPERATORS = frozenset({Role.SECRETARIAT, Role.CHAIR})
# IM-02: what the system administrator holds on the admin site — accounts, their roles and tokens —
# and no more: not a superuser, no case records' admin, no audit log (that is the auditor's).
ACCOUNT_ADMINISTRATION = (
    "auth.view_user",
    "auth.add_user",
    "auth.change_user",
    "auth.view_group",
    "accounts.view_staffprofile",
    "accounts.add_staffprofile",
    "accounts.change_staffprofile",
    "accounts.view_apitoken",
    "accounts.change_apitoken",
    # The profile's organization and committee seat are chosen from these lists.
    "parties.view_organization",
    "committee.view_committeemember",
)


class NotPermitted(Exception):
    """The user's role does not allow this (HTTP 403)."""


def role_of(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    if profile is not None:
        return str(profile.role)
    return Role.ADMIN if user.is_superuser else None


def require_role(user: Any, *roles: str) -> str:
    role = role_of(user)
    if role not in roles:
        labels = "・".join(Role(r).label for r in roles)
        raise NotPermitted(f"この操作は{labels}のみ行えます")
    return role


def require_operator(user: Any) -> str:
    return require_role(user, *CASE_OPERATORS)
