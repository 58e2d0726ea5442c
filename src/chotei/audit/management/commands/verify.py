"""chotei verify — check the ledger's and audit log's hash chains and every stored file's digest."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chotei.audit.verify import records_verify


class Command(BaseCommand):
    help = "帳簿・監査ログのハッシュ連鎖と、発出文書・提出書類のSHA-256を検証します"

    def handle(self, *args: Any, **options: Any) -> None:
        report = records_verify()
        for label, count in report.counts.items():
            self.stdout.write(f"{label}: {count:,} 件を検証")
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"異常: {problem}")
            raise CommandError(
                f"検証に失敗しました（{len(report.problems)} 件）。最初の異常: {report.problems[0]}"
            )
        self.stdout.write("検証結果: 異常なし")
