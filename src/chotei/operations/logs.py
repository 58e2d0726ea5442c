"""Structured logs: one JSON object per line, each with the request id it belongs to (issue #10 item 5)."""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# A load balancer's id is kept when it looks like one; anything else is replaced, never logged raw.
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
logger = logging.getLogger("chotei.request")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestIdMiddleware:
    """Tags every log line of a request with its id, returns the id as X-Request-ID, and logs one
    line per request; refusals (4xx) at WARNING so they stand out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if _SANE_ID.match(given) else uuid.uuid4().hex)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            status = response.status_code
            level = logging.WARNING if status in (401, 403, 404, 409, 415, 422, 429) else logging.INFO
            logger.log(
                level,
                "リクエストを処理しました",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": getattr(getattr(request, "user", None), "pk", None),
                },
            )
            return response
        finally:
            request_id.reset(token)


# The libraries' own lines, said as the rest of the log says things (issue 9 item 9). Keyed by the
# format string each library passes, so the arguments (ids, paths) stay as they are.
LIBRARY_MESSAGES: dict[str, str] = {
    # django_tasks_db's worker and django_tasks' signals
    "Starting worker worker_id=%s queues=%s": "タスクワーカーを開始しました（worker_id=%s、キュー %s）",
    "Received %s - shutting down gracefully... (press Ctrl+C again to force)": (
        "%sを受け取りました。実行中のタスクを終えて停止します（強制終了はもう一度 Ctrl+C）"
    ),
    "Received %s - terminating current task.": "%sを受け取りました。実行中のタスクを中断して停止します",
    "Task id=%s failed unexpectedly": "タスク %s が予期せず失敗しました",
    "Task id=%s path=%s state=%s": "タスク %s（%s）の状態: %s",
    "Task id=%s path=%s enqueued backend=%s": "タスク %s（%s）を登録しました（%s）",
    "No more tasks to run for worker_id=%s - exiting gracefully.": "実行するタスクがなくなりました（worker_id=%s）。停止します",
    "Run maximum tasks (%d) on worker=%s - exiting gracefully.": "上限の%d件のタスクを実行しました（worker=%s）。停止します",
    # waitress
    "Serving on %s": "%s で待ち受けています",
    "Task queue depth is %d": "処理待ちの要求が%d件あります",
    "%d thread(s) still running": "%d個のスレッドがまだ動いています",
    "Canceling %d pending task(s)": "処理待ちの要求%d件を取り消します",
    "server accept() threw an exception": "接続の受付で例外が発生しました",
    "total open connections reached the connection limit, no longer accepting new connections": (
        "同時接続数が上限に達したため、新しい接続の受付を止めています"
    ),
    "total open connections dropped below the connection limit, listening again": (
        "同時接続数が上限を下回ったため、接続の受付を再開しました"
    ),
}
SIGNAL_NAMES: dict[str, str] = {
    "Terminated": "終了の指示（SIGTERM）",
    "Interrupt": "割り込み（Ctrl+C）",
    "Quit": "終了の指示（SIGQUIT）",
}
# waitress formats a few lines itself before logging them.
_PREFORMATTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Client disconnected while serving (.*)"), r"応答中に接続が切れました: \1"),
    (re.compile(r"Exception while serving (.*)"), r"応答中に例外が発生しました: \1"),
)


class JapaneseMessages(logging.Filter):
    """Rewrites the known English lines of django-tasks and waitress into Japanese; others pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = LIBRARY_MESSAGES.get(str(record.msg))
        if text is not None:
            record.msg = text
            if isinstance(record.args, tuple):
                record.args = tuple(SIGNAL_NAMES.get(a, a) if isinstance(a, str) else a for a in record.args)
            return True
        for pattern, replacement in _PREFORMATTED:
            if isinstance(record.msg, str) and pattern.fullmatch(record.msg):
                record.msg = pattern.sub(replacement, record.msg)
        return True
