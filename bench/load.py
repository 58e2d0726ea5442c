"""Load bench (issue #10 item 4): simulated staff on the desk (case list, search, case page, and a
step through the API) and insurer systems on the API (their case list and case detail) against one
``chotei serve`` (waitress, its embedded worker) on loopback, for a fixed time, first with one staff
user alone and then with ``--users`` staff and ``--insurers`` API clients at once.

Prints throughput, p50/p95/p99 per request kind, errors, and lost writes: afterwards every
acknowledged application must exist and every acknowledged step must be in the case's version, and
the records' invariants (bench/_records.py) must hold once the notice queue is drained. Last line
``ratio: <p95 of the case page at --users / p95 with one user>`` (target ≤ 3, no errors, no lost writes).

    DATABASE_URL=postgresql://…/any python -m bench load [--users 20] [--insurers 5] [--seconds 30] [--think 2]

Each simulated user waits ``--think`` seconds on average between requests, as a person reading a
page does; ``--think 0`` sends back to back (a saturation test rather than a model of staff).

A new database is created on that PostgreSQL server (or SQLite in a temporary directory without
DATABASE_URL) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from bench._cluster import Http, free_port, installation
from bench._django import bench_args, percentile
from bench._drive import API, CaseRunner

STAFF_PASSWORD = "demo-secretariat-2026"  # noqa: S105 — the demo data set's published login
SEARCHES = ("山田", "鈴木", "後遺障害", "2026", "佐藤")
CASE_ID = re.compile(rb'href="/desk/cases/(\d+)/"')


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.acknowledged: dict[int, int] = {}  # case id → highest version an answer reported
        self.seconds = 0.0  # how long the phase ran

    def timed(self, kind: str, call: Callable[[], tuple[int, Any]]) -> tuple[int, Any]:
        start = time.perf_counter()
        try:
            status, body = call()
        except (OSError, http.client.HTTPException):
            status, body = 599, None
        elapsed = time.perf_counter() - start
        with self.lock:
            if status >= 500 or status in (401, 403, 404):
                self.errors[f"{kind} {status}"] += 1
            else:
                self.times[kind].append(elapsed)
            if isinstance(body, dict) and status in (200, 201) and "version" in body:
                self.acknowledged[body["id"]] = max(body["version"], self.acknowledged.get(body["id"], 0))
        return status, body


def staff_login(port: int) -> Http:
    http = Http(port)
    http.get("/desk/login/")
    token = http.cookies["csrftoken"]
    body = f"csrfmiddlewaretoken={token}&username=secretariat&password={STAFF_PASSWORD}"
    status, _ = http.request("POST", "/desk/login/", body, {"X-CSRFToken": token})
    if status != 302:
        raise SystemExit(f"load: staff login answered {status}")
    # A login that stopped short of the desk (e.g. at a second-factor step) would measure redirects.
    status, _ = http.get("/desk/")
    if status != 200:
        raise SystemExit(f"load: the desk answered {status} after login")
    return http


def pause(rng: random.Random, think: float, stop: threading.Event) -> None:
    """A person reads the page before the next click: ``think`` seconds on average (0: none)."""
    if think:
        stop.wait(rng.uniform(0.5 * think, 1.5 * think))


def staff_user(desk: Http, token: str, rec: Recorder, stop: threading.Event, seed: int, think: float) -> None:
    rng = random.Random(seed)
    port = desk.port
    runner = CaseRunner(Http(port, token), rng)
    case_ids: list[int] = []
    first = True
    while not stop.is_set():
        # A user starts from the list and opens a case from it; then does as the roll says.
        roll = 0.5 if first and case_ids else rng.random()
        first = first and not case_ids
        if roll < 0.25 or not case_ids:
            status, page = rec.timed("desk list", lambda: desk.get("/desk/"))
            if status == 200:
                case_ids = [int(i) for i in CASE_ID.findall(page)] or case_ids
        elif roll < 0.4:
            q = quote(rng.choice(SEARCHES))
            rec.timed("desk search", lambda q=q: desk.get(f"/desk/?q={q}"))  # type: ignore[misc]
        elif roll < 0.85:
            case_id = rng.choice(case_ids)
            rec.timed("case page", lambda c=case_id: desk.get(f"/desk/cases/{c}/"))  # type: ignore[misc]
        else:
            rec.timed("staff act", lambda: _act(runner))
        pause(rng, think, stop)


def _act(runner: CaseRunner) -> tuple[int, Any]:
    outcome = runner.step()
    return outcome.status, outcome.body


def insurer_client(
    port: int, token: str, rec: Recorder, stop: threading.Event, seed: int, think: float
) -> None:
    rng = random.Random(seed)
    api = Http(port, token)
    ids: list[int] = []
    while not stop.is_set():
        if not ids or rng.random() < 0.3:
            status, page = rec.timed("api list", lambda: api.get(f"{API}/cases"))
            if status == 200:
                ids = [c["id"] for c in page["items"]] or ids
        else:
            case_id = rng.choice(ids)
            rec.timed("api case", lambda c=case_id: api.get(f"{API}/cases/{c}"))  # type: ignore[misc]
        pause(rng, think, stop)


MIN_CASE_PAGES = 5


def phase(
    port: int, tokens: dict[str, str], users: int, insurers: int, seconds: float, think: float
) -> Recorder:
    rec, stop = Recorder(), threading.Event()
    # Logged in before the clock starts: a password hash is deliberately slow and is not a page.
    desks = [staff_login(port) for _ in range(users)]
    threads = [
        threading.Thread(target=staff_user, args=(desk, tokens["staff"], rec, stop, n, think))
        for n, desk in enumerate(desks)
    ] + [
        threading.Thread(target=insurer_client, args=(port, tokens["insurer"], rec, stop, 100 + n, think))
        for n in range(insurers)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(seconds)
    # A ratio needs case pages on both sides: on a busy machine a short phase is stretched (up to a
    # minute) until it has its few, rather than ending with no p95 to divide by.
    deadline = time.monotonic() + 60
    while len(rec.times["case page"]) < MIN_CASE_PAGES and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join()
    rec.seconds = time.monotonic() - started
    if len(rec.times["case page"]) < MIN_CASE_PAGES:
        raise SystemExit(f"load: only {len(rec.times['case page'])} case pages in the phase; no ratio")
    return rec


def report(title: str, rec: Recorder) -> None:
    total = sum(len(v) for v in rec.times.values())
    print(
        f"{title}: {total / rec.seconds:.1f} requests/s over {rec.seconds:.0f} s, errors {dict(rec.errors) or 0}"
    )
    print(f"  {'kind':<12} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, values in sorted(rec.times.items()):
        p = [percentile(values, q) * 1000 for q in (50, 95, 99)]
        print(f"  {kind:<12} {len(values):>6} {p[0]:>8.1f} {p[1]:>8.1f} {p[2]:>8.1f}")


def lost_writes(port: int, token: str, recorders: Sequence[Recorder]) -> int:
    """Acknowledged writes missing afterwards: a case that is gone, or older than an answer said."""
    api, lost = Http(port, token), 0
    for rec in recorders:
        for case_id, version in rec.acknowledged.items():
            status, case = api.get(f"{API}/cases/{case_id}")
            lost += status != 200 or case["version"] < version
    return lost


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench load")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--insurers", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a user's requests")
    args = parser.parse_args(bench_args("load", argv))
    with installation(os.environ.get("DATABASE_URL")) as inst:
        tokens = inst.seed()
        after = str(inst.python("bench._records", "check")["last_ledger"])
        port = free_port()
        # Twenty simulated users share one login, and a TOTP code is accepted once: the second
        # factor is a cost of signing in, not of the pages measured here, so this server skips it.
        inst.env["CHOTEI_STAFF_TOTP"] = "0"
        inst.serve(port, threads=args.threads)
        print(
            f"load: {inst.vendor}, one chotei serve ({args.threads} threads) + its worker on loopback; "
            f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
        )
        print(f"think time: {args.think:g} s on average between a user's requests (0: back to back)")
        single = phase(port, tokens, 1, 0, args.seconds, args.think)
        report("1 staff user", single)
        crowd = phase(port, tokens, args.users, args.insurers, args.seconds, args.think)
        report(f"{args.users} staff users + {args.insurers} insurer API clients", crowd)
        lost = lost_writes(port, tokens["staff"], [single, crowd])
        deadline = time.monotonic() + 120
        while inst.python("bench._records", "pending")["pending"] and time.monotonic() < deadline:
            time.sleep(1)
        checked = inst.python("bench._records", "check", "--after", after)
        writes = sum(len(r.acknowledged) for r in (single, crowd))
        print(f"cases written and acknowledged: {writes}; lost writes: {lost}")
        print(
            f"invariants: {checked['invariants']} checked, {'ok' if checked['ok'] else checked['problems']}"
        )
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    ratio = percentile(crowd.times["case page"], 95) / percentile(single.times["case page"], 95)
    print(f"ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
