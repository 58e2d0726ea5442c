from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.documents.services.templates import TEMPLATE_ROLES
from chotei.web import second_factor
from chotei.web.access import AUDIT_ROLES, DESK_ROLES, LEDGER_ROLES, OPERATORS


def body(request: HttpRequest) -> dict[str, Any]:
    """The body's name and 「指定紛争処理機関」 on every page (GV-07, 令12条), and the user's menu."""
    role = role_of(getattr(request, "user", None))
    # Until the second factor the menu would only lead back to it (IM-01).
    nav = None if role is not None and second_factor.pending(request) else role
    return {
        "body": settings.CHOTEI_BODY,
        "desk_role": role,
        "desk_role_label": Role(role).label if role else "",
        "desk_nav": {
            "cases": nav in DESK_ROLES,
            "new_case": nav in OPERATORS,
            "meetings": nav in OPERATORS or nav == Role.MEMBER,
            "mailing": nav in OPERATORS,
            "ledger": nav in LEDGER_ROLES,
            "roster": nav in OPERATORS,
            "audit": nav in AUDIT_ROLES,
            "templates": nav in TEMPLATE_ROLES,
            "admin": nav == Role.ADMIN,
            "tokens": nav == Role.ADMIN,
        },
    }
