"""``chotei retention`` (DP-20, 令16条; DP-21, 令24条3項)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, CaseParty, LedgerLine, Meeting, Submission
from chotei.disputes.services import proceedings
from chotei.documents import files
from chotei.documents.files import file_write
from chotei.documents.models import IssuedDocument
from chotei.rules.states import CaseState
from tests.factories import stored

pytestmark = pytest.mark.django_db


def _ended(make_case: Any, world: Any, ended_on: dt.date) -> Case:
    case = make_case(CaseState.CLOSED)
    proceedings.submission_record(
        actor=world.staff,
        case_id=case.pk,
        side=CaseParty.Side.APPLICANT,
        kind="evidence",
        channel="upload",
        title="診断書",
        file_name="d.pdf",
        content=b"secret medical record",
    )
    IssuedDocument.objects.create(
        case=case,
        kind="result",
        document_number=f"D-{case.pk}",
        title="審理結果通知書",
        addressee="山田 太郎",
        channel="post",
        dispatch_date=ended_on,
        file=file_write("issued", b"%PDF-1.4 result")[0],
        sha256="0" * 64,
    )
    Case.objects.filter(pk=case.pk).update(ended_on=ended_on)
    return case


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_dp20_only_records_past_ten_years_are_disposed_and_ledger_kept(
    world: Any, make_case: Any, today: dt.date, django_capture_on_commit_callbacks: Any
) -> None:
    ten_years_ago = (
        today.replace(year=today.year - 10)
        if (today.month, today.day) != (2, 29)
        else today - dt.timedelta(days=3653)
    )
    old = _ended(make_case, world, ten_years_ago - dt.timedelta(days=1))
    last_day = _ended(make_case, world, ten_years_ago)  # its retention runs out at the end of today
    ledger_before = LedgerLine.objects.count()

    listing = _run()
    assert old.number in listing and last_day.number not in listing
    assert stored(Submission.objects.get(case=old)) is not None  # nothing disposed without --apply
    old_files = [Submission.objects.get(case=old).file.name, IssuedDocument.objects.get(case=old).file.name]

    with django_capture_on_commit_callbacks(execute=True):
        _run("--apply")
    assert Submission.objects.get(case=old, kind="evidence").file.name == ""
    assert Submission.objects.get(case=old, kind="evidence").sha256  # tombstone keeps the digest
    assert IssuedDocument.objects.get(case=old).file.name == ""
    # DP-20: the stored files themselves are gone from the documents storage, once committed.
    assert not any(files.storage().exists(name) for name in old_files)
    assert Meeting.objects.get(case=old).minutes.startswith("【保存期間満了により廃棄】")
    assert stored(Submission.objects.get(case=last_day, kind="evidence")) == b"secret medical record"
    assert stored(IssuedDocument.objects.get(case=last_day)) == b"%PDF-1.4 result"
    assert "【" not in Meeting.objects.get(case=last_day).minutes
    # DP-21: the ledger is never disposed of.
    assert LedgerLine.objects.count() == ledger_before
    assert LedgerLine.objects.filter(case=old).exists()
    event = AuditEvent.objects.get(event_type=AuditEvent.Type.RETENTION)
    assert event.case_id == old.pk and event.payload["submissions"] == 1
    # A second run finds nothing left to dispose.
    assert "0 件" in _run("--apply")


def test_dp20_open_case_never_listed(world: Any, make_case: Any) -> None:
    case = make_case(CaseState.UNDER_REVIEW)
    assert case.number not in _run("--apply")
