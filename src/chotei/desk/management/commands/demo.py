"""``chotei demo [--if-empty]``: load the demo data set and print the logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from chotei.desk import demo_data
from chotei.disputes.models import Case

# Notices are issued by a task; the demo runs them in-process so its cases carry their documents
# without a worker running.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "デモ用のデータ（委員名簿・保険会社・事案約50件・役割ごとの利用者）を読み込みます"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="事案が既にあるときは何もせず、ログイン情報だけを表示する"
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if Case.objects.exists():
            if not if_empty:
                raise CommandError(
                    "事案が既に登録されています。空のデータベースで実行するか --if-empty を指定してください"
                )
            self.stdout.write("事案が既に登録されているため、デモデータは読み込みませんでした。")
            self._logins()
            return
        started = time.monotonic()
        with override_settings(TASKS=IMMEDIATE_TASKS):
            loaded = demo_data.load()
        self.stdout.write(
            f"デモデータを読み込みました: 紛争処理委員 {loaded.members} 名、事案 {loaded.cases} 件"
            f"（{time.monotonic() - started:.1f} 秒）"
        )
        self._logins()
        self.stdout.write(f"\n保険会社利用者（{demo_data.INSURER_USER_ORG}）のAPIトークン: {loaded.token}")
        self.stdout.write("（トークンはこの一度だけ表示されます。Authorization: Bearer <トークン>）")

    def _logins(self) -> None:
        self.stdout.write("\nログイン（ユーザー名 / パスワード）:")
        for label, username, password in demo_data.logins():
            self.stdout.write(f"  {label:<12} {username} / {password}")
