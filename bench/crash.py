"""Crash harness (issue #10 item 3): staff clients drive applications, lifecycle steps and
submissions — and with them notice tasks — through ``chotei serve`` (with its embedded worker) while
the server and its worker are killed with SIGKILL at random moments, as a lost machine would be.
After each kill the server is restarted, the queue left behind is drained, and the invariants of
``bench/_records.py`` are checked: every case's state matches its last ledger line and audit event,
no case number twice, every document on the audit log, and every notice task enqueued before the
kill run exactly once (no lost and no duplicate notice). The run ends with ``chotei verify``.

    python -m bench crash [--kills N] [--clients 3] [--seed 1]

``--kills`` defaults to ``CHOTEI_CRASH_KILLS`` or 2 (CI: under a minute per database); SQLite in a temporary directory, or a new
database on the PostgreSQL server of ``DATABASE_URL``. Last line ``crash: kills=… ok``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Sequence

from bench._cluster import Http, Installation, free_port, installation
from bench._django import bench_args
from bench._drive import CaseRunner

DEFAULT_KILLS = 2
# Short, so a task held by a killed worker is requeued within the harness's patience.
LEASE_SECONDS = "2"
DRAIN_SECONDS = 90


def _drain(inst: Installation) -> None:
    deadline = time.monotonic() + DRAIN_SECONDS
    while inst.python("bench._records", "pending")["pending"]:
        if time.monotonic() > deadline:
            raise SystemExit("crash: the queue was not drained after restart (a notice lost?)")
        time.sleep(0.3)


def run(kills: int, clients: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    figures: Counter[str] = Counter()
    with installation(os.environ.get("DATABASE_URL")) as inst:
        inst.env["CHOTEI_TASK_LEASE_SECONDS"] = LEASE_SECONDS
        tokens = inst.seed()
        after = str(inst.python("bench._records", "check")["last_ledger"])
        print(f"crash: {inst.vendor}, {kills} kills, {clients} clients, seed {seed}", flush=True)
        port = free_port()
        server = inst.serve(port)
        runners = [
            CaseRunner(Http(port, tokens["staff"], timeout=10), random.Random(seed + n))
            for n in range(clients)
        ]
        started = time.monotonic()
        for kill in range(1, kills + 1):
            stop = threading.Event()

            def drive(runner: CaseRunner, stop: threading.Event = stop) -> None:
                while not stop.is_set():
                    try:
                        outcome = runner.step()
                    except (OSError, http.client.HTTPException):
                        figures["requests cut"] += 1
                        time.sleep(0.05)
                        continue
                    figures["actions" if outcome.status < 300 else f"answered {outcome.status}"] += 1

            threads = [threading.Thread(target=drive, args=(r,)) for r in runners]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.3, 2.5))
            inst.stop(server, signal.SIGKILL)
            stop.set()
            for t in threads:
                t.join()
            figures["kills"] += 1

            port = free_port()
            server = inst.serve(port)
            for runner in runners:
                runner.http.close()
                runner.http.port = port
            _drain(inst)
            report = inst.python("bench._records", "check", "--after", after)
            figures["invariants checked"] += report["invariants"]
            figures["notices"] = report["checked"].get("notices", 0)
            if not report["ok"]:
                raise SystemExit(f"crash: invariants broken after kill {kill}: {report['problems']}")
            print(f"  kill {kill}: {dict(figures)}", flush=True)
        inst.stop(server)
        verified = inst.chotei("verify", check=False)
        if verified.returncode != 0:
            raise SystemExit(
                f"crash: chotei verify failed: {verified.stdout[-1000:]}{verified.stderr[-1000:]}"
            )
        figures["seconds"] = round(time.monotonic() - started)
    if figures["answered 500"]:
        raise SystemExit(f"crash: {figures['answered 500']} answers were server errors")
    return dict(figures)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench crash")
    parser.add_argument("--kills", type=int, default=int(os.environ.get("CHOTEI_CRASH_KILLS", DEFAULT_KILLS)))
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(bench_args("crash", argv))
    figures = run(args.kills, args.clients, args.seed)
    print(
        f"crash: kills={figures['kills']} actions={figures.get('actions', 0)} "
        f"cut={figures.get('requests cut', 0)} notices={figures.get('notices', 0)} "
        f"invariants={figures['invariants checked']} seconds={figures['seconds']} ok"
    )


if __name__ == "__main__":
    main()
