"""The portal under concurrent users: public pages, login and my-case against ``chotei serve`` on
loopback (waitress, whitenoise, the same settings as production but SQLite or DATABASE_URL).

U party accounts are created, each with its own case (received through the intake service, its
receipt notice issued). Then U simulated users at once each log in once and read the public pages,
their my-page and their case page R times, beside reads of a static file from the same server.
Prints requests per second and p95 per page; any error response fails the run. Last line
``ratio: p95 my-case / p95 static file`` (target ≤ 5).

    python -m bench portal [--users 8] [--rounds 20]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench._django import percentile

PASSWORD = "bench-portal-2026!"  # noqa: S105 — a throw-away bench account
STATIC = "/static/portal/portal.css"


def _setup(users: int) -> list[int]:
    """Accounts and their cases, written in this process before the server starts."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from chotei.disputes.models import CaseParty
    from chotei.disputes.services.intake import case_receive
    from chotei.parties.models import Organization
    from chotei.portal.models import PartyAccount

    call_command("migrate", interactive=False, verbosity=0)
    insurer = Organization.objects.create(
        name="ベンチ損害保険株式会社",
        kind=Organization.Kind.INSURER,
        address="東京都千代田区丸の内一丁目1番1号",
    )
    cases = []
    for i in range(users):
        user = User.objects.create_user(username=f"bench{i}", email=f"bench{i}@example.jp", password=PASSWORD)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        account = PartyAccount.objects.create(user=user)
        case = case_receive(actor=None, data=_application(insurer, i))
        account.parties.add(case.parties.get(side=CaseParty.Side.APPLICANT).party_id)
        cases.append(case.pk)
    return cases


def _application(insurer: Any, i: int) -> Any:
    import datetime as dt

    from chotei import clock
    from chotei.disputes.services.intake import ApplicationInput
    from chotei.disputes.services.party_links import PartyInput

    return ApplicationInput(
        applicant=PartyInput(name=f"利用者 {i}", address="東京都世田谷区桜丘二丁目1番3号"),
        respondent=PartyInput(
            name=insurer.name,
            address=insurer.address,
            organization_id=insurer.pk,
        ),
        applicant_role="victim",
        respondent_role="insurer",
        category="after_effect",
        channel="online",
        office="tokyo",
        applied_on=clock.today(),
        matters_sought="後遺障害等級の認定",
        issues="非該当とされた点",
        negotiation_history="異議申立て済み",
        claim="神経症状が残存している",
        accident_summary="追突事故",
        other_bodies="なし",
        decision_notified_on=dt.date(2026, 10, 1),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class User:
    """One simulated browser: its own cookies, timing every request by page."""

    def __init__(self, base: str, times: dict[str, list[float]], errors: list[str]) -> None:
        self.base, self.times, self.errors = base, times, errors
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, page: str, path: str, data: dict[str, str] | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 — loopback http only
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:  # noqa: S310 — loopback http
                text = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            self.errors.append(f"{page} {path}: {exc.code}")
            return ""
        self.times[page].append(time.perf_counter() - start)
        return text

    def login(self, email: str) -> None:
        form = self.get("login-form", "/portal/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        if token is None:
            self.errors.append("login form without a CSRF token")
            return
        landed = self.get(
            "login",
            "/portal/accounts/login/",
            {"csrfmiddlewaretoken": token.group(1), "login": email, "password": PASSWORD},
        )
        if "マイページ" not in landed:
            self.errors.append(f"login of {email} did not reach my page")


def _drive(
    base: str, index: int, case_id: int, rounds: int, times: dict[str, list[float]], errors: list[str]
) -> None:
    user = User(base, times, errors)
    user.login(f"bench{index}@example.jp")
    for _ in range(rounds):
        user.get("public", "/")
        user.get("public", "/about/procedure/")
        user.get("my-page", "/portal/")
        user.get("my-case", f"/portal/cases/{case_id}/")
        user.get("static", STATIC)


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("bench: chotei serve exited")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):  # noqa: S310 — loopback
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("bench: chotei serve did not answer")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench portal")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(sys.argv[2:] if argv is None else argv)

    # Always a fresh SQLite file: the accounts and cases it writes are thrown away with the folder.
    tmp = tempfile.mkdtemp(prefix="chotei-bench-portal-")
    os.environ.pop("DATABASE_URL", None)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chotei.settings",
        "CHOTEI_TASK_BACKEND": "immediate",
        "CHOTEI_DATA_DIR": tmp,
        "CHOTEI_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    cases = _setup(args.users)
    from django.db import connection

    print(f"database: {connection.vendor}; {os.cpu_count()} cores; {args.users} users x {args.rounds} rounds")
    connection.close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 — our own CLI
        [sys.executable, "-m", "chotei.cli", "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    try:
        _wait(base, server)
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.users) as pool:
            for future in [
                pool.submit(_drive, base, i, case_id, args.rounds, times, errors)
                for i, case_id in enumerate(cases)
            ]:
                future.result()
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    total = sum(len(v) for v in times.values())
    print(f"requests: {total} in {elapsed:.2f} s = {total / elapsed:.1f} req/s")
    for page in ("public", "login", "my-page", "my-case", "static"):
        samples = times.get(page, [])
        if samples:
            print(f"{page:8s} n={len(samples):5d} p95={percentile(samples, 95) * 1000:7.1f} ms")
    if errors:
        raise SystemExit(f"bench: {len(errors)} error responses, first: {errors[0]}")
    ratio = percentile(times["my-case"], 95) / percentile(times["static"], 95)
    print(f"ratio: {ratio:.2f}")
