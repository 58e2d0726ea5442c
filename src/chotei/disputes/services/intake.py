"""受付 — receiving an application (DP-01..DP-05, 令13条, 規程4条)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction

from chotei import clock
from chotei.accounts.permissions import Actor, NotPermitted, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, CaseNumberSequence, CaseParty
from chotei.disputes.services import guards
from chotei.disputes.services.core import NotFound, fiscal_year_of, ledger_write, step_due, today
from chotei.disputes.services.notify import step_notices_queue
from chotei.disputes.services.party_links import Linked, PartyInput, link
from chotei.parties.models import Party
from chotei.parties.services import organization_register
from chotei.rules import application, offices, screening
from chotei.rules.articles import ordinance, rules
from chotei.rules.errors import RuleViolation
from chotei.rules.states import CaseState
from chotei.rules.step_notices import RECEIVE
from chotei.sequences import next_value


@dataclasses.dataclass
class ApplicationInput:
    """An application's DP-02 items as filed, by post or online."""

    applicant: PartyInput
    respondent: PartyInput
    applicant_role: str
    respondent_role: str
    category: str
    channel: str
    office: str
    applied_on: dt.date | None
    matters_sought: str
    issues: str
    negotiation_history: str
    claim: str
    accident_summary: str
    other_bodies: str
    accident_date: dt.date | None = None
    other_facts: str = ""
    decision_notified_on: dt.date | None = None
    negotiator_case: bool = False
    negotiator_consent: bool = False
    applicant_agent: PartyInput | None = None
    respondent_agent: PartyInput | None = None
    received_on: dt.date | None = None
    screening_answers: dict[str, bool] = dataclasses.field(default_factory=dict)
    applicant_kana: str = ""

    def rule_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            k: getattr(self, k)
            for k in (
                "applicant_role",
                "applied_on",
                "matters_sought",
                "issues",
                "negotiation_history",
                "claim",
                "accident_summary",
                "other_bodies",
                "decision_notified_on",
                "negotiator_case",
                "negotiator_consent",
            )
        }
        data.update(
            applicant_name=self.applicant.name,
            applicant_address=self.applicant.address,
            respondent_name=self.respondent.name,
            respondent_address=self.respondent.address,
        )
        for side in ("applicant", "respondent"):
            agent = getattr(self, f"{side}_agent")
            if agent is not None:
                data[f"{side}_agent"] = True
                data[f"{side}_agent_name"] = agent.name
                data[f"{side}_agent_address"] = agent.address
        return data

    def fact_data(self, received: dt.date) -> dict[str, Any]:
        """What check_facts reads: the dates, and each party's postal code and address."""
        data: dict[str, Any] = {
            "accident_date": self.accident_date,
            "decision_notified_on": self.decision_notified_on,
            "applied_on": self.applied_on,
            "received_on": received,
        }
        for key, who in (
            ("applicant", "申請人"),
            ("respondent", "相手方"),
            ("applicant_agent", "申請人の代理人"),
            ("respondent_agent", "相手方の代理人"),
        ):
            party = getattr(self, key)
            if party is not None and party.party_id is None:
                # A registered party's address was checked when it was registered.
                data.update(
                    {f"{key}_who": who, f"{key}_postcode": party.postcode, f"{key}_address": party.address}
                )
        return data


def _normalized(data: ApplicationInput) -> ApplicationInput:
    """NFKC every text so full-width digits and half-width kana are stored one way."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        if isinstance(value, str):
            changes[f.name] = application.normalize(value)
        elif isinstance(value, PartyInput):
            changes[f.name] = dataclasses.replace(
                value,
                name=application.normalize(value.name),
                address=application.normalize(value.address),
                postcode=application.normalize(value.postcode),
            )
    return dataclasses.replace(data, **changes)


def _check_choices(data: ApplicationInput) -> None:
    """Coded fields the forms and the API pass through must be ones the register knows, else the
    case number (DP-24) or the ledger (DP-21) would be written with a code nobody can read."""
    if data.office not in offices.OFFICE_SHORT:
        raise RuleViolation(
            f"担当事務所「{data.office}」は本部又は大阪支部ではありません",
            rules("第7条", "DP-24"),
            field="office",
        )
    if data.channel not in Case.Channel.values:
        raise RuleViolation(
            "申請は郵送又は電子の方法によります", rules("第4条第2項", "DP-03"), field="channel"
        )
    if data.category not in Case.Category.values:
        raise RuleViolation(
            f"事案の類型「{data.category}」は定められていません", rules("第2条", "DP-01"), field="category"
        )
    if data.respondent_role not in {r.value for r in application.PartyRole}:
        raise RuleViolation(
            "相手方は保険会社、共済組合、被保険者、被共済者又は被害者でなければなりません",
            ordinance("第14条", "DP-04"),
            field="respondent_role",
        )


def _linked(data: ApplicationInput) -> tuple[ApplicationInput, dict[str, Linked]]:
    """Every party linked to its registered organisation before anything is written (DP-02, DP-11)."""
    roles = {"applicant": data.applicant_role, "respondent": data.respondent_role}
    linked: dict[str, Linked] = {}
    for side, role in roles.items():
        linked[side] = link(side, role, getattr(data, side))
        agent = getattr(data, f"{side}_agent")
        if agent is not None:
            linked[f"{side}_agent"] = link(f"{side}_agent", "", agent)
    replaced: dict[str, Any] = {k: v.data for k, v in linked.items()}
    return dataclasses.replace(data, **replaced), linked


def _party(linked: Linked) -> Party:
    data = linked.data
    if linked.party is not None:
        return linked.party
    if data.party_id is not None:
        try:
            return Party.objects.get(pk=data.party_id)
        except Party.DoesNotExist as exc:
            raise NotFound(f"登録済みの当事者 {data.party_id} は見つかりません") from exc
    organization_id = data.organization_id
    if linked.new_kind:
        organization_id = organization_register(
            name=data.name, kind=linked.new_kind, address=data.address, postcode=data.postcode
        ).pk
    return Party.objects.create(
        name=data.name,
        address=data.address,
        kind=data.kind or Party.Kind.PERSON,
        postcode=data.postcode,
        organization_id=organization_id,
    )


def next_case_number(office: str, fiscal_year: int) -> str:
    """The next number of the office's fiscal year (DP-24)."""
    last = next_value(CaseNumberSequence, office=office, fiscal_year=fiscal_year)
    return f"{fiscal_year}{offices.OFFICE_SHORT[office]}第{last:05d}号"


def case_receive(*, actor: Actor, data: ApplicationInput) -> Case:
    """Register an application: validated in full before anything is written (DP-02 names the item)."""
    guards.operator(actor)
    return _receive(actor, data)


def case_apply(*, actor: Actor, data: ApplicationInput) -> Case:
    """A party files its own application online (OD-01, 規程4条2項): channel 電子, received today.

    Only a portal account may: staff enter applications with case_receive.
    """
    if role_of(actor) is not None:
        raise NotPermitted("職員は電子申請ではなく事務局デスクで受け付けてください")
    return _receive(actor, dataclasses.replace(data, channel=Case.Channel.ONLINE, received_on=None))


def _receive(actor: Actor, data: ApplicationInput) -> Case:
    data = _normalized(data)
    answers = screening.check_screening_answers(data.screening_answers)
    _check_choices(data)
    data, linked = _linked(data)
    application.check_application(data.rule_data())
    if data.applied_on is None:  # refused by check_application already; this tells the type checker
        raise RuleViolation("申請年月日がありません", ordinance("第13条", "DP-02"), field="applied_on")
    applied_on = data.applied_on
    received = data.received_on or today()
    # DP-02: nothing that cannot be true is carried into the notices.
    application.check_facts(data.fact_data(received), today())
    application.check_kana(data.applicant_kana)
    fy = fiscal_year_of(received)
    with transaction.atomic():
        parties = {key: _party(value) for key, value in linked.items()}
        applicant, respondent = parties["applicant"], parties["respondent"]
        case = Case.objects.create(
            number=next_case_number(data.office, fy),
            office=data.office,
            state=CaseState.RECEIVED,
            category=data.category,
            channel=data.channel,
            applicant_role=data.applicant_role,
            applied_on=applied_on,
            matters_sought=data.matters_sought,
            issues=data.issues,
            negotiation_history=data.negotiation_history,
            claim=data.claim,
            accident_summary=data.accident_summary,
            accident_date=data.accident_date,
            other_facts=data.other_facts,
            other_bodies=data.other_bodies,
            decision_notified_on=data.decision_notified_on,
            negotiator_case=data.negotiator_case,
            screening_answers=answers,
            received_on=received,
            fiscal_year=fy,
            state_changed_at=clock.now(),
            due_on=step_due(CaseState.RECEIVED, received),
            applicant_name=applicant.name,
            applicant_kana=application.kana_key(data.applicant_kana),
            respondent_name=respondent.name,
        )
        CaseParty.objects.bulk_create(
            CaseParty(
                case=case, side=side, party=parties[side], role=role, agent=parties.get(f"{side}_agent")
            )
            for side, role in (
                (CaseParty.Side.APPLICANT, data.applicant_role),
                (CaseParty.Side.RESPONDENT, data.respondent_role),
            )
        )
        line = ledger_write(
            case,
            action=RECEIVE,
            actor=actor,
            on=received,
            description=f"申請受付（{case.get_channel_display()}、規程第4条）",
        )
        registered = [parties[key].organization_id for key, value in linked.items() if value.new_kind]
        audit_record(
            event_type=AuditEvent.Type.CASE_CREATED,
            actor=actor,
            case_id=case.pk,
            number=case.number,
            **({"registered_organizations": registered} if registered else {}),
        )
        # DP-05 (規程4条の2): the other party is told of the application without delay.
        case.queued_notices = step_notices_queue(line, actor)
    return case
