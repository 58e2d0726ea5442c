"""利害関係の申告 (CM-05, 法第23条の7第2項): declared and withdrawn, never deleted."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, role_of
from chotei.committee.models import InterestDeclaration
from chotei.committee.services.roster import RosterNotFound, member_get, roster_actor, roster_audit
from chotei.parties.models import Organization, Party
from chotei.rules.application import normalize
from chotei.rules.articles import Article, act
from chotei.rules.errors import RuleViolation
from chotei.rules.wareki import to_wareki

INTEREST_ARTICLE: Article = act("第23条の7第2項", "CM-05")


def _declarant(actor: Actor, member_id: int) -> None:
    """The secretariat or the chair, or a member for themself."""
    if actor is not None and role_of(actor) == Role.MEMBER and actor.profile.member_id == int(member_id):
        return
    roster_actor(actor)


def interest_declare(
    *,
    actor: Actor,
    member_id: int,
    kind: str,
    description: str,
    declared_on: dt.date,
    organization_id: int | None = None,
    party_id: int | None = None,
) -> InterestDeclaration:
    """CM-05 (法第23条の7第2項): a member's interest in an organization or a party, read by the DP-11
    panel check until withdrawn."""
    _declarant(actor, member_id)
    description = normalize(description)
    if kind not in InterestDeclaration.Kind.values:
        raise RuleViolation("利害関係の種別を選んでください", INTEREST_ARTICLE, field="kind")
    if (organization_id is None) == (party_id is None):
        raise RuleViolation(
            "利害関係のある組織又は当事者のいずれか一方を選んでください",
            INTEREST_ARTICLE,
            field="organization",
        )
    if not description:
        raise RuleViolation("利害関係の内容がありません", INTEREST_ARTICLE, field="description")
    if organization_id is not None and not Organization.objects.filter(pk=organization_id).exists():
        raise RosterNotFound(f"組織 {organization_id} は見つかりません")
    if party_id is not None and not Party.objects.filter(pk=party_id).exists():
        raise RosterNotFound(f"当事者 {party_id} は見つかりません")
    with transaction.atomic():
        member = member_get(int(member_id))
        declaration = InterestDeclaration.objects.create(
            member=member,
            kind=kind,
            organization_id=organization_id,
            party_id=party_id,
            description=description,
            declared_on=declared_on,
        )
        roster_audit(
            actor=actor,
            action="interest_declare",
            description=f"{member.name}の利害関係（{declaration.get_kind_display()}: {description}）の申告を記録",
            member=member.pk,
            declaration=declaration.pk,
            key=declaration.key,
        )
    return declaration


def interest_withdraw(
    *, actor: Actor, declaration_id: int, withdrawn_on: dt.date | None, reason: str
) -> InterestDeclaration:
    """CM-05: the interest has ended. Recorded with its date and reason — the declaration stays, so the
    panels named while it stood can still be checked against it."""
    reason = normalize(reason)
    with transaction.atomic():
        try:
            declaration = (
                InterestDeclaration.objects.select_for_update()
                .select_related("member")
                .get(pk=declaration_id)
            )
        except InterestDeclaration.DoesNotExist as exc:
            raise RosterNotFound(f"利害関係の申告 {declaration_id} は見つかりません") from exc
        _declarant(actor, declaration.member_id)
        if declaration.withdrawn_on is not None:
            raise RuleViolation(
                f"この申告は{to_wareki(declaration.withdrawn_on)}に取り下げられています",
                INTEREST_ARTICLE,
                field="declaration",
            )
        if withdrawn_on is None:
            raise RuleViolation("取下げの日がありません", INTEREST_ARTICLE, field="withdrawn_on")
        if withdrawn_on < declaration.declared_on:
            raise RuleViolation(
                f"取下げの日は申告日（{to_wareki(declaration.declared_on)}）以後です",
                INTEREST_ARTICLE,
                field="withdrawn_on",
            )
        if not reason:
            raise RuleViolation("取下げの理由がありません", INTEREST_ARTICLE, field="reason")
        declaration.withdrawn_on, declaration.withdrawal_reason = withdrawn_on, reason
        declaration.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        roster_audit(
            actor=actor,
            action="interest_withdraw",
            description=(
                f"{declaration.member.name}の利害関係の申告（{declaration.description}）の取下げを記録"
                f"（{to_wareki(withdrawn_on)}、理由: {reason}）"
            ),
            member=declaration.member_id,
            declaration=declaration.pk,
            withdrawn_on=withdrawn_on.isoformat(),
        )
    return declaration
