"""``chotei ledger --fiscal-year 2025 --format csv|pdf [--output FILE]`` — the 帳簿 (DP-21, 令24条)."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from chotei.disputes.ledger_export import ledger_export


@contextlib.contextmanager
def _utf8(binary: IO[bytes]) -> Iterator[IO[str]]:
    """UTF-8 text over ``binary`` whatever the locale says, leaving ``binary`` open."""
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def _quiet_exit(stdout: bool) -> None:
    """The reader went away (``chotei ledger ... | head``): stop without a traceback, as Unix tools do.

    What is still buffered for stdout goes to /dev/null, or Python's own flush at exit would complain
    about the closed pipe again; the status is the shell's for a process ended by SIGPIPE.
    """
    if stdout:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    raise SystemExit(128 + signal.SIGPIPE)


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
        try:
            with contextlib.ExitStack() as stack:
                # Both formats go out as bytes: the CSV as UTF-8 with its BOM also on stdout.
                binary = sys.stdout.buffer if output == "-" else stack.enter_context(Path(output).open("wb"))
                out: IO[Any] = binary if format == "pdf" else stack.enter_context(_utf8(binary))
                n = ledger_export(actor=None, fiscal_year=fiscal_year, fmt=format, out=out, body_name=body)
            if output == "-":
                sys.stdout.flush()
        except BrokenPipeError:
            _quiet_exit(output == "-")
        if output == "-":
            self.stderr.write(f"{fiscal_year}年度の帳簿 {n} 件を出力しました")
        else:
            self.stdout.write(f"{fiscal_year}年度の帳簿 {n} 件を {output} に出力しました")
