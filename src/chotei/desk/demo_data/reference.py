"""The reference data every case points at: organisations, the roster and one user per role."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from chotei.accounts.models import Role, StaffProfile
from chotei.accounts.security import account_administration_grant
from chotei.committee.models import BoardMeeting, CommitteeMember, InterestDeclaration
from chotei.desk.demo_data.people import INSURER_USER_ORG, INTERESTS, MEMBERS, ORGANIZATIONS
from chotei.parties.models import Organization, Party


def password_for(role: str) -> str:
    return f"demo-{role}-2026"


def _reference_data() -> tuple[dict[str, Organization], dict[str, Party]]:
    orgs: dict[str, Organization] = {}
    org_parties: dict[str, Party] = {}
    for name, kind, postcode, address in ORGANIZATIONS:
        org = Organization.objects.create(name=name, kind=kind, postcode=postcode, address=address)
        orgs[name] = org
        org_parties[name] = Party.objects.create(
            kind=Party.Kind.ORGANIZATION, name=name, postcode=postcode, address=address, organization=org
        )
    commissioned = dt.date(2024, 7, 1)
    # CM-02: the board meeting that chose them, so the roster's next requests and ratifications
    # have a meeting before them to count from.
    BoardMeeting.objects.create(held_on=dt.date(2024, 6, 20), name="令和6年度第1回定例理事会", kind="regular")
    members = {
        name: CommitteeMember(
            name=name,
            name_kana=kana,
            office=office,
            qualification=qual,
            career=career,
            commissioned_on=commissioned,
        )
        for name, kana, office, qual, career in MEMBERS
    }
    CommitteeMember.objects.bulk_create(members.values())
    InterestDeclaration.objects.bulk_create(
        InterestDeclaration(
            member=members[member],
            organization=orgs[org],
            kind=kind,
            description=text,
            declared_on=commissioned,
        )
        for member, org, kind, text in INTERESTS
    )
    return orgs, org_parties


# (family name, given name) of each demo user: the desk names people, never their login IDs.
USER_NAMES: dict[str, tuple[str, str]] = {
    Role.SECRETARIAT: ("中村", "直子"),
    Role.CHAIR: ("山本", "正人"),
    Role.MEMBER: ("紛争処理委員", "（デモ）"),
    Role.AUDITOR: ("大野", "康弘"),
    Role.ADMIN: ("システム管理者", "（デモ）"),
    Role.INSURER: ("あおば損保", "担当者"),
}


def _users(orgs: dict[str, Organization]) -> dict[str, User]:
    users: dict[str, User] = {}
    for role in Role:
        last, first = USER_NAMES[role]
        user = User.objects.create_user(
            username=role.value,
            password=password_for(role.value),
            last_name=last,
            first_name=first,
        )
        StaffProfile.objects.create(
            user=user, role=role, organization=orgs[INSURER_USER_ORG] if role == Role.INSURER else None
        )
        if role == Role.ADMIN:
            # IM-02: no one holds every privilege; the administrator keeps accounts only.
            account_administration_grant(user)
        users[role.value] = user
    return users
