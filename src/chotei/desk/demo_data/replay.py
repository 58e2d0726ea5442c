"""Each demo case driven through the services, step by step, at its own dates."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User

from chotei import clock
from chotei.accounts.models import Role
from chotei.desk.demo_data.people import GIVEN_NAMES, SURNAMES
from chotei.desk.demo_data.plans import REFUSAL_GROUNDS, TERMINATION_REASONS, _CasePlan
from chotei.disputes.models import Case, CaseParty, PanelSeat, Submission
from chotei.disputes.services import lifecycle, panels, proceedings
from chotei.disputes.services.intake import ApplicationInput, PartyInput, case_receive
from chotei.parties.models import Party
from chotei.rules import calendar, offices
from chotei.rules.states import CaseState
from chotei.rules.wareki import to_wareki


@contextlib.contextmanager
def _clock(day: dt.date, hour: int = 10) -> Iterator[None]:
    """Replay a step at its own date: the services, the records' timestamps and the deadlines all
    read ``chotei.clock``, so the case, its ledger, audit and notices are dated together."""
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with clock.replaying_at(moment):
        yield


class _Replay:
    """Drives one case through the services, each step on its own (business) day."""

    def __init__(self, plan: _CasePlan, users: dict[str, User], today: dt.date, rng: random.Random) -> None:
        self.plan, self.users, self.today, self.rng = plan, users, today, rng
        self.staff = users[Role.SECRETARIAT]
        self.day = plan.received
        self.case_id = 0

    def after(self, business_days: int) -> dt.date:
        self.day = min(calendar.add_business_days(self.day, business_days), self.today)
        return self.day

    def v(self) -> int:
        return int(Case.objects.values_list("version", flat=True).get(pk=self.case_id))

    def step(self, business_days: int, fn: Callable[[], Any], hour: int = 10) -> Any:
        with _clock(self.after(business_days), hour):
            return fn()

    def receive(self, org_parties: dict[str, Party]) -> None:
        p, s = self.plan, self.plan.scenario
        name, postcode, address = p.applicant
        respondent = org_parties[p.respondent]
        decided = calendar.add_business_days(p.received - dt.timedelta(days=75), 1)
        accident = p.received - dt.timedelta(days=300 + self.rng.randint(0, 200))
        agent = None
        if p.agent:
            firm = "北浜総合法律事務所" if p.office == offices.BRANCH else "丸の内中央法律事務所"
            firm_party = org_parties[firm]
            agent = PartyInput(
                name=f"弁護士 {self.rng.choice(SURNAMES)} {self.rng.choice(GIVEN_NAMES)}（{firm}）",
                address=firm_party.address,
                postcode=firm_party.postcode,
                organization_id=firm_party.organization_id,
            )
        data = ApplicationInput(
            applicant=PartyInput(name=name, address=address, postcode=postcode),
            respondent=PartyInput(
                name=respondent.name,
                address=respondent.address,
                party_id=respondent.pk,
                kind=Party.Kind.ORGANIZATION,
            ),
            applicant_role="victim",
            respondent_role="coop" if "共済" in respondent.name else "insurer",
            category=s.category,
            channel=Case.Channel.ONLINE if p.index % 3 == 0 else Case.Channel.POST,
            office=p.office,
            applied_on=p.received - dt.timedelta(days=2),
            matters_sought=s.sought,
            issues=s.issues,
            negotiation_history=(
                f"{to_wareki(decided)}付で{respondent.name}から「{s.decision}」との通知を受けた。"
                "同社に異議申立てを行ったが、判断は変わらなかった"
            ),
            claim=s.claim,
            accident_summary=f"{to_wareki(accident)}、{s.accident}",
            accident_date=accident,
            other_bodies="なし" if p.index % 5 else "日弁連交通事故相談センターで法律相談を受けた",
            decision_notified_on=decided,
            applicant_agent=agent,
            received_on=p.received,
        )
        with _clock(p.received, 11):
            self.case_id = case_receive(actor=self.staff, data=data).pk

    def screen(self) -> None:
        self.step(
            1,
            lambda: lifecycle.case_start_screening(actor=self.staff, case_id=self.case_id, version=self.v()),
        )

    def accept(self) -> None:
        self.step(8, lambda: lifecycle.case_accept(actor=self.staff, case_id=self.case_id, version=self.v()))

    def refuse(self) -> None:
        ground = REFUSAL_GROUNDS[self.plan.index % len(REFUSAL_GROUNDS)]
        self.step(
            6,
            lambda: lifecycle.case_refuse(
                actor=self.staff, case_id=self.case_id, version=self.v(), ground_code=ground
            ),
        )

    def appoint(self) -> list[int]:
        chair = self.users[Role.CHAIR]
        proposal = panels.panel_suggest(case_id=self.case_id)[0]
        ids = [m.id for m in proposal.members]
        self.step(
            5,
            lambda: panels.panel_appoint(
                actor=chair,
                case_id=self.case_id,
                version=self.v(),
                member_ids=ids,
                chief_id=proposal.chief.id,
            ),
        )
        return ids

    def materials(self) -> None:
        """The respondent's statement by post, the applicant's evidence uploaded, a request."""
        staff, case_id = self.staff, self.case_id
        self.step(
            4,
            lambda: proceedings.submission_record(
                actor=staff,
                case_id=case_id,
                side=CaseParty.Side.RESPONDENT,
                kind=Submission.Kind.STATEMENT,
                channel=Submission.Channel.POST,
                title="答弁書",
                postal_receipt=f"簡易書留 {self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}",
            ),
        )
        self.step(
            2,
            lambda: proceedings.submission_record(
                actor=staff,
                case_id=case_id,
                side=CaseParty.Side.APPLICANT,
                kind=Submission.Kind.EVIDENCE,
                channel=Submission.Channel.UPLOAD,
                title="後遺障害診断書（写し）",
                file_name="後遺障害診断書（写し）.txt",
                content="後遺障害診断書（写し）— デモ用の内容".encode(),
                content_type="text/plain; charset=utf-8",
            ),
        )
        if self.plan.index % 3 == 0:
            req = self.step(
                1,
                lambda: proceedings.insurer_request_create(
                    actor=staff,
                    case_id=case_id,
                    request="損害保険料率算出機構の調査結果及び画像資料一式の提出を求める",
                ),
            )
            self.step(
                6,
                lambda: proceedings.insurer_request_answer(
                    actor=staff, request_id=req.pk, answer="調査結果の写し及び画像CD-R 2枚を提出する"
                ),
            )

    def special_procedure(self) -> None:
        """鑑定 with its cost charged to the applicant (DP-13, 令26条), entered in the ledger."""
        proc = self.step(
            2,
            lambda: proceedings.special_procedure_request(
                actor=self.staff,
                case_id=self.case_id,
                kind="医学的鑑定",
                requested_by=CaseParty.Side.APPLICANT,
                reason="画像所見の評価について専門医の鑑定を求める",
            ),
        )
        self.step(
            5,
            lambda: proceedings.special_procedure_decide(
                actor=self.staff,
                procedure_id=proc.pk,
                approve=True,
                chief_id=PanelSeat.objects.get(case_id=self.case_id, is_chief=True).member_id,
                cost_yen=55000,
                charged_to=CaseParty.Side.APPLICANT,
            ),
        )

    def meeting(self, ids: list[int], *, record: bool) -> bool:
        place = "本部 第1会議室" if self.plan.office == offices.MAIN else "大阪支部 会議室"
        held = calendar.add_business_days(self.day, 20)
        meeting = self.step(
            3,
            lambda: panels.meeting_schedule(
                actor=self.staff,
                case_id=self.case_id,
                place=place,
                scheduled_for=dt.datetime.combine(held, dt.time(14), tzinfo=ZoneInfo(settings.TIME_ZONE)),
            ),
        )
        if not record or held > self.today:
            return False
        self.day = held
        with _clock(held, 17):
            panels.meeting_record(
                actor=self.staff,
                meeting_id=meeting.pk,
                present_member_ids=ids,
                minutes=f"書面審査を行い、争点（{self.plan.scenario.issues}）について合議した。",
            )
        return True

    def result(self) -> None:
        changed = self.plan.index % 7 == 3  # historic 変更 rates are low (domain notes)
        s = self.plan.scenario
        self.step(
            3,
            lambda: lifecycle.case_record_result(
                actor=self.staff,
                case_id=self.case_id,
                version=self.v(),
                result=Case.Result.CHANGED if changed else Case.Result.UNCHANGED,
                reasons=s.changed_reasons if changed else s.unchanged_reasons,
            ),
        )

    def run(self, org_parties: dict[str, Party]) -> None:
        state = self.plan.state
        self.receive(org_parties)
        if state == CaseState.RECEIVED:
            return
        self.screen()
        if state == CaseState.SCREENING:
            return
        if state == CaseState.REFUSED:
            return self.refuse()
        if state == CaseState.WITHDRAWN:
            if self.plan.index % 2:
                self.accept()
            self.step(
                4, lambda: lifecycle.case_withdraw(actor=self.staff, case_id=self.case_id, version=self.v())
            )
            return
        self.accept()
        if state == CaseState.ACCEPTED:
            return
        ids = self.appoint()
        self.materials()
        if self.plan.index % 6 == 1:
            self.special_procedure()
        if state == CaseState.TERMINATED:
            ground, reason = TERMINATION_REASONS[self.plan.index % 2]
            self.step(
                10,
                lambda: lifecycle.case_terminate(
                    actor=self.staff,
                    case_id=self.case_id,
                    version=self.v(),
                    ground=ground,
                    reason=reason,
                    chief_id=PanelSeat.objects.get(case_id=self.case_id, is_chief=True).member_id,
                ),
            )
            return
        recorded = self.meeting(ids, record=state != CaseState.UNDER_REVIEW or self.plan.index % 2 == 0)
        if state == CaseState.UNDER_REVIEW:
            return
        if not recorded:
            raise RuntimeError(f"{self.plan} needs an earlier receipt date to reach a result")
        self.result()
        if self.plan.index % 4 == 0:
            self.step(
                5,
                lambda: lifecycle.case_explain_result(
                    actor=self.staff, case_id=self.case_id, version=self.v(), side=CaseParty.Side.APPLICANT
                ),
            )
        if state == CaseState.CLOSED:
            self.step(
                15, lambda: lifecycle.case_close(actor=self.staff, case_id=self.case_id, version=self.v())
            )
