"""chotei restore ARCHIVE — into an empty database only, after checking every file of the archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chotei.operations.backup import BackupError, restore_read


class Command(BaseCommand):
    help = "バックアップを空のデータベースに復元します（マニフェストと一致しないアーカイブは拒否）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="chotei backup が書き出したアーカイブ")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        if not archive.is_file():
            raise CommandError(f"アーカイブ {archive} がありません")
        try:
            manifest = restore_read(archive)
        except BackupError as exc:
            raise CommandError(f"復元しませんでした: {exc}") from exc
        self.stdout.write(
            f"復元しました（{manifest['created_at']} 作成、{manifest['database']}）。chotei verify で検証してください"
        )
