"""A realistic cast built through the services, so tests exercise the same paths as the desk."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.utils import timezone

from chotei import clock
from chotei.accounts.models import Role, StaffProfile
from chotei.committee.models import BoardMeeting, CommitteeMember, InterestDeclaration
from chotei.committee.services import board_meeting_record
from chotei.disputes.models import Case
from chotei.disputes.services import lifecycle, panels
from chotei.disputes.services.intake import ApplicationInput, PartyInput, case_receive
from chotei.parties.models import Organization, Party
from chotei.rules import offices, panel
from chotei.rules.states import CaseState

PASSWORD = "chotei-test-pass"


def fill_roster(main: int, branch: int) -> None:
    """CM-01: ``main`` lawyers at the main office and ``branch`` doctors at the branch, in office."""
    CommitteeMember.objects.bulk_create(
        [
            CommitteeMember(name=f"本部委員{i}", office=offices.MAIN, qualification=panel.LAWYER)
            for i in range(main)
        ]
        + [
            CommitteeMember(name=f"大阪委員{i}", office=offices.BRANCH, qualification=panel.DOCTOR)
            for i in range(branch)
        ]
    )


def board_meeting(actor: Any, held_on: dt.date = dt.date(2026, 6, 20), name: str = "") -> BoardMeeting:
    """A recorded board meeting (CM-02, CM-04); by default the regular one that chose the members."""
    kind = BoardMeeting.Kind.EXTRAORDINARY if name else BoardMeeting.Kind.REGULAR
    return board_meeting_record(
        actor=actor, held_on=held_on, name=name or "令和8年度第1回定例理事会", kind=kind
    )


TOKYO = ZoneInfo("Asia/Tokyo")


def application_input(**overrides: Any) -> ApplicationInput:
    """A complete DP-02 application: 山田 太郎 disputes あおば損害保険's after-effect grade."""
    insurer = Organization.objects.get(name="あおば損害保険株式会社")
    # The insurer's own registered party; cases typed in by name add parties linked to it too.
    respondent = Party.objects.filter(organization=insurer).earliest("pk")
    base: dict[str, Any] = dict(
        applicant=PartyInput(
            name="山田 太郎", address="東京都世田谷区桜丘三丁目12番5号", postcode="156-0054"
        ),
        respondent=PartyInput(
            name=respondent.name,
            address=respondent.address,
            party_id=respondent.pk,
            kind=Party.Kind.ORGANIZATION,
        ),
        applicant_role="victim",
        respondent_role="insurer",
        category=Case.Category.AFTER_EFFECT,
        channel=Case.Channel.POST,
        office=offices.MAIN,
        applied_on=dt.date(2026, 10, 1),
        matters_sought="後遺障害等級を非該当から第14級9号に変更することを求める",
        issues="頚部痛の残存が後遺障害に該当するか",
        negotiation_history="令和8年8月に非該当の通知を受け、同年9月に異議申立てをしたが非該当のまま",
        claim="事故後一貫して頚部痛を訴え、治療を継続しており、神経症状が残存している",
        accident_summary="令和8年1月10日、信号待ちで停車中に後方から追突された",
        other_bodies="なし",
        accident_date=dt.date(2026, 1, 10),
        decision_notified_on=dt.date(2026, 9, 20),
    )
    received = overrides.get("received_on")
    if received is not None:
        # DP-02: the stated dates come before the receipt (rules.application.check_facts).
        base.update(
            applied_on=received - dt.timedelta(days=2),
            decision_notified_on=received - dt.timedelta(days=40),
            accident_date=received - dt.timedelta(days=300),
        )
    base.update(overrides)
    return ApplicationInput(**base)


@dataclasses.dataclass
class World:
    users: dict[str, User]
    members: dict[str, CommitteeMember]
    insurer: Organization
    coop: Organization

    @classmethod
    def build(cls) -> World:
        insurer = Organization.objects.create(
            name="あおば損害保険株式会社",
            kind=Organization.Kind.INSURER,
            address="東京都千代田区丸の内一丁目1番1号",
            postcode="100-0005",
        )
        coop = Organization.objects.create(
            name="みなと共済協同組合",
            kind=Organization.Kind.COOP,
            address="大阪府大阪市北区梅田二丁目4番9号",
            postcode="530-0001",
        )
        for org in (insurer, coop):
            Party.objects.create(
                kind=Party.Kind.ORGANIZATION,
                name=org.name,
                address=org.address,
                postcode=org.postcode,
                organization=org,
            )
        roster = [
            ("佐藤 一郎", offices.MAIN, panel.LAWYER),
            ("高橋 花子", offices.MAIN, panel.LAWYER),
            ("田中 誠", offices.MAIN, panel.DOCTOR),
            ("伊藤 直子", offices.MAIN, panel.ACADEMIC),
            ("渡辺 健", offices.BRANCH, panel.LAWYER),
            ("中村 彩", offices.BRANCH, panel.DOCTOR),
        ]
        members = {}
        for name, office, qual in roster:
            members[name.split()[0]] = CommitteeMember.objects.create(
                name=name, office=office, qualification=qual
            )
        InterestDeclaration.objects.create(
            member=members["佐藤"],
            kind=InterestDeclaration.Kind.INSURER,
            organization=coop,
            description="みなと共済協同組合の顧問弁護士",
            declared_on=dt.date(2026, 4, 1),
        )
        users = {}
        for role in Role:
            user = User.objects.create_user(username=role.value, password=PASSWORD)
            StaffProfile.objects.create(
                user=user,
                role=role,
                organization=insurer if role == Role.INSURER else None,
                member=members["高橋"] if role == Role.MEMBER else None,
            )
            users[role.value] = user
        return cls(users=users, members=members, insurer=insurer, coop=coop)

    @property
    def staff(self) -> User:
        return self.users[Role.SECRETARIAT]

    def panel_ids(self) -> tuple[list[int], int]:
        m = self.members
        return [m["高橋"].pk, m["田中"].pk, m["伊藤"].pk], m["高橋"].pk

    def make_case(self, state: str = CaseState.RECEIVED, **overrides: Any) -> Case:
        """A case driven through the services to ``state``."""
        actor = self.staff
        received = overrides.get("received_on")
        # A receipt date may not be in the future (DP-02): a case "received" later is received then.
        later = received is not None and received > timezone.localdate()
        moment = dt.datetime.combine(received, dt.time(10), tzinfo=TOKYO) if later else None
        with clock.replaying_at(moment) if moment else contextlib.nullcontext():
            case = case_receive(actor=actor, data=application_input(**overrides))
        ids, chief = self.panel_ids()

        def v() -> int:
            return Case.objects.values_list("version", flat=True).get(pk=case.pk)

        def review() -> None:
            meeting = panels.meeting_schedule(
                actor=actor, case_id=case.pk, scheduled_for=timezone.now(), place="本部 第1会議室"
            )
            panels.meeting_record(
                actor=actor,
                meeting_id=meeting.pk,
                present_member_ids=ids[:2],
                minutes="書面審査の結果、非該当の判断は妥当であると判断した。",
            )
            lifecycle.case_record_result(
                actor=actor,
                case_id=case.pk,
                version=v(),
                result=Case.Result.UNCHANGED,
                reasons="画像所見及び治療経過から、神経症状の残存を医学的に説明できない。",
            )

        steps = {
            "screen": lambda: lifecycle.case_start_screening(actor=actor, case_id=case.pk, version=v()),
            "accept": lambda: lifecycle.case_accept(actor=actor, case_id=case.pk, version=v()),
            "refuse": lambda: lifecycle.case_refuse(
                actor=actor, case_id=case.pk, version=v(), ground_code="R5-1-9"
            ),
            "appoint": lambda: panels.panel_appoint(
                actor=self.users[Role.CHAIR], case_id=case.pk, version=v(), member_ids=ids, chief_id=chief
            ),
            "review": review,
            "close": lambda: lifecycle.case_close(actor=actor, case_id=case.pk, version=v()),
            "terminate": lambda: lifecycle.case_terminate(
                actor=actor,
                case_id=case.pk,
                version=v(),
                ground="R17-1",
                reason="解決の見込みがない",
                chief_id=chief,
            ),
            "withdraw": lambda: lifecycle.case_withdraw(actor=actor, case_id=case.pk, version=v()),
        }
        plan = {
            CaseState.RECEIVED: [],
            CaseState.SCREENING: ["screen"],
            CaseState.ACCEPTED: ["screen", "accept"],
            CaseState.REFUSED: ["screen", "refuse"],
            CaseState.UNDER_REVIEW: ["screen", "accept", "appoint"],
            CaseState.RESULT_NOTIFIED: ["screen", "accept", "appoint", "review"],
            CaseState.CLOSED: ["screen", "accept", "appoint", "review", "close"],
            CaseState.TERMINATED: ["screen", "accept", "appoint", "terminate"],
            CaseState.WITHDRAWN: ["screen", "withdraw"],
        }[CaseState(state)]
        for step in plan:
            steps[step]()
        case.refresh_from_db()
        assert case.state == state, (case.state, state)
        return case


def stored(obj: Any) -> bytes | None:
    """The bytes of a row's file in the documents storage (None when empty or missing)."""
    from chotei.documents.files import file_read

    return file_read(obj.file.name)


def stored_replace(obj: Any, data: bytes) -> None:
    """Overwrite a row's stored file in place — a tamperer's edit, which the application never does."""
    from django.core.files.base import ContentFile

    from chotei.documents.files import storage

    storage().delete(obj.file.name)
    assert storage().save(obj.file.name, ContentFile(data)) == obj.file.name
