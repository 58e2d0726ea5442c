"""Issue #10 items 3 and 6: notice workers hold tasks on a lease, so a task held by a killed worker
runs again once; two app servers and two workers on one database never issue a notice twice nor give
a case number twice (DP-21, DP-22). Everything runs as separate processes on a fresh installation of
the database under test (a new PostgreSQL database, or a SQLite file), as on separate machines."""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from bench._cluster import Http, Installation, free_port, installation
from bench._drive import API, CaseRunner, application


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[Installation, dict[str, str]]]:
    with installation(os.environ.get("DATABASE_URL")) as inst:
        yield inst, inst.seed()


def drained(inst: Installation, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while inst.python("bench._records", "pending")["pending"]:
        assert time.monotonic() < deadline, "the workers did not drain the queue"
        time.sleep(0.5)


def test_a_task_held_by_a_killed_worker_runs_once_after_its_lease(
    seeded: tuple[Installation, dict[str, str]],
) -> None:
    # DP-21: a notice task is never lost with its worker, nor issued twice.
    inst, tokens = seeded
    before = inst.python("bench._records", "check")["last_ledger"]
    port = free_port()
    server = inst.serve(port, worker=False)
    staff = Http(port, tokens["staff"])
    for _ in range(4):
        assert staff.post(f"{API}/cases", application())[0] == 201
    inst.stop(server)
    # Killed after issuing (before marking done), killed before issuing, and one held by a live worker.
    inst.python("bench._records", "simulate-killed", "1", "2", "1")

    inst.chotei("worker", "--batch", "--no-startup-delay", "--lease", "60")
    after_lease = inst.python("bench._records", "check", "--after", str(before))
    assert after_lease["ok"], after_lease["problems"]
    assert inst.python("bench._records", "pending")["pending"] == 1, "a live worker's task was taken"

    inst.chotei("worker", "--batch", "--no-startup-delay", "--lease", "0")
    report = inst.python("bench._records", "check", "--after", str(before))
    assert report["ok"] and report["drained"], report["problems"]
    assert report["checked"]["notices"] == 4  # one receipt each, none doubled


def test_two_servers_and_two_workers_issue_each_notice_once(
    seeded: tuple[Installation, dict[str, str]],
) -> None:
    # DP-21: a notice task is never lost with its worker, nor issued twice.
    inst, tokens = seeded
    before = inst.python("bench._records", "check")["last_ledger"]
    ports = [free_port(), free_port()]
    for port in ports:
        inst.serve(port, worker=False, threads=4)
    for _ in range(2):
        inst.worker("--interval", "0.2")
    answers: Counter[tuple[str, int]] = Counter()
    lock = threading.Lock()

    def client(n: int) -> None:
        runner = CaseRunner(Http(ports[n % 2], tokens["staff"]), random.Random(n))
        for _ in range(25):
            outcome = runner.step()
            with lock:
                answers[(outcome.kind, outcome.status)] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = {k: n for k, n in answers.items() if k[1] >= 500}
    assert not failed, failed
    drained(inst)
    report = inst.python("bench._records", "check", "--after", str(before))
    assert report["ok"], report["problems"]
    created = answers[("create", 201)]
    assert created >= 12 and answers[("accept", 200)] >= 3, answers
    print(f"two servers, two workers: {sum(answers.values())} requests, {created} cases, {report['checked']}")
