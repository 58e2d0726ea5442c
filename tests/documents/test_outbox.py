"""Issue #6 item 1: every step queues its notices inside its own transaction (an outbox on the
database task backend), and the worker issues them once per step, kind and addressee however often
the task runs (DP-05, DP-08, DP-09, DP-16..DP-19, DP-21, DP-22)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django_tasks_db.models import DBTaskResult
from tests.factories import application_input

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, LedgerLine
from chotei.disputes.services import core, intake, lifecycle, proceedings
from chotei.disputes.services.intake import PartyInput
from chotei.documents import files
from chotei.documents.models import IssuedDocument
from chotei.documents.services import case_notices
from chotei.operations import retry
from chotei.rules.states import CaseState
from chotei.rules.step_notices import BY_STEP, notices_of

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings: Any) -> None:
    """The production backend: the task row is written to the database, a worker runs it later."""
    settings.TASKS = DATABASE_TASKS


def notice_tasks() -> Any:
    """The notice tasks, not the e-mail alerts that an issued notice queues after itself (OD-01)."""
    return DBTaskResult.objects.filter(task_path__endswith=".issue_case_notices")


def queued() -> dict[int, list[str]]:
    """The queued notice tasks, by the ledger line of the step that queued them."""
    return {
        row.args_kwargs["kwargs"]["step_id"]: row.args_kwargs["kwargs"]["kinds"] for row in notice_tasks()
    }


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, interval=0)


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


@pytest.mark.django_db
def test_every_step_queues_exactly_its_notices_with_it(world: Any, database_tasks: None) -> None:
    """Driven through the real services, each step's ledger line has one task with the kinds of
    rules.step_notices, and a step that tells nobody has none — a refused amendment included."""
    staff = world.staff
    accepted = world.make_case(CaseState.ACCEPTED)
    lifecycle.case_amend(
        actor=staff, case_id=accepted.pk, version=fresh(accepted).version, matters_sought="第12級への変更"
    )
    lifecycle.case_amend(
        actor=staff,
        case_id=accepted.pk,
        version=fresh(accepted).version,
        matters_sought="別の求め",
        refuse_reason="手続を著しく遅延させる",
    )
    proceedings.further_request_create(actor=staff, case_id=accepted.pk, side="applicant", matters="診療録")
    decided = world.make_case(CaseState.RESULT_NOTIFIED)
    lifecycle.case_explain_result(
        actor=staff, case_id=decided.pk, version=fresh(decided).version, side="respondent"
    )
    for state in (CaseState.REFUSED, CaseState.TERMINATED, CaseState.WITHDRAWN):
        world.make_case(state)

    refused_amendment = LedgerLine.objects.get(action="amend", description__contains="認めない")
    expected = {
        line.pk: [k.value for k in notices_of(line.action)]
        for line in LedgerLine.objects.exclude(pk=refused_amendment.pk)
        if notices_of(line.action)
    }
    assert queued() == expected
    # Every row of the table was exercised, and the steps that tell nobody were there too.
    actions = set(LedgerLine.objects.values_list("action", flat=True))
    assert set(BY_STEP) <= actions and {"start_screening", "appoint_panel", "meeting_record"} <= actions
    explain = LedgerLine.objects.get(action="explain")
    (row,) = DBTaskResult.objects.filter(args_kwargs__kwargs__step_id=explain.pk)
    assert row.args_kwargs["kwargs"]["side"] == "respondent"


class Boom(Exception):
    pass


def _fail_after_queueing(real: Any) -> Any:
    def queue_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        assert DBTaskResult.objects.exists(), "the task row is written inside the step"
        raise Boom("failure after the notices were queued, before the commit")

    return queue_then_fail


def _fail_queueing(*args: Any, **kwargs: Any) -> Any:
    raise Boom("the task row cannot be written")


STEPS = {
    "accept": (
        CaseState.SCREENING,
        lambda w, c: lifecycle.case_accept(actor=w.staff, case_id=c.pk, version=fresh(c).version),
    ),
    "explain": (
        CaseState.RESULT_NOTIFIED,
        lambda w, c: lifecycle.case_explain_result(
            actor=w.staff, case_id=c.pk, version=fresh(c).version, side="applicant"
        ),
    ),
    "withdraw": (
        CaseState.ACCEPTED,
        lambda w, c: lifecycle.case_withdraw(actor=w.staff, case_id=c.pk, version=fresh(c).version),
    ),
}


def _record(case: Case) -> tuple[Any, ...]:
    case = fresh(case)
    return (
        case.state,
        case.version,
        LedgerLine.objects.filter(case=case).count(),
        AuditEvent.objects.filter(case_id=case.pk).count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["after_queueing", "queueing"])
@pytest.mark.parametrize("step", sorted(STEPS))
def test_step_and_its_task_row_are_written_both_or_neither(
    world: Any, monkeypatch: pytest.MonkeyPatch, database_tasks: None, step: str, failure: str
) -> None:
    state, run = STEPS[step]
    case = world.make_case(state)
    DBTaskResult.objects.all().delete()
    before = _record(case)
    injected = (
        _fail_after_queueing(core.step_notices_queue) if failure == "after_queueing" else _fail_queueing
    )
    with monkeypatch.context() as patch:
        patch.setattr(core, "step_notices_queue", injected)
        with pytest.raises(Boom):
            run(world, case)
    # Neither: the case is as it was, no ledger line, no audit event, no task.
    assert _record(case) == before and not DBTaskResult.objects.exists()
    # Both: without the failure the step and its one task commit together.
    run(world, case)
    line = LedgerLine.objects.filter(case=case, action=step).latest("id")
    assert queued() == {line.pk: [k.value for k in notices_of(step)]}


@pytest.mark.django_db
def test_receipt_and_its_task_row_are_written_both_or_neither(
    world: Any, monkeypatch: pytest.MonkeyPatch, database_tasks: None
) -> None:
    """DP-05: intake queues the receipt notice the same way."""
    monkeypatch.setattr(intake, "step_notices_queue", _fail_after_queueing(intake.step_notices_queue))
    with pytest.raises(Boom):
        intake.case_receive(actor=world.staff, data=application_input())
    assert not Case.objects.exists() and not LedgerLine.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_queueing_outside_a_transaction_is_refused(world: Any, database_tasks: None) -> None:
    from chotei.disputes.services.notify import step_notices_queue

    case = world.make_case(CaseState.RECEIVED)
    line = LedgerLine.objects.get(case=case, action="receive")
    DBTaskResult.objects.all().delete()
    with pytest.raises(RuntimeError, match="同じトランザクション"):
        step_notices_queue(line)
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_issues_a_steps_notices_once_however_often_it_runs(
    world: Any, database_tasks: None
) -> None:
    """DP-08, DP-16: a worker killed after issuing, before marking its task done, runs the task again;
    the step still has one notice per kind and addressee, one ledger line and one audit event each."""
    case = world.make_case(CaseState.ACCEPTED)
    accept = LedgerLine.objects.get(case=case, action="accept")
    run_worker()
    issued = list(IssuedDocument.objects.filter(step=accept).order_by("id").values_list("id", "kind"))
    assert [kind for _, kind in issued] == [k.value for k in notices_of("accept")]
    (task,) = DBTaskResult.objects.filter(args_kwargs__kwargs__step_id=accept.pk)
    assert task.status == "SUCCESSFUL" and task.return_value == [pk for pk, _ in issued]

    counts = (
        IssuedDocument.objects.count(),
        LedgerLine.objects.filter(action="notice").count(),
        AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_ISSUED).count(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(status="READY", finished_at=None)
    run_worker()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == [pk for pk, _ in issued]
    assert (
        IssuedDocument.objects.count(),
        LedgerLine.objects.filter(action="notice").count(),
        AuditEvent.objects.filter(event_type=AuditEvent.Type.DOCUMENT_ISSUED).count(),
    ) == counts


@pytest.mark.django_db
def test_a_second_notice_of_the_same_step_kind_and_addressee_is_refused(make_case: Any) -> None:
    """The constraint behind the worker's check: even a path that skipped it cannot store twice."""
    case = make_case(CaseState.RECEIVED)
    (doc,) = IssuedDocument.objects.filter(case=case, step__isnull=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedDocument.objects.create(
            case=case,
            step=doc.step,
            kind=doc.kind,
            addressee_side=doc.addressee_side,
            document_number="紛処第2026-999999号",
            title=doc.title,
            addressee=doc.addressee,
            channel=doc.channel,
            dispatch_date=doc.dispatch_date,
            file="issued/none.pdf",
            sha256="0" * 64,
        )


@pytest.mark.django_db(transaction=True)
def test_a_notice_that_cannot_be_issued_is_on_the_record_and_the_task_failed(
    world: Any, database_tasks: None
) -> None:
    """DP-05, DP-21, DP-22: the receipt of an applicant whose name the font lacks stores nothing;
    the failure is written as one ledger line with its audit event, naming the character."""
    applicant = PartyInput(name="𠮷田 太郎", address="東京都世田谷区桜丘三丁目12番5号", postcode="156-0054")
    case = intake.case_receive(actor=world.staff, data=application_input(applicant=applicant))
    run_worker()
    assert not IssuedDocument.objects.filter(case=case).exists()
    (task,) = notice_tasks()
    assert task.status == "FAILED"
    failed = LedgerLine.objects.get(case=case, action="notice_failed")
    assert "𠮷" in failed.description and "紛争処理申請受付通知書" in failed.description
    event = AuditEvent.objects.get(case_id=case.pk, payload__action="notice_failed")
    receive = LedgerLine.objects.get(case=case, action="receive")
    assert event.payload["step"] == receive.pk and event.payload["kinds"] == ["receipt"]
    assert "𠮷" in event.payload["error"]


def _stored_notices() -> set[str]:
    return set(files.stored_names("issued"))


@pytest.mark.django_db(transaction=True)
def test_dp22_a_transient_database_error_is_retried_and_the_notice_issued_once(
    world: Any, database_tasks: None, monkeypatch: Any, caplog: Any
) -> None:
    """DP-21, DP-22 (issue #10 item 6): the first attempt stores the receipt and then meets "database
    is locked" before its ledger line; the attempt rolls back (its file removed with it), is logged,
    and the retry issues each notice exactly once; the task ends successful."""
    case = intake.case_receive(actor=world.staff, data=application_input())
    real = case_notices.ledger_write
    calls = {"n": 0}

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(case_notices, "ledger_write", flaky)
    before = _stored_notices()
    with caplog.at_level(logging.WARNING, logger="chotei.operations.retry"):
        run_worker()
    (task,) = notice_tasks()
    assert task.status == "SUCCESSFUL"
    docs = list(IssuedDocument.objects.filter(case=case))
    sides = [(d.kind, d.addressee_side) for d in docs]
    assert docs and len(sides) == len(set(sides))
    assert LedgerLine.objects.filter(case=case, action="notice").count() == len(docs)
    # The rolled-back attempt left no file behind: the store holds exactly the issued notices' files.
    assert _stored_notices() - before == {d.file.name for d in docs}
    (retry,) = [r for r in caplog.records if "transient database error" in r.getMessage()]
    assert "attempt 1 of 5" in retry.getMessage() and "database is locked" in retry.getMessage()


@pytest.mark.django_db(transaction=True)
def test_dp22_a_refused_notice_is_not_retried(world: Any, database_tasks: None, caplog: Any) -> None:
    """DP-05, DP-22: a refusal of the notice checks (a character the font lacks) is permanent: one
    attempt, one failure on the record, no retry."""
    applicant = PartyInput(name="𠮷田 太郎", address="東京都世田谷区桜丘三丁目12番5号", postcode="156-0054")
    case = intake.case_receive(actor=world.staff, data=application_input(applicant=applicant))
    with caplog.at_level(logging.WARNING, logger="chotei.operations.retry"):
        run_worker()
    assert notice_tasks().get().status == "FAILED"
    assert LedgerLine.objects.filter(case=case, action="notice_failed").count() == 1
    assert not [r for r in caplog.records if "transient database error" in r.getMessage()]


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (OperationalError("database is locked"), True),
        (OperationalError("server closed the connection unexpectedly"), True),
        (InterfaceError("connection already closed"), True),
        (OperationalError("no such table: documents_issueddocument"), False),
        (IntegrityError("UNIQUE constraint failed"), False),
    ],
)
def test_dp22_only_transient_database_errors_count_as_transient(error: Exception, transient: bool) -> None:
    """DP-22: a lock, a lost connection are retried; a broken schema or a constraint is not."""
    assert retry.is_transient(error) is transient
