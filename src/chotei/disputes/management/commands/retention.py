"""``chotei retention [--apply]`` — list, and with --apply dispose of, records past retention (DP-20)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from chotei.disputes.services.retention import case_records_dispose, disposable_cases
from chotei.rules import retention


class Command(BaseCommand):
    help = "保存期間（手続終了から10年、令第16条）を経過した事案記録を一覧し、--apply で廃棄します（帳簿は廃棄しません）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="一覧した記録を実際に廃棄する")

    def handle(self, *args: Any, apply: bool = False, **options: Any) -> None:
        today = timezone.localdate()
        items = disposable_cases(today)
        self.stdout.write(f"保存期間を経過した事案: {len(items)} 件（基準日 {today.isoformat()}）")
        for item in items:
            self.stdout.write(f"  {item.describe()}")
        self.stdout.write(f"帳簿は{retention.LEDGER_ARTICLE}により廃棄しません")
        if not apply:
            if items:
                self.stdout.write("廃棄するには --apply を指定してください")
            return
        for item in items:
            case_records_dispose(actor=None, case_id=item.case_id, today=today)
        self.stdout.write(f"{len(items)} 件の事案記録を廃棄しました（監査ログに記録）")
