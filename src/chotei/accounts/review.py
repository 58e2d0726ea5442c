"""The access review (アクセス権の棚卸し) for internal audit (IM-02, IM-06; 監督指針 Ⅱ-3-7(2)①ロ・ハ):
who holds which role, when each account was last used, which are unused, and every privilege change.
Read-only; the CSV is what the desk page shows."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chotei import clock
from chotei.accounts.models import Role
from chotei.audit.models import AuditEvent


@dataclasses.dataclass(frozen=True)
class AccountRow:
    username: str
    name: str
    role: str
    organization: str
    active: bool
    admin_site: bool
    superuser: bool
    permissions: int
    tokens: int
    joined: dt.datetime
    last_login: dt.datetime | None
    unused: bool

    @property
    def findings(self) -> list[str]:
        """What an auditor should look at: an unused active account, every privilege in one hand."""
        found = []
        if self.unused and self.active:
            found.append("未使用")
        if self.superuser:
            found.append("全権限")
        if not self.role and self.active:
            found.append("役割なし")
        return found


def accounts() -> list[AccountRow]:
    cutoff = clock.now() - dt.timedelta(days=settings.CHOTEI_UNUSED_ACCOUNT_DAYS)
    users = (
        get_user_model()
        .objects.select_related("profile__organization")
        .annotate(
            n_permissions=Count("user_permissions", distinct=True),
            n_tokens=Count("api_tokens", filter=Q(api_tokens__revoked=False), distinct=True),
        )
        .order_by("username")
    )
    rows = []
    for user in users:
        profile = getattr(user, "profile", None)
        rows.append(
            AccountRow(
                username=user.username,
                name=user.get_full_name(),
                role=Role(profile.role).label if profile is not None else "",
                organization=profile.organization.name
                if profile is not None and profile.organization
                else "",
                active=user.is_active,
                admin_site=user.is_staff,
                superuser=user.is_superuser,
                permissions=user.n_permissions,
                tokens=user.n_tokens,
                joined=user.date_joined,
                last_login=user.last_login,
                # Never used, or not since the cutoff; API-only accounts are judged by their logins too.
                unused=user.last_login is None or user.last_login < cutoff,
            )
        )
    return rows


def privilege_changes() -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(event_type=AuditEvent.Type.PRIVILEGE)
        .select_related("actor")
        .order_by("-id")
    )


def _when(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _yes(flag: bool) -> str:
    return "○" if flag else ""


def write_accounts_csv(rows: Iterable[AccountRow], out: IO[str]) -> None:
    """UTF-8 with a BOM, as the ledger's CSV, so spreadsheet software on Japanese Windows reads it."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["ユーザー名", "氏名", "役割", "所属組織", "有効", "管理サイト", "全権限", "個別権限数",
         "有効なAPIトークン", "登録日時", "最終ログイン", "指摘"]
    )  # fmt: skip
    for r in rows:
        writer.writerow(
            [r.username, r.name, r.role, r.organization, _yes(r.active), _yes(r.admin_site),
             _yes(r.superuser), r.permissions, r.tokens, _when(r.joined), _when(r.last_login),
             "・".join(r.findings)]
        )  # fmt: skip


def write_changes_csv(events: Iterable[AuditEvent], out: IO[str]) -> None:
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["日時", "変更した者", "対象", "項目", "変更前", "変更後"])
    for e in events:
        for label, (before, after) in e.payload.get("changes", {}).items():
            writer.writerow(
                [_when(e.at), e.actor.username if e.actor else "システム", e.payload.get("target", ""),
                 label, _cell(before), _cell(after)]
            )  # fmt: skip


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value) or "×"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
