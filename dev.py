#!/usr/bin/env python3
"""Set-up and the two everyday commands, needing only Python 3.11+ on a fresh machine.

    python3 dev.py start   # install, load demo data on SQLite, serve on http://127.0.0.1:8000/
    python3 dev.py test    # install, lint, type-check, run every test (browser tests when Chromium is present)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")


def _uv() -> str:
    # Where TLS is intercepted by a local CA, uv must trust the system bundle rather than its own roots.
    bundle = Path("/etc/ssl/certs/ca-certificates.crt")
    if bundle.exists():
        os.environ.setdefault("SSL_CERT_FILE", str(bundle))
    found = shutil.which("uv")
    if found:
        return found
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "uv"], check=True)
    return shutil.which("uv") or str(Path(sys.executable).with_name("uv"))


def _run(*cmd: str, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=env)


def start(args: list[str]) -> int:
    uv = _uv()
    # Only what running needs (no test toolchain); --inexact keeps a developer's test tools installed.
    if _run(uv, "sync", "--frozen", "--no-dev", "--inexact") != 0:
        return 1
    chotei = [uv, "run", "--frozen", "--no-dev", "chotei"]
    if _run(*chotei, "demo", "--if-empty") != 0:
        return 1
    return _run(*chotei, "serve", *args)


def test(args: list[str]) -> int:
    uv = _uv()
    if _run(uv, "sync", "--frozen") != 0:
        return 1
    env = dict(os.environ)
    if CHROMIUM.exists():
        print(f"Browser tests: ON (Chromium at {CHROMIUM})", flush=True)
    else:
        banner = "!" * 78
        print(f"{banner}\n!!  {CHROMIUM} NOT FOUND — BROWSER TESTS WILL BE SKIPPED.\n"
              f"!!  Install it with: apt-get install chromium\n{banner}", flush=True)
    print("Database:", env.get("DATABASE_URL") or "SQLite (default)", flush=True)
    run = [uv, "run", "--frozen"]
    for step in (
        [*run, "ruff", "check", "src", "tests", "bench"],
        [*run, "mypy"],
        [*run, "pytest", "-q", *args],
    ):
        code = _run(*step, env=env)
        if code != 0:
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"start", "test"}:
        print(__doc__)
        return 2
    return {"start": start, "test": test}[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
