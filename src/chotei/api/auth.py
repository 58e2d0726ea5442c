"""Bearer tokens (IM-01): ``Authorization: Bearer <token>`` against the stored SHA-256 of each token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from chotei.accounts.models import ApiToken, token_digest


class BearerToken(HttpBearer):
    """A revoked token, or one of a deactivated user, is refused like an unknown one (401)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user__profile")
            .filter(digest=token_digest(token), revoked=False, user__is_active=True)
            .first()
        )
        return found.user if found is not None else None


class ApiRequest(HttpRequest):
    """A request past ``BearerToken``: django-ninja sets ``auth`` to the token's user."""

    auth: Any
