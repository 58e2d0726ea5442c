"""Ledger export at scale (DP-21): one fiscal year's 帳簿 to CSV through ``ledger_export`` against
the bare SELECT of the same data (cases ⋈ parties ⋈ ledger lines) written with ``csv.writer``.

N cases (default 100,000) received in FY2025, each with its applicant and respondent, an agent for
some, and the ledger lines of its history. Last line ``ratio: export seconds / bare seconds``
(target ≤ 3).

    python -m bench ledger [--cases 100000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import tempfile
import time
import types

from bench._django import bench_args, django_db, insert_sql
from bench.desk import BATCH, case_columns, case_rows

FISCAL_YEAR = 2025
HISTORY = (
    ("receive", "申請受付（郵送、規程第4条）", "received"),
    ("start_screening", "受理審査開始（規程第5条第1項）", "screening"),
    ("accept", "受理（規程第5条第3項）", "accepted"),
    ("appoint_panel", "紛争処理委員会を指名（法第23条の7）", "under_review"),
    ("submission", "被申請人の主張書面・答弁書を受領: 答弁書（郵送）", "under_review"),
    ("meeting_record", "期日調書を作成（出席 3 名、規程第12条）", "under_review"),
    ("record_result", "審理結果「非変更」を通知（規程第16条）", "result_notified"),
    ("close", "終了（規程第16条）", "closed"),
)
STEPS = {"received": 1, "screening": 2, "accepted": 3, "under_review": 6, "result_notified": 7, "closed": 8}
MEMBERS = "青木 正信（主任）、高野 修、福田 陽子"

# One row per ledger line with both parties (and the applicant's agent) beside it.
BARE_SQL = """
SELECT c.number, c.received_on, c.office, c.state, c.result, p.name, p.address, a.name, a.address,
       r.name, r.address, l."on", l.action, l.members, l.party_cost_yen
FROM disputes_case c
JOIN disputes_caseparty cp ON cp.case_id = c.id AND cp.side = 'applicant'
JOIN parties_party p ON p.id = cp.party_id
LEFT JOIN parties_party a ON a.id = cp.agent_id
JOIN disputes_caseparty cr ON cr.case_id = c.id AND cr.side = 'respondent'
JOIN parties_party r ON r.id = cr.party_id
JOIN disputes_ledgerline l ON l.case_id = c.id
WHERE c.fiscal_year = %s
ORDER BY c.received_on, c.id, l.id
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench ledger")
    parser.add_argument("--cases", type=int, default=100_000)
    n = parser.parse_args(bench_args("ledger", argv)).cases
    with django_db() as vendor:
        run(n, vendor)


def load(n: int) -> int:
    """Bulk-load n cases of FY2025 with parties and ledger lines; returns the ledger line count."""
    from django.db import connection, transaction
    from django.utils import timezone

    from chotei.audit import chain
    from chotei.disputes.models import Case, CaseParty, LedgerLine
    from chotei.parties.models import Party

    now = timezone.now()
    party_cols = ["id", "kind", "name", "postcode", "address", "phone", "email", "needs_care", "created_at"]
    case_sql = insert_sql(Case._meta.db_table, ["id", *case_columns()])
    party_sql = insert_sql(Party._meta.db_table, party_cols)
    cp_sql = insert_sql(CaseParty._meta.db_table, ["case_id", "side", "party_id", "role", "agent_id"])
    line_cols = ["case_id", "on", "at", "action", "description", "state", "members", "party_cost_yen"]
    line_sql = insert_sql(LedgerLine._meta.db_table, [*line_cols, "prev_hash", "row_hash"])
    prev_hash = chain.GENESIS
    rng = random.Random(11)
    insurer = 1
    lines_total = 0
    rows = case_rows(n, dt.date(FISCAL_YEAR + 1, 3, 31), rng, start=dt.date(FISCAL_YEAR, 4, 1))
    next_id = 1
    with connection.cursor() as cursor:
        cursor.execute(
            party_sql,
            [
                insurer,
                "organization",
                "あおば損害保険株式会社",
                "100-0005",
                "東京都千代田区丸の内一丁目1番1号",
                "",
                "",
                False,
                now,
            ],
        )
        while True:
            batch = [r for _, r in zip(range(BATCH), rows, strict=False)]
            if not batch:
                break
            cases, parties, roles, lines = [], [], [], []
            for k, (values, state) in enumerate(batch):
                cid = next_id + k
                cases.append([cid, *values])
                received = values[case_columns().index("received_on")]
                # Party ids: 2·cid for the applicant, 2·cid + 1 for an agent where there is one.
                name = values[case_columns().index("applicant_name")]
                parties.append(
                    [
                        2 * cid,
                        "person",
                        name,
                        "156-0054",
                        "東京都世田谷区桜丘三丁目12番5号",
                        "",
                        "",
                        False,
                        now,
                    ]
                )
                agent = None
                if cid % 3 == 0:
                    agent = 2 * cid + 1
                    parties.append(
                        [
                            agent,
                            "person",
                            "弁護士 中島 陽介",
                            "100-0005",
                            "東京都千代田区丸の内二丁目2番3号",
                            "",
                            "",
                            False,
                            now,
                        ]
                    )
                roles.append([cid, "applicant", 2 * cid, "victim", agent])
                roles.append([cid, "respondent", insurer, "insurer", None])
                steps = HISTORY[: STEPS.get(state, 3)]
                for j, (action, text, after) in enumerate(steps):
                    cost = 55000 if action == "meeting_record" and cid % 20 == 0 else 0
                    lines.append(
                        [
                            cid,
                            received + dt.timedelta(days=9 * j),
                            now,
                            action,
                            text,
                            after,
                            MEMBERS if j >= 3 else "",
                            cost,
                        ]
                    )
            for line in lines:  # linked as the service links them, so `chotei verify` passes
                row = types.SimpleNamespace(**dict(zip(line_cols, line, strict=True)), actor_id=None)
                line += [prev_hash, chain.link(prev_hash, chain.content_of(row, LedgerLine.chain_fields))]
                prev_hash = line[-1]
            with transaction.atomic():
                cursor.executemany(case_sql, cases)
                cursor.executemany(party_sql, parties)
                cursor.executemany(cp_sql, roles)
                cursor.executemany(line_sql, lines)
            lines_total += len(lines)
            next_id += len(batch)
        cursor.execute("ANALYZE")
    return lines_total


def bare(path: str) -> int:
    from django.db import connection

    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out, connection.cursor() as cursor:
        writer = csv.writer(out, lineterminator="\n")
        cursor.execute(BARE_SQL, [FISCAL_YEAR])
        while chunk := cursor.fetchmany(2000):
            writer.writerows(chunk)
            n += len(chunk)
    return n


def run(n: int, vendor: str) -> None:
    from chotei.disputes.ledger_export import ledger_export

    started = time.perf_counter()
    lines = load(n)
    print(f"loaded {n:,} cases, {lines:,} ledger lines in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        export_path, bare_path = os.path.join(tmp, "ledger.csv"), os.path.join(tmp, "bare.csv")
        timings: dict[str, list[float]] = {"export": [], "bare": []}
        for _ in range(2):
            t0 = time.perf_counter()
            with open(export_path, "w", encoding="utf-8", newline="") as out:
                cases = ledger_export(actor=None, fiscal_year=FISCAL_YEAR, fmt="csv", out=out)
            t1 = time.perf_counter()
            rows = bare(bare_path)
            t2 = time.perf_counter()
            timings["export"].append(t1 - t0)
            timings["bare"].append(t2 - t1)
        export_s, bare_s = min(timings["export"]), min(timings["bare"])
        size = os.path.getsize(export_path) / 1e6
    assert cases == n, (cases, n)
    print(
        f"export: {cases:,} cases ({size:.1f} MB CSV) in {export_s:.2f} s = {cases / export_s:,.0f} cases/s"
    )
    print(f"bare:   {rows:,} joined rows written in {bare_s:.2f} s ({vendor})")
    print(f"ratio: {export_s / bare_s:.2f}")


if __name__ == "__main__":
    main()
