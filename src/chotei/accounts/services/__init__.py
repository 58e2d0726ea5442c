"""API tokens (APIトークン): issued, listed and revoked by the system administrator only (IM-01, IM-02).

The only code that writes tokens. The raw token is returned once, at issue; only its SHA-256 is kept.
Every action is audited (DP-22). ``actor=None`` is the console (``chotei token``): whoever runs it
already holds the server, as with ``chotei demo``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet

from chotei.accounts.models import ApiToken, Role
from chotei.accounts.permissions import Actor, require_role, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.services.core import NotFound
from chotei.rules.application import normalize
from chotei.rules.articles import Article
from chotei.rules.errors import RuleViolation

# 監督指針 Ⅱ-3-7(2)①ロ: access only for those granted it.
ACCESS_ARTICLE = Article("指針", "Ⅱ-3-7(2)①ロ", "IM-01")
NAME_MAX = ApiToken._meta.get_field("name").max_length


def _administrator(actor: Actor) -> None:
    if actor is not None:
        require_role(actor, Role.ADMIN)


def _audit(actor: Actor, action: str, **payload: Any) -> None:
    audit_record(
        event_type=AuditEvent.Type.API_TOKEN,
        actor=actor,
        action=action,
        channel="desk" if actor is not None else "cli",
        **payload,
    )


def token_issue(*, actor: Actor, username: str, name: str) -> tuple[ApiToken, str]:
    """A new token for an active user who holds a role; returns the raw token, shown only now."""
    _administrator(actor)
    name = normalize(name)
    if not name:
        raise RuleViolation("トークンの名称（用途）を入力してください", ACCESS_ARTICLE, field="name")
    if NAME_MAX is not None and len(name) > NAME_MAX:
        raise RuleViolation(
            f"トークンの名称は{NAME_MAX}文字以内で入力してください", ACCESS_ARTICLE, field="name"
        )
    user = get_user_model().objects.select_related("profile").filter(username=username).first()
    if user is None:
        raise RuleViolation(f"利用者「{username}」は登録されていません", ACCESS_ARTICLE, field="user")
    if not user.is_active:
        raise RuleViolation(
            f"利用者「{username}」は無効化されているため、トークンを発行できません",
            ACCESS_ARTICLE,
            field="user",
        )
    role = role_of(user)
    if role is None:
        raise RuleViolation(
            f"利用者「{username}」には役割が登録されていないため、トークンを発行できません",
            ACCESS_ARTICLE,
            field="user",
        )
    with transaction.atomic():
        token, raw = ApiToken.issue(user, name)
        _audit(actor, "issue", token=token.pk, user=user.username, role=role, name=name)
    return token, raw


def token_list(*, actor: Actor, username: str = "") -> QuerySet[ApiToken]:
    """Every token (or one user's), newest first; who looked is audited as well."""
    _administrator(actor)
    tokens = ApiToken.objects.select_related("user__profile").order_by("-created_at", "-id")
    if username:
        tokens = tokens.filter(user__username=username)
    _audit(actor, "list", user=username)
    return tokens


def token_revoke(*, actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token: the API refuses it from the next request on (401)."""
    _administrator(actor)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().select_related("user").filter(pk=token_id).first()
        if token is None:
            raise NotFound(f"APIトークン {token_id} は見つかりません")
        if token.revoked:
            raise RuleViolation(
                f"APIトークン {token_id}（{token.name}）は失効済みです", ACCESS_ARTICLE, field="token"
            )
        token.revoked = True
        token.save(update_fields=["revoked"])
        _audit(actor, "revoke", token=token.pk, user=token.user.username, name=token.name)
    return token
