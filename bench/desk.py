"""Desk list latency at scale: ``selectors.case_list`` (first page of 50, as the desk renders it,
for a user who sees every case) and the served list page (the Django test client's GET of the
desk's case list as the secretariat: session, filter form, capped count, template and per-row
business-day counts included) against the bare SQL behind the selector run through
``cursor.execute``.

N cases (default 1,000,000) are bulk-loaded with realistic states, offices, fiscal years, due
dates and applicant names, plus panel seats for the cases that reached a panel; then ANALYZE (and
VACUUM on PostgreSQL, see ``settle``).
Each filter of the desk is timed; the line before last is ``page ratio: p95 page / p95 bare`` and
the last line ``ratio: p95 service / p95 bare`` (issue #9: both ≤ 3, and p95 < 150 ms).

    python -m bench desk [--cases 1000000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import time
import warnings
from collections.abc import Iterator
from typing import Any

from bench._django import bench_args, bench_user, django_db, insert_sql, percentile

BATCH = 10_000
SURNAMES = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
]
GIVEN = [
    "太郎",
    "花子",
    "一郎",
    "美咲",
    "健太",
    "陽菜",
    "翔",
    "結衣",
    "大輝",
    "彩花",
    "直人",
    "恵美",
    "隆",
    "由美",
    "誠",
    "舞",
    "拓也",
    "千尋",
    "浩",
    "香織",
]
# (state, weight): most cases of ten years are long closed; a desk's working set is small.
STATES = (
    ("closed", 46),
    ("refused", 5),
    ("withdrawn", 6),
    ("terminated", 3),
    ("received", 2),
    ("screening", 3),
    ("accepted", 3),
    ("under_review", 28),
    ("result_notified", 4),
)
PANEL_STATES = {"under_review", "result_notified", "closed", "terminated"}
OPEN_DUE = {"received": 7, "screening": 21, "accepted": 14, "under_review": 126, "result_notified": 28}
MEMBERS = 34


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench desk")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(bench_args("desk", argv))
    with django_db() as vendor:
        run(args.cases, args.repeat, vendor)


def case_columns() -> list[str]:
    from chotei.disputes.models import Case

    return [f.column for f in Case._meta.concrete_fields if not f.primary_key]


def column_defaults() -> dict[str, Any]:
    """Each case column's default as the database takes it, for columns the generator leaves alone
    (a column added later loads with its default instead of breaking the bench)."""
    from django.db import connection

    from chotei.disputes.models import Case

    return {
        f.column: f.get_db_prep_save(f.get_default(), connection)
        for f in Case._meta.concrete_fields
        if not f.primary_key
    }


def case_rows(
    n: int, today: dt.date, rng: random.Random, start: dt.date = dt.date(2016, 4, 1)
) -> Iterator[tuple[list[Any], str]]:
    """(column values in ``case_columns()`` order, state) of n cases received from ``start`` to ``today``."""
    columns = case_columns()
    defaults = column_defaults()
    states = [s for s, w in STATES for _ in range(w)]
    now = dt.datetime.now(dt.UTC)
    span = (today - start).days
    for i in range(n):
        # Receipts grow over the decade (more recent cases than old ones).
        received = today - dt.timedelta(days=int(span * (1 - rng.random() ** 0.7)))
        state = rng.choice(states)
        if (today - received).days < 200 and state == "closed":
            state = "under_review"
        fy = received.year if received.month >= 4 else received.year - 1
        office = "tokyo" if rng.random() < 0.72 else "osaka"
        due = None
        if state in OPEN_DUE:
            # Most open cases are on time; about one in eight is overdue (DP-10).
            due = today + dt.timedelta(
                days=rng.randint(-40, -1) if rng.random() < 0.12 else rng.randint(1, OPEN_DUE[state])
            )
        ended = received + dt.timedelta(days=rng.randint(30, 400)) if state not in OPEN_DUE else None
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        values = {
            "number": f"{fy}{'東' if office == 'tokyo' else '阪'}第{i:07d}号",
            "office": office,
            "state": state,
            "version": 3,
            "category": "after_effect" if rng.random() < 0.9 else "liability",
            "channel": "post",
            "applicant_role": "victim",
            "applied_on": received,
            "matters_sought": "後遺障害等級の変更を求める",
            "issues": "等級認定の当否",
            "negotiation_history": "異議申立て済み",
            "claim": "神経症状が残存している",
            "accident_summary": "追突事故",
            "accident_date": received - dt.timedelta(days=300),
            "other_facts": "",
            "other_bodies": "なし",
            "decision_notified_on": received - dt.timedelta(days=60),
            "negotiator_case": False,
            "screening_answers": "{}",
            "received_on": received,
            "fiscal_year": fy,
            "state_changed_at": now,
            "due_on": due,
            "ended_on": ended if ended is None or ended < today else today,
            "acceptance_dispatched_on": None,
            "statement_due_on": None,
            "refusal_ground": "",
            "result": "unchanged" if state in ("result_notified", "closed") else "",
            "result_reasons": "",
            "end_reason": "",
            "applicant_name": name,
            "applicant_kana": "",
            "assigned_clerk_id": None,
            "respondent_name": "あおば損害保険株式会社",
            "created_at": now,
        }
        yield [values[c] if c in values else defaults[c] for c in columns], state


def load(n: int, vendor: str, today: dt.date) -> list[int]:
    """Bulk-load n cases and the panels/seats of those that reached a panel; returns member ids."""
    from django.db import connection, transaction

    from chotei.committee.models import CommitteeMember
    from chotei.disputes.models import Case, Panel, PanelSeat

    members = CommitteeMember.objects.bulk_create(
        CommitteeMember(name=f"委員{i:02d}", office="tokyo" if i < 22 else "osaka", qualification="lawyer")
        for i in range(MEMBERS)
    )
    member_ids = [m.pk for m in members]
    rng = random.Random(7)
    # Explicit ids (dense from 1) let panels and seats point at their case without a read-back.
    case_sql = insert_sql(Case._meta.db_table, ["id", *case_columns()])
    panel_sql = insert_sql(Panel._meta.db_table, ["id", "case_id", "appointed_on"])
    seat_sql = insert_sql(PanelSeat._meta.db_table, ["panel_id", "case_id", "member_id", "is_chief"])
    rows = case_rows(n, today, rng)
    next_id = 1
    with connection.cursor() as cursor:
        while True:
            batch = [r for _, r in zip(range(BATCH), rows, strict=False)]
            if not batch:
                break
            with transaction.atomic():
                ids = range(next_id, next_id + len(batch))
                cursor.executemany(
                    case_sql, [[cid, *values] for cid, (values, _) in zip(ids, batch, strict=True)]
                )
                # A panel takes its case's id.
                seated = [cid for cid, (_, state) in zip(ids, batch, strict=True) if state in PANEL_STATES]
                cursor.executemany(panel_sql, [(cid, cid, today) for cid in seated])
                seats = []
                for cid in seated:
                    chosen = rng.sample(member_ids, 3)
                    seats.extend((cid, cid, m, k == 0) for k, m in enumerate(chosen))
                cursor.executemany(seat_sql, seats)
            next_id += len(batch)
    settle(connection)
    return member_ids


def settle(connection: Any) -> None:
    """The loaded tables as a server in service keeps them: statistics gathered and, on PostgreSQL,
    the visibility map set by VACUUM (autovacuum does it after a bulk insert), without which no
    count can be read from an index alone and every plan is costed on a table just written."""
    with connection.cursor() as cursor:
        cursor.execute(settle_statement(connection.vendor))


def settle_statement(vendor: str) -> str:
    return "VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE"


def filters(member_ids: list[int], today: dt.date) -> dict[str, Any]:
    """The desk's filters, alone and combined as staff use them."""
    from chotei.disputes.models import Case
    from chotei.disputes.selectors import CaseFilter

    old_fy = today.year - 8
    # An existing number from the middle of the table, so the lookup finds its one case.
    number = Case.objects.filter(fiscal_year=old_fy, office="tokyo").values_list("number", flat=True).first()
    return {
        "none": CaseFilter(),
        "state=received": CaseFilter(state="received"),
        "state=under_review": CaseFilter(state="under_review"),
        "office=osaka": CaseFilter(office="osaka"),
        "office+state": CaseFilter(office="osaka", state="screening"),
        "member": CaseFilter(member=member_ids[5]),
        "member+state": CaseFilter(member=member_ids[7], state="under_review"),
        "overdue": CaseFilter(overdue=True),
        "overdue+office": CaseFilter(overdue=True, office="osaka"),
        f"fiscal_year={old_fy}": CaseFilter(fiscal_year=old_fy),
        "fy+state": CaseFilter(fiscal_year=old_fy, state="closed"),
        "name prefix (surname)": CaseFilter(q="佐藤"),
        "name prefix (full)": CaseFilter(q="坂本 千尋"),
        "case number": CaseFilter(q=number or ""),
    }


def run(n: int, repeat: int, vendor: str) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    started = time.perf_counter()
    member_ids = load(n, vendor, today)
    print(f"loaded {n:,} cases in {time.perf_counter() - started:.1f} s (+{settle_statement(vendor)})")
    measure(bench_user(), member_ids, repeat, today, f"{vendor}, {n:,} cases")


def page_query(f: Any) -> dict[str, Any]:
    """The desk list's query string for a selector filter, as its filter form sends it."""
    params = {
        "state": [f.state] if f.state else f.states,
        "office": f.office,
        "member": f.member,
        "fiscal_year": f.fiscal_year,
        "overdue": "on" if f.overdue else "",
        "q": f.q,
    }
    return {k: v for k, v in params.items() if v}


def measure(user: Any, member_ids: list[int], repeat: int, today: dt.date, what: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from chotei.disputes.selectors import case_list
    from chotei.web import second_factor

    # One JSON line per request on stderr would time the terminal, not the page.
    logging.getLogger("chotei.request").setLevel(logging.WARNING)
    # The bench's fresh data directory has no collected static files; the page's HTML needs none.
    warnings.filterwarnings("ignore", message="No directory at")
    client = Client()
    client.force_login(user)
    # A login through its second factor (IM-01), as a clerk's session is after the TOTP step.
    session = client.session
    session[second_factor.SESSION_KEY] = user.pk
    session.save()
    url = reverse("desk:case_list")
    service_all: list[float] = []
    page_all: list[float] = []
    bare_all: list[float] = []
    print(
        f"{'filter':<24} {'p50 svc':>9} {'p95 svc':>9} {'p50 page':>9} {'p95 page':>9} {'p95 bare':>9}  rows  (ms)"
    )
    for label, f in filters(member_ids, today).items():
        sql, params = case_list(user=user, filters=f, today=today)[:50].query.sql_with_params()
        query = page_query(f)
        service: list[float] = []
        page: list[float] = []
        bare: list[float] = []
        for i in range(repeat + 2):
            t0 = time.perf_counter()
            rows = list(case_list(user=user, filters=f, today=today)[:50])
            t1 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                raw = cursor.fetchall()
            t2 = time.perf_counter()
            response = client.get(url, query)
            t3 = time.perf_counter()
            if i >= 2:  # the first runs warm the caches
                service.append((t1 - t0) * 1000)
                bare.append((t2 - t1) * 1000)
                page.append((t3 - t2) * 1000)
        assert len(rows) == len(raw), label
        # The page lists the same cases: the bench times the list it means to.
        assert response.status_code == 200, (label, response.status_code)
        html = response.content.decode()
        assert all(row.number in html for row in rows), label
        service_all += service
        page_all += page
        bare_all += bare
        print(
            f"{label:<24} {percentile(service, 50):9.2f} {percentile(service, 95):9.2f} "
            f"{percentile(page, 50):9.2f} {percentile(page, 95):9.2f} {percentile(bare, 95):9.2f} {len(rows):5d}"
        )
    p95s, p95p, p95b = percentile(service_all, 95), percentile(page_all, 95), percentile(bare_all, 95)
    print(
        f"{'overall':<24} {percentile(service_all, 50):9.2f} {p95s:9.2f} {percentile(page_all, 50):9.2f} {p95p:9.2f} {p95b:9.2f}"
    )
    print(
        f"p95 service {p95s:.2f} ms (target < 150 ms), p95 page {p95p:.2f} ms, p95 bare {p95b:.2f} ms, {what}"
    )
    print(f"page ratio: {p95p / p95b:.2f}")
    print(f"ratio: {p95s / p95b:.2f}")


if __name__ == "__main__":
    main()
