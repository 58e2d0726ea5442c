"""``chotei alerts``: queue today's near-deadline e-mail alerts for the worker (run it daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from chotei.portal.tasks import deadline_alerts


class Command(BaseCommand):
    help = "期限が近い当事者へのメール通知を登録します（毎日1回）"

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadline_alerts.enqueue()
        self.stdout.write(f"期限のメール通知を登録しました（{result.id}）")
