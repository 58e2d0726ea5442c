"""``chotei demo [--if-empty] [--new-token]``: load the demo data set and print the logins."""

from __future__ import annotations

import time
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from chotei.desk import demo_data
from chotei.disputes.models import Case

# Notices are issued by a task; the demo runs them in-process so its cases carry their documents
# without a worker running.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NEW_TOKEN = "uv run chotei demo --new-token"  # noqa: S105 — a command line, not a secret


def _width(text: str) -> int:
    """Terminal columns: full-width (Japanese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "デモ用のデータ（委員名簿・保険会社・事案約50件・役割ごとの利用者）を読み込みます"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="事案が既にあるときは何もせず、ログイン情報だけを表示する"
        )
        parser.add_argument(
            "--new-token",
            action="store_true",
            help="読み込み済みのデモの保険会社利用者に新しいAPIトークンを発行して表示する",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="本番設定（CHOTEI_DEPLOYMENT=production）のデータベースにもデモデータを読み込む",
        )

    def handle(
        self,
        *args: Any,
        if_empty: bool = False,
        new_token: bool = False,
        allow_production: bool = False,
        **options: Any,
    ) -> None:
        # Demo logins have published passwords: never on a real installation by accident.
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "本番設定（CHOTEI_DEPLOYMENT=production）のデータベースにはデモデータを読み込みません"
                "（意図して読み込むときは --allow-production）"
            )
        if not Case.objects.exists():
            self._load()
            return
        if not (if_empty or new_token):
            raise CommandError(
                "事案が既に登録されています。空のデータベースで実行するか --if-empty を指定してください"
                f"（APIトークンの再発行は {NEW_TOKEN}）"
            )
        if if_empty:
            self.stdout.write("事案が既に登録されているため、デモデータは読み込みませんでした。")
            self._logins()
        if new_token:
            try:
                self._token(demo_data.insurer_token_issue())
            except User.DoesNotExist:
                raise CommandError(
                    "デモの保険会社利用者（insurer）がいません。デモデータを読み込んだデータベースで実行してください"
                ) from None
        else:
            self.stdout.write(
                "\n保険会社利用者のAPIトークンは発行時に一度だけ表示されます。"
                f"新しいトークンは {NEW_TOKEN} で発行できます。"
            )

    def _load(self) -> None:
        started = time.monotonic()
        with override_settings(TASKS=IMMEDIATE_TASKS):
            loaded = demo_data.load()
        self.stdout.write(
            f"デモデータを読み込みました: 紛争処理委員 {loaded.members} 名、事案 {loaded.cases} 件"
            f"（{time.monotonic() - started:.1f} 秒）"
        )
        self._logins()
        self._token(loaded.token)

    def _logins(self) -> None:
        rows = [("役割", "ユーザー名", "パスワード"), *demo_data.logins()]
        widths = [max(_width(row[i]) for row in rows) for i in range(2)]
        self.stdout.write("\nログイン:")
        for label, username, password in rows:
            self.stdout.write(f"  {_pad(label, widths[0])}  {_pad(username, widths[1])}  {password}")
        if settings.CHOTEI_STAFF_TOTP:
            # IM-01: the demo keeps the second factor, so the first login shows how staff enrol.
            self.stdout.write(
                "（保険会社・共済組合以外は、初回ログイン時に認証アプリ（TOTP）を設定し、以後は確認コードを"
                "入力します。試用で省くには CHOTEI_STAFF_TOTP=0 で起動してください）"
            )

    def _token(self, token: str) -> None:
        self.stdout.write(f"\n保険会社利用者（{demo_data.INSURER_USER_ORG}）のAPIトークン: {token}")
        self.stdout.write(
            f"（トークンはこの一度だけ表示されます。Authorization: Bearer <トークン>。再発行は {NEW_TOKEN}）"
        )
