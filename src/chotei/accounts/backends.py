"""The staff login's backend (IM-01)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    """Django's user-name login; the session's user comes with its role profile in the same query,
    since every desk page reads the role (a query a page less: bench/desk.py)."""

    def get_user(self, user_id: Any) -> Any:
        user = get_user_model()._default_manager.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
