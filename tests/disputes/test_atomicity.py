"""Issue #2: a change writes case, ledger line and audit event together or not at all, and two staff
saving the same case at once never overwrite each other."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, CaseNumberSequence, CaseParty, LedgerLine, Panel, PanelSeat
from chotei.disputes.services import core, intake, lifecycle, panels
from chotei.parties.models import Party
from chotei.rules.states import CaseState
from tests.disputes.conftest import version
from tests.factories import application_input

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def _explode(*args, **kwargs):
    raise Boom("failure half-way")


def _snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return (
        case.state,
        case.version,
        case.due_on,
        LedgerLine.objects.filter(case=case).count(),
        AuditEvent.objects.filter(case_id=case.pk).count(),
    )


@pytest.mark.parametrize("where", ["audit_record", "ledger_write"])
def test_step_failing_half_way_leaves_nothing(world, make_case, monkeypatch, where):
    case = make_case(CaseState.SCREENING)
    before = _snapshot(case)
    monkeypatch.setattr(core, where, _explode)
    with pytest.raises(Boom):
        lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=version(case))
    assert _snapshot(case) == before
    assert Case.objects.get(pk=case.pk).acceptance_dispatched_on is None


def test_panel_appointment_failing_half_way_leaves_no_panel(world, make_case, monkeypatch):
    case = make_case(CaseState.ACCEPTED)
    before = _snapshot(case)
    monkeypatch.setattr(core, "audit_record", _explode)
    ids, chief = world.panel_ids()
    with pytest.raises(Boom):
        panels.panel_appoint(
            actor=world.users["chair"], case_id=case.pk, version=version(case), member_ids=ids, chief_id=chief
        )
    assert _snapshot(case) == before
    assert not Panel.objects.exists() and not PanelSeat.objects.exists()


def test_recorded_change_failing_half_way_leaves_nothing(world, make_case, monkeypatch):
    case = make_case(CaseState.ACCEPTED)
    before = (_snapshot(case), case.matters_sought)
    monkeypatch.setattr(core, "ledger_write", _explode)
    with pytest.raises(Boom):
        lifecycle.case_amend(
            actor=world.staff, case_id=case.pk, version=version(case), matters_sought="変更後"
        )
    assert (_snapshot(case), Case.objects.get(pk=case.pk).matters_sought) == before
    assert not case.amendments.exists()


@pytest.mark.parametrize("where", ["audit_record", "ledger_write"])
def test_receipt_failing_half_way_leaves_no_case_party_or_number(world, monkeypatch, where):
    parties, events = Party.objects.count(), AuditEvent.objects.count()  # the cast's accounts are audited
    monkeypatch.setattr(intake, where, _explode)
    with pytest.raises(Boom):
        intake.case_receive(actor=world.staff, data=application_input())
    assert not Case.objects.exists() and not CaseParty.objects.exists()
    assert Party.objects.count() == parties
    assert not LedgerLine.objects.exists() and AuditEvent.objects.count() == events
    assert not CaseNumberSequence.objects.exists()  # the number is not used up either


def test_failed_change_queues_no_notice(world, make_case, monkeypatch, notices):
    case = make_case(CaseState.SCREENING)
    monkeypatch.setattr(core, "audit_record", _explode)
    with notices(), pytest.raises(Boom):
        lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=version(case))
    assert notices.sent == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_staff_saving_at_once_second_gets_conflict(world, make_case):
    """Both loaded version v; the row lock makes the second wait, then see v+1 and refuse."""
    case = make_case(CaseState.SCREENING)
    loaded = version(case)
    inside = threading.Event()
    release = threading.Event()
    real_ledger_write = core.ledger_write
    outcomes: dict[str, object] = {}

    def slow_ledger_write(*args, **kwargs):
        # The first saver holds the lock here until the second has tried to take it.
        if threading.current_thread().name == "first":
            inside.set()
            release.wait(10)
        return real_ledger_write(*args, **kwargs)

    def run(name, act):
        try:
            outcomes[name] = act()
        except Exception as exc:  # the outcome itself is what is asserted
            outcomes[name] = exc
        finally:
            close_old_connections()
            connection.close()

    core.ledger_write = slow_ledger_write
    try:
        first = threading.Thread(
            name="first",
            target=run,
            args=("first", lambda: lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=loaded)),
        )
        second = threading.Thread(
            name="second",
            target=run,
            args=(
                "second",
                lambda: lifecycle.case_refuse(
                    actor=world.staff, case_id=case.pk, version=loaded, ground_code="R5-1-1"
                ),
            ),
        )
        first.start()
        assert inside.wait(10)
        second.start()
        second.join(0.5)
        assert second.is_alive(), "the second save must wait on the row lock"
        release.set()
        first.join(10)
        second.join(10)
    finally:
        core.ledger_write = real_ledger_write
    assert isinstance(outcomes["first"], Case)
    assert isinstance(outcomes["second"], core.Conflict)
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and case.version == loaded + 1 and not case.refusal_ground
    # The notices the committed steps issued have their own lines; the steps are exactly these.
    steps = LedgerLine.objects.filter(case=case).exclude(action="notice")
    assert list(steps.values_list("action", flat=True)) == ["receive", "start_screening", "accept"]
