"""Intake throughput: applications received through ``services.intake.case_receive`` per second,
against plain INSERTs of the same rows (raw ``executemany``, same database, same run).

The service validates the DP-02 items, numbers the case under a row lock, writes the case, its
parties, its ledger line (DP-21) and audit event in one transaction per case, and enqueues the
receipt notice on the django-tasks **database** backend (as in production; the notice itself is
rendered later by the worker, see bench/notices.py). The baseline inserts every row the service
wrote (task rows included), one ``executemany`` per table. Last line: ``ratio: service / plain``
(target ≥ 0.2).

    python -m bench intake [--cases 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import zlib
from typing import Any

from bench._django import bench_args, bench_user, django_db, insert_sql
from bench.desk import GIVEN, SURNAMES

PLACES = (
    "東京都世田谷区桜丘三丁目12番5号",
    "大阪府大阪市北区梅田一丁目2番2号",
    "福岡県福岡市博多区博多駅前三丁目2番8号",
    "北海道札幌市中央区大通西五丁目8番地",
)
WARMUP = 20
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench intake")
    parser.add_argument("--cases", type=int, default=2000)
    n = parser.parse_args(bench_args("intake", argv)).cases
    with django_db():
        from django.test.utils import override_settings

        with override_settings(TASKS=DB_TASKS):
            run(n)


def _inputs(n: int, respondent_id: int) -> list[object]:
    from chotei.disputes.models import Case
    from chotei.disputes.services.intake import ApplicationInput, PartyInput
    from chotei.parties.models import Party
    from chotei.rules import offices

    base = dt.date(2025, 4, 1)
    return [
        ApplicationInput(
            applicant=PartyInput(
                name=f"{SURNAMES[i % len(SURNAMES)]} {GIVEN[i % len(GIVEN)]}",
                address=PLACES[i % 4],
                postcode="100-0001",
            ),
            respondent=PartyInput(
                name="あおば損害保険株式会社",
                address="東京都千代田区丸の内一丁目1番1号",
                party_id=respondent_id,
                kind=Party.Kind.ORGANIZATION,
            ),
            applicant_role="victim",
            respondent_role="insurer",
            category=Case.Category.AFTER_EFFECT,
            channel=Case.Channel.POST if i % 3 else Case.Channel.ONLINE,
            office=offices.MAIN if i % 4 else offices.BRANCH,
            applied_on=base + dt.timedelta(days=i % 300),
            received_on=base + dt.timedelta(days=i % 300 + 2),
            matters_sought="後遺障害等級を非該当から第14級9号に変更することを求める",
            issues="頚部痛の残存が「局部に神経症状を残すもの」に該当するか",
            negotiation_history="非該当の通知を受け、異議申立てをしたが判断は変わらなかった",
            claim="事故後一貫して頚部痛を訴え、約7か月間通院を継続した。神経症状が残存している",
            accident_summary="信号待ちで停車中、後続の普通乗用自動車に追突された",
            accident_date=base - dt.timedelta(days=200),
            decision_notified_on=base - dt.timedelta(days=30),
            other_bodies="なし",
        )
        for i in range(n)
    ]


def _rows_after(model: Any, first_id: Any, key: str = "id") -> tuple[list[str], list[tuple[Any, ...]]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{model._meta.db_table}" WHERE {key} > %s ORDER BY {key}', [first_id])
        return [c[0] for c in cursor.description], cursor.fetchall()


def _plain_inserts(marks: dict[str, Any]) -> tuple[float, int]:
    """The raw database doing the same work: per application, one transaction of plain INSERTs of
    every row the service wrote (case, applicant party, case parties, ledger line, audit event,
    task row) and the numbering UPDATE. Rows are copied from the service run (new keys), so the
    values, sizes and indexes are identical; only Django and the rules are missing."""
    import uuid

    from django.db import connection, transaction
    from django_tasks_db.models import DBTaskResult

    from chotei.audit.models import AuditEvent
    from chotei.disputes.models import Case, CaseNumberSequence, CaseParty, LedgerLine
    from chotei.parties.models import Party

    def plan(model: Any, mark: str, rename: dict[str, Any]) -> tuple[str, list[list[Any]], list[str]]:
        columns, rows = _rows_after(model, marks[mark])
        keep = [c for c in columns if c != "id"] if "id" not in rename else columns
        values = [[rename.get(c, lambda v, r: v)(row[columns.index(c)], row) for c in keep] for row in rows]
        return insert_sql(model._meta.db_table, keep), values, columns

    offset = 10**9  # new primary keys, so the copied rows never collide with the service's
    shift = lambda v, r: v + offset  # noqa: E731
    case_sql, cases, case_cols = plan(Case, "case", {"id": shift, "number": lambda v, r: f"B{v}"})
    office, year = case_cols.index("office"), case_cols.index("fiscal_year")
    party_sql, parties, _ = plan(Party, "party", {"id": shift})
    cp_sql, case_parties, cp_cols = plan(
        CaseParty,
        "caseparty",
        {"case_id": shift, "party_id": lambda v, r: v + offset if v > marks["party"] else v},
    )
    led_sql, ledger, _ = plan(LedgerLine, "ledger", {"case_id": shift})
    aud_sql, audit, _ = plan(AuditEvent, "audit", {"case_id": lambda v, r: v + offset if v else v})
    task_cols, task_rows = _rows_after(DBTaskResult, marks["task"], key="enqueued_at")
    task_sql = insert_sql(DBTaskResult._meta.db_table, task_cols)
    tasks = [
        [uuid.uuid4().hex if c == "id" else row[k] for k, c in enumerate(task_cols)] for row in task_rows
    ]
    seq_sql = f"UPDATE {CaseNumberSequence._meta.db_table} SET last = last + 1 WHERE office = %s AND fiscal_year = %s"
    n = len(cases)
    per_case = [len(x) // n for x in (parties, case_parties, ledger, audit, tasks)]
    # The hash chain's part of the work (issue #10): read the last link of the table, under the
    # chain's lock on PostgreSQL, before appending a ledger line or an audit event.
    chained = {led_sql: LedgerLine, aud_sql: AuditEvent}
    lock = "SELECT pg_advisory_xact_lock(%s)" if connection.vendor == "postgresql" else None
    started = time.perf_counter()
    for i, case in enumerate(cases):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(seq_sql, [case[office], case[year]])
            cursor.execute(party_sql, parties[i])
            cursor.execute(case_sql, case)
            for sql, rows, k in (
                (cp_sql, case_parties, per_case[1]),
                (led_sql, ledger, per_case[2]),
                (aud_sql, audit, per_case[3]),
                (task_sql, tasks, per_case[4]),
            ):
                for row in rows[i * k : (i + 1) * k]:
                    if sql in chained:
                        table = chained[sql]._meta.db_table
                        if lock:
                            cursor.execute(lock, [zlib.crc32(table.encode())])
                        cursor.execute(f"SELECT row_hash FROM {table} ORDER BY id DESC LIMIT 1")
                        cursor.fetchone()
                    cursor.execute(sql, row)
    return time.perf_counter() - started, sum(per_case) + 2


def run(n: int) -> None:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from chotei.audit.models import AuditEvent
    from chotei.disputes.models import Case, CaseParty, LedgerLine
    from chotei.disputes.services.intake import case_receive
    from chotei.parties.models import Organization, Party

    actor = bench_user()
    org = Organization.objects.create(name="あおば損害保険株式会社", kind=Organization.Kind.INSURER)
    respondent = Party.objects.create(
        kind=Party.Kind.ORGANIZATION,
        name=org.name,
        address="東京都千代田区丸の内一丁目1番1号",
        organization=org,
    )
    inputs = _inputs(n + WARMUP, respondent.pk)
    for data in inputs[:WARMUP]:  # first-use costs (holiday tables, query compilation) off the clock
        case_receive(actor=actor, data=data)  # type: ignore[arg-type]

    def last(model: Any, field: str = "pk") -> Any:
        return model.objects.order_by(f"-{field}").values_list(field, flat=True).first() or 0

    marks = {
        "case": last(Case),
        "party": last(Party),
        "caseparty": last(CaseParty),
        "ledger": last(LedgerLine),
        "audit": last(AuditEvent),
        "task": last(DBTaskResult, "enqueued_at"),
    }
    started = time.perf_counter()
    for data in inputs[WARMUP:]:
        case_receive(actor=actor, data=data)  # type: ignore[arg-type]
    service_s = time.perf_counter() - started
    plain_s, statements = _plain_inserts(marks)
    service_rate, plain_rate = n / service_s, n / plain_s
    print(
        f"database: {connection.vendor}; task backend: django_tasks_db.DatabaseBackend (outbox row per case)"
    )
    print(
        f"service: {n} applications via case_receive in {service_s:.2f} s = {service_rate:,.0f} cases/s "
        f"({service_s / n * 1000:.2f} ms each: validation, numbering, parties, ledger, audit, notice task)"
    )
    print(
        f"plain:   {n} applications as {statements} raw statements in one transaction each, "
        f"{plain_s:.2f} s = {plain_rate:,.0f} cases/s ({plain_s / n * 1000:.2f} ms each)"
    )
    print(f"ratio: {service_rate / plain_rate:.3f}")


if __name__ == "__main__":
    main()
