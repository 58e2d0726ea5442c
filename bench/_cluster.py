"""Installations run as separate processes, as on several machines: ``chotei serve`` app servers,
``chotei worker`` task workers and a checker, all against one database (issue #10 items 3, 4, 6).

An installation is fresh and its own: a temporary data directory (SQLite), or a new PostgreSQL
database created on the server named by ``DATABASE_URL`` and dropped afterwards. Nothing here runs
Django in the calling process, so a test's own database connection is never touched.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

CHOTEI = str(Path(sys.executable).with_name("chotei"))
ROOT = Path(__file__).resolve().parent.parent
READY_SECONDS = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Installation:
    env: dict[str, str]
    data_dir: Path
    vendor: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def chotei(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([CHOTEI, *args], env=self.env, capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(f"chotei {' '.join(args)}: {done.stderr[-2000:]}")
        return done

    def python(self, module: str, *args: str) -> Any:
        """Run ``python -m module`` in the installation and return the JSON it prints last."""
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", module, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{module}: {done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def _spawn(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        # Its own session, so a kill takes the process and the worker it started, as a lost machine.
        log = (self.data_dir / f"{name}.log").open("ab")
        proc = subprocess.Popen(  # noqa: S603
            [CHOTEI, *args], env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(proc)
        return proc

    def serve(self, port: int, *, worker: bool = True, threads: int = 8) -> subprocess.Popen[bytes]:
        args = ["serve", "--port", str(port), "--threads", str(threads)]
        proc = self._spawn(f"serve-{port}", *args, *([] if worker else ["--no-worker"]))
        wait_ready(port, proc)
        return proc

    def worker(self, *args: str) -> subprocess.Popen[bytes]:
        return self._spawn(f"worker-{len(self.processes)}", "worker", "--no-startup-delay", *args)

    def stop(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if sig == signal.SIGKILL:
            # The worker child may outlive its group leader for a moment; its group is the same.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        self.processes.remove(proc)

    def seed(self) -> dict[str, str]:
        """The demo data set, and API tokens for the secretariat and for the insurer あおば損害保険."""
        demo = self.chotei("demo").stdout
        insurer = re.search(r"APIトークン: (\S+)", demo)
        staff = self.chotei("token", "issue", "--user", "secretariat", "--name", "harness").stdout
        staff_token = re.search(r"(ch_\S+)", staff)
        if insurer is None or staff_token is None:
            raise RuntimeError(f"tokens not printed: {demo[-500:]} {staff[-500:]}")
        return {"insurer": insurer.group(1), "staff": staff_token.group(1)}


@contextlib.contextmanager
def installation(database_url: str | None = None) -> Iterator[Installation]:
    """A fresh installation on SQLite, or on a new database of ``database_url``'s PostgreSQL server."""
    data_dir = Path(tempfile.mkdtemp(prefix="chotei-cluster-"))
    env = {**os.environ, "CHOTEI_DATA_DIR": str(data_dir), "CHOTEI_LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    env.pop("CHOTEI_TASK_BACKEND", None)
    created = None
    if database_url and database_url.startswith("postgres"):
        created = f"chotei_cluster_{uuid.uuid4().hex[:10]}"
        _pg_admin(database_url, f"CREATE DATABASE {created}")
        env["DATABASE_URL"] = urlunsplit(urlsplit(database_url)._replace(path=f"/{created}"))
    inst = Installation(env=env, data_dir=data_dir, vendor="postgresql" if created else "sqlite")
    try:
        # Every chotei command migrates a fresh database first (cli.py).
        inst.chotei("manage", "migrate", "-v", "0")
        yield inst
    finally:
        for proc in list(inst.processes):
            inst.stop(proc, signal.SIGKILL)
        if created:
            _pg_admin(database_url or "", f"DROP DATABASE IF EXISTS {created} WITH (FORCE)")
        shutil.rmtree(data_dir, ignore_errors=True)


def _pg_admin(database_url: str, sql: str) -> None:
    import psycopg

    url = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[call-overload]


def wait_ready(port: int, proc: subprocess.Popen[bytes] | None = None) -> float:
    """Seconds until /readyz answers 200; raises if the process exits or time runs out."""
    start = time.monotonic()
    while time.monotonic() - start < READY_SECONDS:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if Http(port).get("/readyz")[0] == 200:
                return time.monotonic() - start
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} not ready within {READY_SECONDS}s")


class Http:
    """A keep-alive HTTP/1.1 client for one server; JSON in and out, a bearer token if given."""

    def __init__(self, port: int, token: str | None = None, timeout: float = 30) -> None:
        self.port, self.token, self.timeout = port, token, timeout
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if isinstance(body, str):
            data = body.encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            self.conn.request(method, path, data, sent)
            response = self.conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        kind = response.getheader("Content-Type", "")
        return response.status, json.loads(raw) if kind.startswith("application/json") else raw

    def get(self, path: str) -> tuple[int, Any]:
        return self.request("GET", path)

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        return self.request("POST", path, body)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
