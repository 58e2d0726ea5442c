"""An insurer or co-op party is its registered organisation (DP-02, DP-04), so the panel conflict
check (DP-11, CM-05: 法第23条の7第2項, 規程第12条) sees a member's interest in it."""

from __future__ import annotations

import datetime as dt

import pytest

from chotei.committee import services as committee
from chotei.committee.models import InterestDeclaration
from chotei.disputes.models import Case, CaseParty, Panel
from chotei.disputes.services import lifecycle, panels
from chotei.disputes.services.intake import PartyInput, case_receive
from chotei.parties.linking import link_parties_by_name
from chotei.parties.models import Organization, Party
from chotei.rules import panel as panel_rules
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from tests.disputes.conftest import version
from tests.factories import application_input

pytestmark = pytest.mark.django_db

TYPED = "あおば　損害保険（株）"
ADDRESS = "東京都千代田区丸の内一丁目1番1号 損害サービス部"


def _typed_in(world, name=TYPED, role="insurer", **party):
    return application_input(respondent=PartyInput(name=name, address=ADDRESS, **party), respondent_role=role)


def _declare_employer(world, member):
    InterestDeclaration.objects.create(
        member=member,
        kind=InterestDeclaration.Kind.EMPLOYER,
        organization=world.insurer,
        description="あおば損害保険株式会社に勤務",
        declared_on=dt.date(2026, 4, 1),
    )


def _accepted(world, data):
    case = case_receive(actor=world.staff, data=data)
    lifecycle.case_start_screening(actor=world.staff, case_id=case.pk, version=version(case))
    lifecycle.case_accept(actor=world.staff, case_id=case.pk, version=version(case))
    return case


def test_dp02_typed_in_insurer_is_linked_to_the_registered_organisation(world):
    case = case_receive(actor=world.staff, data=_typed_in(world))
    party = case.parties.get(side=CaseParty.Side.RESPONDENT).party
    assert party.organization == world.insurer and party.kind == Party.Kind.ORGANIZATION
    # Notices print the registered name; the address the clerk gave stands.
    assert party.name == case.respondent_name == "あおば損害保険株式会社"
    assert party.address == ADDRESS


def test_dp11_cm05_member_employed_by_the_typed_in_insurer_is_refused(world):
    _declare_employer(world, world.members["伊藤"])
    case = _accepted(world, _typed_in(world))
    m = world.members
    with pytest.raises(panel_rules.PanelViolation) as exc:
        panels.panel_appoint(
            actor=world.users["chair"],
            case_id=case.pk,
            version=version(case),
            member_ids=[m["高橋"].pk, m["田中"].pk, m["伊藤"].pk],
            chief_id=m["高橋"].pk,
        )
    message = str(exc.value)
    assert message.startswith("法第23条の7第2項") and "規程第12条" in message
    assert "伊藤 直子: 当事者（被申請人 あおば損害保険株式会社）との利害関係の申告あり" in exc.value.problems
    assert exc.value.field == "members" and exc.value.obligation == "DP-11"
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED and not Panel.objects.exists()


def test_dp11_suggestions_and_the_emergency_appointee_exclude_the_conflicted(world):
    """CM-04's emergency appointee sits at once, so their declared interest must already bar them."""
    outcome = committee.appointment_request(
        actor=world.users["chair"],
        kind="appoint",
        effective_on=dt.date(2026, 10, 1),
        reason="急病の委員の代わり",
        career="弁護士（元あおば損害保険株式会社 社内弁護士）",
        name="石井 大輔",
        office="tokyo",
        qualification=panel_rules.LAWYER,
        emergency=True,
    )
    newcomer = outcome.appointment.member
    _declare_employer(world, newcomer)
    _declare_employer(world, world.members["高橋"])
    case = _accepted(world, _typed_in(world))
    proposals = panels.panel_suggest(case_id=case.pk)
    assert proposals
    seated = {member.id for p in proposals for member in p.members}
    assert newcomer.pk not in seated and world.members["高橋"].pk not in seated
    m = world.members
    with pytest.raises(
        panel_rules.PanelViolation, match="石井 大輔: 当事者（被申請人 あおば損害保険株式会社）"
    ):
        panels.panel_appoint(
            actor=world.users["chair"],
            case_id=case.pk,
            version=version(case),
            member_ids=[newcomer.pk, m["田中"].pk, m["伊藤"].pk],
            chief_id=newcomer.pk,
        )


def test_dp02_unknown_insurer_is_refused_naming_the_field_and_nothing_is_written(world):
    parties = Party.objects.count()
    with pytest.raises(RuleViolation) as exc:
        case_receive(actor=world.staff, data=_typed_in(world, name="ひかり損害保険株式会社"))
    assert exc.value.field == "respondent_name" and exc.value.obligation == "DP-02"
    assert str(exc.value).startswith(
        "令第13条第1号により相手方「ひかり損害保険株式会社」は保険会社として登録されていません"
    )
    assert "先に組織の登録で保険会社を登録" in str(exc.value)
    assert not Case.objects.exists() and Party.objects.count() == parties


def test_dp02_a_name_two_registered_organisations_share_is_refused(world):
    Organization.objects.create(name="あおば損害保険（株）", kind=Organization.Kind.INSURER)
    with pytest.raises(RuleViolation, match="複数あります") as exc:
        case_receive(actor=world.staff, data=_typed_in(world, name="あおば損害保険"))
    assert exc.value.field == "respondent_organization"
    assert not Case.objects.exists()


def test_dp04_role_follows_the_registered_kind(world):
    with pytest.raises(
        RuleViolation, match="保険会社として登録されているため、共済組合の立場にはなれません"
    ) as exc:
        case_receive(actor=world.staff, data=_typed_in(world, role="coop"))
    assert exc.value.field == "respondent_role" and exc.value.obligation == "DP-04"
    # A registered insurer cannot be a victim either.
    with pytest.raises(RuleViolation, match="被害者の立場にはなれません") as exc:
        case_receive(
            actor=world.staff, data=_typed_in(world, role="victim", organization_id=world.insurer.pk)
        )
    assert exc.value.field == "respondent_role"
    assert not Case.objects.exists()


def test_dp04_a_person_cannot_be_in_an_insurers_role(world):
    with pytest.raises(RuleViolation, match="相手方が個人の場合、保険会社の立場にはなれません") as exc:
        case_receive(actor=world.staff, data=_typed_in(world, kind=Party.Kind.PERSON))
    assert exc.value.field == "respondent_kind"
    assert not Case.objects.exists()


def test_dp02_migration_links_typed_in_insurers_and_reports_the_rest(world):
    linked = case_receive(actor=world.staff, data=_typed_in(world))
    unknown = case_receive(actor=world.staff, data=_typed_in(world, name="みなと共済協同組合", role="coop"))
    # As before DP-02 required the link: typed names, no organisation.
    typed = linked.parties.get(side=CaseParty.Side.RESPONDENT).party
    Party.objects.filter(pk=typed.pk).update(organization=None, kind=Party.Kind.PERSON, name=TYPED)
    coop_party = unknown.parties.get(side=CaseParty.Side.RESPONDENT).party
    Party.objects.filter(pk=coop_party.pk).update(organization=None, name="ひかり交通共済")
    victim = linked.parties.get(side=CaseParty.Side.APPLICANT).party

    unlinked = link_parties_by_name(Party, Organization)

    typed.refresh_from_db()
    assert typed.organization == world.insurer and typed.kind == Party.Kind.ORGANIZATION
    assert typed.name == TYPED  # what was printed on past notices stays as it was
    assert unlinked == [f"当事者 {coop_party.pk}「ひかり交通共済」: 該当する登録組織がありません"]
    assert Party.objects.get(pk=coop_party.pk).organization is None
    assert Party.objects.get(pk=victim.pk).organization is None
    # Linked, its conflicted member is now caught.
    assert f"org:{world.insurer.pk}" in panels.party_keys(linked)
