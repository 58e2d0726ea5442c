"""Receiving an application (DP-01..DP-05, DP-24, DP-25) through case_receive."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from chotei import clock
from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.disputes.models import Case, CaseNumberSequence, CaseParty, LedgerLine
from chotei.disputes.services.intake import PartyInput, case_receive
from chotei.parties.models import Party
from chotei.rules import offices
from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.states import STEP_TARGET_BUSINESS_DAYS, CaseState
from tests.factories import application_input

TOKYO = ZoneInfo("Asia/Tokyo")

pytestmark = pytest.mark.django_db


def test_dp02_complete_application_is_registered_with_every_item(world):
    case = case_receive(actor=world.staff, data=application_input(other_facts="診断書あり"))
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    assert case.matters_sought.startswith("後遺障害等級を非該当から")
    assert case.issues and case.negotiation_history and case.claim and case.accident_summary
    assert case.applied_on == dt.date(2026, 10, 1)
    assert case.other_bodies == "なし"
    assert case.other_facts == "診断書あり"
    applicant = case.party(CaseParty.Side.APPLICANT)
    respondent = case.party(CaseParty.Side.RESPONDENT)
    assert applicant.party.name == "山田 太郎" and applicant.party.address.startswith("東京都世田谷区")
    assert respondent.party.organization == world.insurer
    assert (case.applicant_name, case.respondent_name) == ("山田 太郎", "あおば損害保険株式会社")


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("matters_sought", "紛争処理を求める事項"),
        ("issues", "紛争の問題点"),
        ("accident_summary", "事故の状況の概要"),
        ("other_bodies", "他の機関における法律相談"),
        ("applied_on", "申請の年月日"),
    ],
)
def test_dp02_missing_item_is_refused_naming_the_item(world, field, label):
    value = None if field == "applied_on" else "　"  # a full-width blank is still blank
    with pytest.raises(MissingItems) as exc:
        case_receive(actor=world.staff, data=application_input(**{field: value}))
    assert label in str(exc.value)
    assert "令第13条" in str(exc.value) or "規程第4条第1項第6号" in str(exc.value)
    assert exc.value.problems[0][0] == field
    assert not Case.objects.exists()


def test_dp02_missing_party_address_and_agent_items_are_all_named(world):
    data = application_input(
        applicant=PartyInput(name="山田 太郎", address=""),
        applicant_agent=PartyInput(name="弁護士 木村 修", address=""),
    )
    with pytest.raises(MissingItems) as exc:
        case_receive(actor=world.staff, data=data)
    fields = [f for f, _, _ in exc.value.problems]
    assert fields == ["applicant_address", "applicant_agent_address"]
    assert "申請人の代理人の住所" in str(exc.value)


def test_dp02_agent_is_recorded_with_name_and_address(world):
    data = application_input(applicant_agent=PartyInput(name="弁護士 木村 修", address="東京都港区芝公園1-1"))
    case = case_receive(actor=world.staff, data=data)
    agent = CaseParty.objects.get(case=case, side=CaseParty.Side.APPLICANT).agent
    assert (agent.name, agent.address) == ("弁護士 木村 修", "東京都港区芝公園1-1")


def test_dp01_no_payment_decision_notified_is_out_of_scope(world):
    with pytest.raises(RuleViolation) as exc:
        case_receive(actor=world.staff, data=application_input(decision_notified_on=None))
    assert "規程第2条第2項第1号" in str(exc.value)
    assert exc.value.field == "decision_notified_on"


def test_dp01_negotiator_case_needs_the_insurers_consent(world):
    data = application_input(decision_notified_on=None, negotiator_case=True, negotiator_consent=False)
    with pytest.raises(RuleViolation, match="規程第2条第2項第2号"):
        case_receive(actor=world.staff, data=data)
    data = application_input(decision_notified_on=None, negotiator_case=True, negotiator_consent=True)
    assert case_receive(actor=world.staff, data=data).negotiator_case is True


@pytest.mark.parametrize("role", ["insurer", "coop", "insured", "coop_insured", "victim"])
def test_dp04_each_party_named_by_the_act_may_apply(world, role):
    # An insurer or co-op applies as the organisation registered as such (DP-02).
    org = {"insurer": world.insurer, "coop": world.coop}.get(role)
    applicant = PartyInput(name=org.name, address=org.address) if org else application_input().applicant
    case = case_receive(actor=world.staff, data=application_input(applicant_role=role, applicant=applicant))
    assert case.applicant_role == role
    assert case.parties.get(side="applicant").party.organization == org


def test_dp04_other_applicants_are_refused_citing_ordinance_14(world):
    with pytest.raises(RuleViolation) as exc:
        case_receive(actor=world.staff, data=application_input(applicant_role="garage"))
    assert "令第14条" in str(exc.value)
    with pytest.raises(RuleViolation, match="令第14条"):
        case_receive(actor=world.staff, data=application_input(respondent_role="garage"))
    assert not Case.objects.exists()


@pytest.mark.parametrize("channel", [Case.Channel.POST, Case.Channel.ONLINE])
def test_dp03_application_arrives_by_post_or_electronically(world, channel):
    # OD-01: paper stays possible beside the portal.
    case = case_receive(actor=world.staff, data=application_input(channel=channel))
    line = LedgerLine.objects.get(case=case)
    assert Case.Channel(channel).label in line.description


def test_dp03_unknown_channel_is_refused(world):
    with pytest.raises(RuleViolation, match="規程第4条第2項"):
        case_receive(actor=world.staff, data=application_input(channel="fax"))


def test_dp05_other_party_is_notified_after_commit(world, notices):
    with notices():
        case = case_receive(actor=world.staff, data=application_input())
    assert notices.sent == [(case.pk, ["receipt"], {})]


def test_dp05_refused_application_notifies_nobody(world, notices):
    with notices(), pytest.raises(MissingItems):
        case_receive(actor=world.staff, data=application_input(claim=""))
    assert notices.sent == []


def test_dp24_numbering_per_office_and_fiscal_year(world):
    def number(office, received):
        # Received on that day, as the receipt date may not be in the future (DP-02).
        with clock.replaying_at(dt.datetime(received.year, received.month, received.day, 10, tzinfo=TOKYO)):
            return case_receive(
                actor=world.staff, data=application_input(office=office, received_on=received)
            ).number

    assert number(offices.MAIN, dt.date(2026, 10, 2)) == "2026東第00001号"
    assert number(offices.MAIN, dt.date(2026, 10, 3)) == "2026東第00002号"
    assert number(offices.BRANCH, dt.date(2026, 10, 3)) == "2026阪第00001号"
    # GV-01: 31 March still belongs to the fiscal year that began the previous April.
    assert number(offices.MAIN, dt.date(2027, 3, 31)) == "2026東第00003号"
    assert number(offices.MAIN, dt.date(2027, 4, 1)) == "2027東第00001号"
    assert Case.objects.get(number="2027東第00001号").fiscal_year == 2027
    assert CaseNumberSequence.objects.get(office=offices.BRANCH, fiscal_year=2026).last == 1


def test_dp24_unknown_office_is_refused_naming_the_rule(world):
    with pytest.raises(RuleViolation) as exc:
        case_receive(actor=world.staff, data=application_input(office="nagoya"))
    assert "規程第7条" in str(exc.value) and exc.value.field == "office"
    assert not CaseNumberSequence.objects.exists()


def test_dp25_received_case_is_due_in_business_days(world):
    # Friday 24 April 2026: five business days skip 29 April and 4-6 May.
    case = case_receive(actor=world.staff, data=application_input(received_on=dt.date(2026, 4, 24)))
    assert STEP_TARGET_BUSINESS_DAYS[CaseState.RECEIVED] == 5
    assert case.due_on == dt.date(2026, 5, 7)


def test_dp21_receipt_date_is_the_first_ledger_line(world):
    case = case_receive(actor=world.staff, data=application_input(received_on=dt.date(2026, 10, 5)))
    line = LedgerLine.objects.get(case=case)
    assert (line.on, line.action, line.state) == (dt.date(2026, 10, 5), "receive", CaseState.RECEIVED)
    assert "規程第4条" in line.description and line.actor == world.staff
    assert case.received_on == dt.date(2026, 10, 5)
    event = AuditEvent.objects.get(case_id=case.pk)
    assert event.event_type == AuditEvent.Type.CASE_CREATED and event.payload["number"] == case.number


def test_full_width_input_is_stored_nfkc_normalised(world):
    data = application_input(
        applicant=PartyInput(
            name="ﾔﾏﾀﾞ　ﾀﾛｳ", address="東京都世田谷区桜丘３丁目１２番５号", postcode="１５６－００５４"
        ),
        matters_sought="後遺障害等級を第１４級９号に変更",
    )
    case = case_receive(actor=world.staff, data=data)
    party = case.party(CaseParty.Side.APPLICANT).party
    assert party.name == "ヤマダ タロウ" == case.applicant_name
    assert party.address == "東京都世田谷区桜丘3丁目12番5号"
    assert party.postcode == "156-0054"
    assert case.matters_sought == "後遺障害等級を第14級9号に変更"


@pytest.mark.parametrize("role", ["member", "insurer", "auditor", "admin"])
def test_im01_only_operators_receive_applications(world, role):
    with pytest.raises(NotPermitted):
        case_receive(actor=world.users[role], data=application_input())
    assert not Case.objects.exists() and Party.objects.count() == 2
