"""``chotei serve [--port N] [--host H] [--no-worker]``: the production server — waitress + whitenoise,
with the notice worker (``chotei worker``, leased) running beside it as a child process; on several
machines the app servers run ``--no-worker`` and workers run on their own (docs/deploy.md)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from types import FrameType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

WORKER_STOP_SECONDS = 10


def port_free(host: str, port: int) -> bool:
    """Whether the server could listen on host:port now (waitress would fail with EADDRINUSE)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


class Command(BaseCommand):
    help = "本番用サーバ（waitress）と通知発出のタスクワーカーを起動します"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="タスクワーカーを起動しない")

    def handle(self, *args: Any, host: str, port: int, threads: int, no_worker: bool, **options: Any) -> None:
        import waitress

        if not port_free(host, port):
            # One line a person can act on, not a traceback from deep inside waitress.
            self.stderr.write(
                f"ポート{port}は他のプログラムが使用中です。"
                f"別のポートを指定してください（例: chotei serve --port {port + 1}）"
            )
            raise SystemExit(1)

        # whitenoise serves the collected, compressed files from STATIC_ROOT; it indexes them when
        # the application is built, so collect first.
        call_command("collectstatic", interactive=False, verbosity=0)
        from chotei.wsgi import application

        worker = None if no_worker else self._start_worker()

        def stop(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"http://{host}:{port}/ で待ち受けています（終了は Ctrl+C）")
        try:
            waitress.serve(application, host=host, port=port, threads=threads, ident="chotei")
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                self._stop_worker(worker)

    def _start_worker(self) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "chotei.settings"),
        }
        worker = subprocess.Popen([sys.executable, "-m", "django", "worker"], env=env)
        self.stdout.write(f"タスクワーカーを起動しました（pid {worker.pid}）")
        return worker

    def _stop_worker(self, worker: subprocess.Popen[bytes]) -> None:
        # The worker finishes the task in hand on SIGTERM; it is killed only if it does not.
        worker.terminate()
        try:
            worker.wait(WORKER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        self.stdout.write("タスクワーカーを停止しました")
