"""``chotei worker [--lease S] [--batch]``: the notice worker on its own (several per installation),
with leases so a task held by a killed worker runs again, once (issue #10 items 3 and 6, DP-21)."""

from __future__ import annotations

import logging
import os
from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_interval

from chotei.operations.worker import DEFAULT_LEASE_SECONDS, LeasedWorker


class Command(DbWorkerCommand):
    help = "通知発出のタスクワーカー（リース付き: 停止したワーカーの処理中タスクを再実行します）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=valid_interval,
            default=float(os.environ.get("CHOTEI_TASK_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)),
            help="処理中のタスクをこの秒数を過ぎたら再度キューに戻す（既定 300 秒）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        if options["verbosity"] == 1:
            # The loop drains the queue once a second; its start and stop lines would fill the log.
            # Each task's own outcome (django_tasks) stays at INFO.
            db_worker.logger.setLevel(logging.WARNING)
        worker = LeasedWorker(
            lease_seconds=options["lease"],
            keep_running=not options["batch"],
            queue_names=options["queue_name"].split(","),
            excluded_queue_names=[q for q in options["exclude_queues"].split(",") if q],
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
