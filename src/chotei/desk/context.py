from __future__ import annotations

import functools
from html import escape
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.documents.services.templates import TEMPLATE_ROLES
from chotei.web import second_factor
from chotei.web.access import AUDIT_ROLES, DESK_ROLES, LEDGER_ROLES, OPERATORS

# The header's menu: (what the role's desk_nav must allow, label, URL name). Written once per role
# and script prefix: ten {% url %}s a page were a tenth of the worklist's time (bench/desk.py).
MENU = (
    ("cases", "事案一覧", "desk:case_list"),
    ("new_case", "新規申請の受付", "desk:case_new"),
    ("meetings", "期日一覧", "desk:meetings"),
    ("mailing", "発送", "desk:mailing"),
    ("roster", "委員名簿", "desk:roster"),
    ("ledger", "帳簿", "desk:ledger"),
    ("audit", "監査ログ", "desk:audit"),
    ("audit", "アクセス権の棚卸し", "desk:access_review"),
    ("templates", "文例の管理", "documents:templates"),
    ("tokens", "APIトークン", "desk:tokens"),
    ("admin", "管理画面", "admin:index"),
)
LINKS = ("desk:case_list", "desk:case_new", "desk:logout")


@functools.lru_cache(maxsize=32)
def _links(prefix: str) -> dict[str, str]:
    """The URLs the frame and the worklist link to, by name without its namespace. ``prefix`` (the
    script prefix reverse() writes in front) only keys the cache."""
    return {name.split(":")[1]: reverse(name) for name in LINKS}


@functools.lru_cache(maxsize=256)
def _menu(prefix: str, nav: tuple[str, ...]) -> SafeString:
    """The menu's links for what ``nav`` allows; ``prefix`` as for ``_links``."""
    return mark_safe(  # noqa: S308 - labels and URLs are escaped
        "".join(
            f'<a href="{escape(reverse(name))}">{escape(label)}</a>'
            for key, label, name in MENU
            if key in nav
        )
    )


def body(request: HttpRequest) -> dict[str, Any]:
    """The body's name and 「指定紛争処理機関」 on every page (GV-07, 令12条), and the user's menu."""
    role = role_of(getattr(request, "user", None))
    # Until the second factor the menu would only lead back to it (IM-01).
    nav = None if role is not None and second_factor.pending(request) else role
    allowed = {
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
    }
    prefix = get_script_prefix()
    return {
        "body": settings.CHOTEI_BODY,
        "desk_role": role,
        "desk_role_label": Role(role).label if role else "",
        "desk_nav": allowed,
        "desk_menu": _menu(prefix, tuple(k for k, v in allowed.items() if v)),
        "desk_links": _links(prefix),
    }
