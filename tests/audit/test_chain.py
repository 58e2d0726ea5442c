"""Issue #10 item 1: the ledger (DP-21) and the audit log (DP-22) are hash-chained, the database refuses
to change them, and `chotei verify` names the first broken row or file (IM-01)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from chotei.audit import chain
from chotei.audit.models import AuditEvent
from chotei.audit.verify import records_verify
from chotei.disputes.models import Case, CaseParty, LedgerLine, Submission
from chotei.disputes.services import proceedings
from chotei.disputes.services.retention import case_records_dispose
from chotei.documents import files
from chotei.documents.files import file_write
from chotei.documents.models import IssuedDocument
from chotei.rules.states import CaseState
from tests.factories import stored_replace

pytestmark = pytest.mark.django_db


def _issued(case, number):
    name, digest = file_write("issued", b"%PDF-1.4 result " + number.encode())
    return IssuedDocument.objects.create(
        case=case,
        kind="result",
        document_number=number,
        title="審理結果通知書",
        addressee="山田 太郎",
        channel="post",
        dispatch_date=dt.date(2026, 11, 2),
        file=name,
        sha256=digest,
    )


def _linked(model):
    rows = list(model.objects.order_by("pk"))
    prev = chain.GENESIS
    for row in rows:
        assert row.prev_hash == prev
        assert row.row_hash == chain.link(prev, chain.content_of(row, model.chain_fields))
        prev = row.row_hash
    return rows


def _tamper(sql, params):
    """What someone with database access but without the application would do: drop the guard,
    change the row, put the guard back."""
    with connection.cursor() as cursor:
        for name in chain.guarded_tables():
            for suffix in ("no_update", "append_only"):
                cursor.execute(
                    f"DROP TRIGGER IF EXISTS {name}_{suffix}"
                    + (f" ON {name}" if connection.vendor == "postgresql" else "")
                )
        cursor.execute(sql, params)
    chain.install_guards()


def test_dp21_dp22_every_ledger_line_and_audit_event_is_linked_to_the_one_before(world, make_case):
    make_case(CaseState.CLOSED)
    make_case(CaseState.UNDER_REVIEW)
    assert len(_linked(LedgerLine)) > 10
    assert len(_linked(AuditEvent)) > 10
    assert records_verify().ok


@pytest.mark.parametrize(
    ("model", "change", "article"),
    [
        (LedgerLine, {"description": "改ざん"}, "令第24条"),
        (AuditEvent, {"payload": {}}, "規程第22条"),
    ],
)
def test_database_refuses_update_and_delete_of_chained_rows(world, make_case, model, change, article):
    make_case(CaseState.ACCEPTED)
    row = model.objects.order_by("pk").first()
    with pytest.raises(DatabaseError, match=article), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**change)
    with pytest.raises(DatabaseError, match=article), transaction.atomic():
        model.objects.filter(pk=row.pk)._raw_delete(connection.alias)
    assert model.objects.get(pk=row.pk).row_hash == row.row_hash


def test_verify_names_the_first_changed_ledger_line(world, make_case):
    case = make_case(CaseState.ACCEPTED)
    line = LedgerLine.objects.filter(case=case).order_by("pk")[1]
    _tamper(f"UPDATE {LedgerLine._meta.db_table} SET description = %s WHERE id = %s", ["改ざん", line.pk])
    report = records_verify()
    assert not report.ok
    assert report.problems[0].startswith(f"帳簿 第{line.pk}行（事案ID {case.pk}")
    assert "改ざん" in report.problems[0]
    with pytest.raises(CommandError, match=f"帳簿 第{line.pk}行"):
        call_command("verify")


def test_verify_names_a_removed_audit_event(world, make_case):
    make_case(CaseState.ACCEPTED)
    first, second, third = AuditEvent.objects.order_by("pk")[:3]
    with chain.erasing(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [second.pk])
    report = records_verify()
    assert f"監査ログ 第{third.pk}行" in report.problems[0]
    assert "連結が切れています" in report.problems[0]


def test_verify_names_a_changed_document_and_upload(world, make_case):
    """DP-22: a stored file altered in the documents storage is named with its row and its name."""
    case = make_case(CaseState.RESULT_NOTIFIED)
    doc = _issued(case, "紛第1号")
    stored_replace(doc, b"%PDF-1.4 forged")
    proceedings.submission_record(
        actor=world.staff,
        case_id=case.pk,
        side=CaseParty.Side.APPLICANT,
        kind="evidence",
        channel="upload",
        title="診断書",
        file_name="d.pdf",
        content=b"original",
    )
    stored_replace(Submission.objects.get(title="診断書"), b"forged")
    problems = records_verify().problems
    assert any(
        p.startswith(f"発出文書「{doc.document_number}」") and "SHA-256" in p and doc.file.name in p
        for p in problems
    )
    assert any(p.startswith("提出書類「診断書」") for p in problems)


def test_verify_names_a_missing_stored_file(world, make_case):
    """DP-22: a file gone from the documents storage (deleted or lost) is named, not skipped."""
    doc = _issued(make_case(CaseState.RESULT_NOTIFIED), "紛第1号")
    files.storage().delete(doc.file.name)
    assert records_verify().problems == [
        f"発出文書「{doc.document_number}」（ID {doc.pk}）: ファイル {doc.file.name} が保管先にありません（削除又は紛失）"
    ]


def test_retention_disposal_is_recorded_in_the_chain_and_verifies(world, make_case):
    case = make_case(CaseState.CLOSED)
    proceedings.submission_record(
        actor=world.staff,
        case_id=case.pk,
        side=CaseParty.Side.APPLICANT,
        kind="evidence",
        channel="upload",
        title="診断書",
        file_name="d.pdf",
        content=b"medical",
    )
    Case.objects.filter(pk=case.pk).update(ended_on=dt.date(2010, 4, 1))
    docs = {_issued(case, "紛第1号").pk, _issued(case, "紛第2号").pk}
    case_records_dispose(actor=world.staff, case_id=case.pk, today=dt.date(2026, 12, 4))
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.RETENTION).get()
    assert set(event.payload["document_ids"]) == docs and len(event.payload["submission_ids"]) == 1
    assert records_verify().ok
    # A file blanked without a disposal record is not a disposal.
    other = make_case(CaseState.RESULT_NOTIFIED)
    blanked = _issued(other, "紛第3号")
    IssuedDocument.objects.filter(pk=blanked.pk).update(file="")
    assert records_verify().problems == [
        f"発出文書「{blanked.document_number}」（ID {blanked.pk}）: 内容がありません（廃棄の記録なし）"
    ]


def test_verify_reports_a_missing_guard_and_records_each_run(world, make_case):
    make_case(CaseState.RECEIVED)
    table = LedgerLine._meta.db_table
    trigger = f"{table}_no_update" if connection.vendor == "sqlite" else f"{table}_append_only"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP TRIGGER {trigger}" + (f" ON {table}" if connection.vendor == "postgresql" else "")
        )
    report = records_verify()
    assert report.problems == [f"改ざん防止トリガー {trigger} がありません（chotei manage migrate で再作成）"]
    last = AuditEvent.objects.filter(event_type=AuditEvent.Type.VERIFIED).latest("pk")
    assert last.payload["ok"] is False and last.payload["problems"] == report.problems
    chain.install_guards()
    assert records_verify().ok


def test_verify_command_prints_counts(world, make_case, capsys):
    make_case(CaseState.ACCEPTED)
    call_command("verify")
    out = capsys.readouterr().out
    assert f"帳簿: {LedgerLine.objects.count()} 件を検証" in out and "検証結果: 異常なし" in out


def test_auditor_page_shows_the_last_verification(world, make_case, client):
    from chotei.audit.verify import records_verify as verify

    client.force_login(world.users["auditor"])
    assert "まだ検証されていません" in client.get("/desk/audit/").content.decode()
    make_case(CaseState.ACCEPTED)
    verify()
    text = client.get("/desk/audit/").content.decode()
    assert "最終検証" in text and "異常なし" in text and "帳簿 3件" in text
