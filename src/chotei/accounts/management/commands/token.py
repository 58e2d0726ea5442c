"""``chotei token issue --user LOGIN --name NAME | list [--user LOGIN] | revoke ID`` (IM-01).

Thin: accounts.services checks, writes and audits; this prints. The raw token is printed once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from chotei.accounts import services
from chotei.disputes.services.core import NotFound
from chotei.rules.errors import RuleViolation


class Command(BaseCommand):
    help = "APIトークンを発行・一覧・失効します（操作はすべて監査ログに記録されます）"

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{issue,list,revoke}")
        issue = actions.add_parser("issue", help="利用者にトークンを発行する（トークンは一度だけ表示）")
        issue.add_argument("--user", required=True, help="利用者のログイン名")
        issue.add_argument("--name", required=True, help="トークンの名称（用途）")
        listing = actions.add_parser("list", help="トークンを一覧する")
        listing.add_argument("--user", default="", help="この利用者のトークンだけを表示する")
        revoke = actions.add_parser("revoke", help="トークンを失効させる")
        revoke.add_argument("id", type=int, help="トークンのID（list で表示）")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        try:
            getattr(self, f"_{action}")(**options)
        except (RuleViolation, NotFound) as exc:
            raise CommandError(str(exc)) from exc

    def _issue(self, *, user: str, name: str, **_: Any) -> None:
        token, raw = services.token_issue(actor=None, username=user, name=name)
        self.stdout.write(f"APIトークン {token.pk}（{token.name}）を利用者「{user}」に発行しました。")
        self.stdout.write("このトークンは二度と表示されません。安全な方法で利用者に渡してください:")
        self.stdout.write(raw)

    def _list(self, *, user: str, **_: Any) -> None:
        tokens = list(services.token_list(actor=None, username=user))
        if not tokens:
            self.stdout.write("APIトークンはありません。")
        for t in tokens:
            created = timezone.localtime(t.created_at)
            state = "失効" if t.revoked else "有効"
            self.stdout.write(
                f"{t.pk}\t{t.user.username}\t{t.name}\t{created:%Y年%-m月%-d日 %H:%M}発行\t{state}"
            )

    def _revoke(self, *, id: int, **_: Any) -> None:
        token = services.token_revoke(actor=None, token_id=id)
        self.stdout.write(
            f"APIトークン {token.pk}（{token.name}、利用者「{token.user.username}」）を失効させました。"
        )
