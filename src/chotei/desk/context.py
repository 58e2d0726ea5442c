from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.documents.services.templates import TEMPLATE_ROLES
from chotei.web.access import AUDIT_ROLES, DESK_ROLES, LEDGER_ROLES, OPERATORS


def body(request: HttpRequest) -> dict[str, Any]:
    """The body's name and 「指定紛争処理機関」 on every page (GV-07, 令12条), and the user's menu."""
    role = role_of(getattr(request, "user", None))
    return {
        "body": settings.CHOTEI_BODY,
        "desk_role": role,
        "desk_role_label": Role(role).label if role else "",
        "desk_nav": {
            "cases": role in DESK_ROLES,
            "new_case": role in OPERATORS,
            "meetings": role in OPERATORS or role == Role.MEMBER,
            "mailing": role in OPERATORS,
            "ledger": role in LEDGER_ROLES,
            "roster": role in OPERATORS,
            "audit": role in AUDIT_ROLES,
            "templates": role in TEMPLATE_ROLES,
            "admin": role == Role.ADMIN,
            "tokens": role == Role.ADMIN,
        },
    }
