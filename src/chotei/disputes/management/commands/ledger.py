"""``chotei ledger --fiscal-year 2025 --format csv|pdf [--output FILE]`` — the 帳簿 (DP-21, 令24条)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from chotei.disputes.ledger_export import ledger_export


class Command(BaseCommand):
    help = "紛争処理業務に関する帳簿（令第24条）を年度（4月〜翌3月）ごとにCSV又はPDFで出力します"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fiscal-year", type=int, required=True, help="年度（例: 2025 = 2025年4月〜2026年3月）"
        )
        parser.add_argument("--format", choices=["csv", "pdf"], default="csv")
        parser.add_argument("--output", default="-", help="出力先ファイル（省略時は標準出力）")

    def handle(self, *args: Any, fiscal_year: int, format: str, output: str, **options: Any) -> None:
        body = settings.CHOTEI_BODY["name"]
        if output == "-":
            if format == "pdf":
                n = ledger_export(
                    actor=None, fiscal_year=fiscal_year, fmt=format, out=sys.stdout.buffer, body_name=body
                )
            else:
                n = ledger_export(
                    actor=None, fiscal_year=fiscal_year, fmt=format, out=self.stdout, body_name=body
                )
            self.stderr.write(f"{fiscal_year}年度の帳簿 {n} 件を出力しました")
            return
        path = Path(output)
        # A BOM lets spreadsheet software on Japanese Windows open the UTF-8 file as such.
        opener = path.open("wb") if format == "pdf" else path.open("w", encoding="utf-8-sig", newline="")
        with opener as out:
            n = ledger_export(actor=None, fiscal_year=fiscal_year, fmt=format, out=out, body_name=body)
        self.stdout.write(f"{fiscal_year}年度の帳簿 {n} 件を {path} に出力しました")
