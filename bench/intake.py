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

from bench._django import bench_user, django_db, insert_sql

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
]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣", "大輝", "彩花", "直人", "恵美"]
PLACES = (
    "東京都世田谷区桜丘三丁目12番5号",
    "大阪府大阪市北区梅田一丁目2番2号",
    "福岡県福岡市博多区博多駅前三丁目2番8号",
    "北海道札幌市中央区大通西五丁目8番地",
)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench intake")
    parser.add_argument("--cases", type=int, default=2000)
    n = parser.parse_args(argv).cases
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
                name=f"{SURNAMES[i % 15]} {GIVEN[i % 12]}", address=PLACES[i % 4], postcode="100-0001"
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


def _plain_inserts(first_id: int) -> float:
    """executemany of the case rows the service wrote (new numbers), in one transaction."""
    from django.db import connection, transaction

    from chotei.disputes.models import Case

    table = Case._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}" WHERE id > %s ORDER BY id', [first_id])
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    keep = [i for i, c in enumerate(columns) if c != "id"]
    number = columns.index("number")
    values = [[f"B{row[i]}" if i == number else row[i] for i in keep] for row in rows]
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(insert_sql(table, [columns[i] for i in keep]), values)
    return time.perf_counter() - started


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
    inputs = _inputs(n, respondent.pk)
    first_case = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    started = time.perf_counter()
    for data in inputs:
        case_receive(actor=actor, data=data)  # type: ignore[arg-type]
    service_s = time.perf_counter() - started
    plain_s = _plain_inserts(first_case)
    per_case = {m.__name__: m.objects.count() / n for m in (CaseParty, LedgerLine, AuditEvent)}
    service_rate, plain_rate = n / service_s, n / plain_s
    print(
        f"task backend: django_tasks_db.DatabaseBackend ({DBTaskResult.objects.count()} receipt-notice tasks enqueued)"
    )
    print(f"service writes per case: 1 case, {per_case}, 1 applicant party, 1 task row, sequence update")
    print(f"service: {n} cases in {service_s:.2f} s = {service_rate:,.0f} cases/s")
    print(
        f"plain:   {n} case rows by executemany in {plain_s:.3f} s = {plain_rate:,.0f} cases/s ({connection.vendor})"
    )
    print(f"ratio: {service_rate / plain_rate:.4f}")


if __name__ == "__main__":
    main()
