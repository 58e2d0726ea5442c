"""Issue #10 item 5: production settings pass `check --deploy`, a published or missing key stops the
server, demo data never lands on a production database by accident, health endpoints and JSON logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHOTEI = str(Path(sys.executable).with_name("chotei"))
GOOD_KEY = "k" * 20 + "-0123456789abcdefghijklmnopqrstuvwxyz"


def _chotei(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CHOTEI_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(  # noqa: S603
        [CHOTEI, *args],
        env={**base, "CHOTEI_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {
    "CHOTEI_DEPLOYMENT": "production",
    "CHOTEI_SECRET_KEY": GOOD_KEY,
    "CHOTEI_ALLOWED_HOSTS": "chotei.example.jp",
    "CHOTEI_CSRF_TRUSTED_ORIGINS": "https://chotei.example.jp",
}


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    done = _chotei(tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({**PRODUCTION, "CHOTEI_SECRET_KEY": ""}, "50文字以上の CHOTEI_SECRET_KEY が必要です"),
        ({"CHOTEI_SECRET_KEY": "chotei-dev-only-not-for-production"}, "公開されている開発用の SECRET_KEY"),
        ({**PRODUCTION, "CHOTEI_ALLOWED_HOSTS": "localhost"}, "CHOTEI_ALLOWED_HOSTS に公開するホスト名"),
    ],
    ids=["no-key", "published-key", "no-hosts"],
)
def test_misconfigured_server_refuses_to_start(tmp_path: Path, env: dict[str, str], message: str) -> None:
    done = _chotei(tmp_path, "serve", "--no-worker", "--port", "1", **env)
    assert done.returncode != 0
    assert message in done.stderr


def test_embedded_installation_keeps_its_own_generated_key(tmp_path: Path) -> None:
    assert _chotei(tmp_path, "manage", "check").returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50 and oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_demo_refuses_a_production_database_unless_told(tmp_path: Path) -> None:
    done = _chotei(tmp_path, "demo", **PRODUCTION)
    assert done.returncode != 0
    assert "--allow-production" in done.stderr


@pytest.mark.django_db
def test_health_and_readiness(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


@pytest.mark.django_db
def test_every_request_logs_one_json_line_with_its_request_id(client, caplog) -> None:  # type: ignore[no-untyped-def]
    from chotei.operations.logs import JsonFormatter

    with caplog.at_level(logging.INFO, logger="chotei.request"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234567890")
        refused = client.get("/api/v1/cases")
    assert response["X-Request-ID"] == "lb-1234567890"
    first, second = (
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "chotei.request"
    )
    assert first["message"] == "リクエストを処理しました" and first["status"] == 200
    assert second["status"] == 401 and second["level"] == "WARNING"
    assert len(refused["X-Request-ID"]) == 32


def test_port_in_use_is_one_japanese_line_not_a_traceback(tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = _chotei(tmp_path, "serve", "--no-worker", "--port", str(port))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"ポート{port}は他のプログラムが使用中です。別のポートを指定してください（例: chotei serve --port {port + 1}）"
    )
    assert "Traceback" not in done.stderr + done.stdout


def test_library_log_lines_are_japanese_with_their_values() -> None:
    import logging

    from chotei.operations.logs import JapaneseMessages

    def said(msg: str, *args: object) -> str:
        record = logging.LogRecord("django_tasks_db", logging.INFO, "", 0, msg, args, None)
        JapaneseMessages().filter(record)
        return record.getMessage()

    assert said("Starting worker worker_id=%s queues=%s", "abc", "default") == (
        "タスクワーカーを開始しました（worker_id=abc、キュー default）"
    )
    assert said(
        "Received %s - shutting down gracefully... (press Ctrl+C again to force)", "Terminated"
    ).startswith("終了の指示（SIGTERM）を受け取りました")
    assert said("Exception while serving /desk/") == "応答中に例外が発生しました: /desk/"
    assert said("リクエストを処理しました") == "リクエストを処理しました"
