"""chotei backup OUT — one consistent archive of the database and the media files, while serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chotei.operations.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "データベースとファイルを一つのアーカイブにバックアップします（サービス稼働中でも整合）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="書き出すアーカイブ（.tar.gz）")

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        try:
            manifest = backup_write(out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for m in manifest["members"]:
            self.stdout.write(f"{m['name']}: {m['size']:,} バイト sha256 {m['sha256']}")
        self.stdout.write(f"バックアップを書き出しました: {out}")
