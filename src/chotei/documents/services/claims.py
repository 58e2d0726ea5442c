"""Payment claims and the notices of insurers and co-ops (PN-01..PN-03, PN-06, PN-07)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, NotPermitted, require_role, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.services.core import NotFound, today
from chotei.disputes.services.party_links import PartyInput
from chotei.documents import claim_facts, facts
from chotei.documents.files import removed_on_error
from chotei.documents.models import (
    IssuedDocument,
    PaymentClaim,
)
from chotei.documents.services.common import (
    PAYMENT_PREFIX,
    Issue,
    next_document_number,
    store,
)
from chotei.documents.services.consent import delivery_channel
from chotei.parties.models import Organization, Party
from chotei.rules.application import normalize
from chotei.rules.articles import Article, ordinance
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import NoticeKind
from chotei.rules.payment import calc

PAYMENT_KINDS = frozenset(
    {NoticeKind.CLAIM_GUIDE, NoticeKind.PAYMENT, NoticeKind.NONPAYMENT, NoticeKind.PAYMENT_EXPLANATION}
)


def _insurer_actor(actor: Actor, org_id: int) -> None:
    """An insurer's or co-op's user acts for its own organization only; the admin may act for any."""
    role = require_role(actor, Role.INSURER, Role.ADMIN)
    if role == Role.INSURER and actor.profile.organization_id != org_id:
        raise NotPermitted("自らの組織の請求についてのみ操作できます")


def _own_organization(actor: Actor) -> int:
    profile = getattr(actor, "profile", None)
    if role_of(actor) != Role.INSURER or profile is None or not profile.organization_id:
        raise RuleViolation(
            "請求を登録する保険会社・共済組合（insurer_id）を指定してください",
            ordinance("第3条", "PN-02"),
            field="insurer_id",
        )
    return int(profile.organization_id)


def _claimant(actor: Actor, org: Organization, party_id: int | None, new: PartyInput | None) -> Party:
    """The addressee of the notices (PN-01): a new person, or one already registered. An insurer or
    co-op may name only a claimant of its own earlier claims; others' parties answer as absent."""
    if party_id is not None:
        parties = Party.objects.all()
        if role_of(actor) == Role.INSURER:
            parties = parties.filter(claims__insurer=org).distinct()
        party = parties.filter(pk=party_id).first()
        if party is None:
            raise NotFound(f"請求者 {party_id} は見つかりません")
        return party
    name, address = normalize(new.name if new else ""), normalize(new.address if new else "")
    if new is None or not name or not address:
        raise RuleViolation(
            "請求者の氏名又は名称と住所（書面の宛先）を指定してください",
            ordinance("第2条", "PN-01"),
            field="claimant.name" if not name else "claimant.address",
        )
    return Party.objects.create(
        name=name, address=address, postcode=normalize(new.postcode), kind=new.kind or Party.Kind.PERSON
    )


def claim_register(
    *,
    actor: Actor,
    insurer_id: int | None,
    reference: str,
    data: dict[str, Any],
    coop: bool | None = None,
    claimant_party_id: int | None = None,
    claimant: PartyInput | None = None,
) -> PaymentClaim:
    """Register a claim decision. A payment is validated by the standards now (Claim.from_dict), so
    the notices later cannot fail on the amounts; a non-payment needs its accident date and reasons.
    ``insurer_id`` left out means the insurer user's own organization, ``coop`` left out as the
    organization is registered. The claim, a new claimant and the audit event are written together
    or not at all."""
    # The role first: a user who may not register claims at all is told so, not asked for a field.
    require_role(actor, Role.INSURER, Role.ADMIN)
    if insurer_id is None:
        insurer_id = _own_organization(actor)
    _insurer_actor(actor, insurer_id)
    org = Organization.objects.filter(pk=insurer_id).first()
    if org is None:
        raise NotFound(f"保険会社・共済組合 {insurer_id} は見つかりません")
    is_coop = org.kind == Organization.Kind.COOP
    coop = is_coop if coop is None else coop
    if org.kind not in (Organization.Kind.INSURER, Organization.Kind.COOP) or coop != is_coop:
        raise RuleViolation(
            f"{org.name}は{'共済組合' if is_coop else '保険会社'}として登録されています（共済の指定と一致しません）",
            ordinance("第10条", "PN-07"),
            field="coop",
        )
    reference = normalize(reference)
    if not reference:
        raise RuleViolation("請求番号がありません", ordinance("第3条", "PN-02"), field="reference")
    if claim_facts.is_nonpayment(data):
        _accident_date(data, ordinance("第4条第1号", "PN-03"))
    else:
        claim_facts.check_paid(data, calc.calculate_dict(claim_facts.split_claim(data)[0])["total"])
    with transaction.atomic():
        claim = PaymentClaim.objects.create(
            insurer=org,
            claimant=_claimant(actor, org, claimant_party_id, claimant),
            reference=reference,
            data=data,
            coop=coop,
        )
        audit_record(
            event_type=AuditEvent.Type.CLAIM_REGISTERED,
            actor=actor,
            claim=claim.pk,
            reference=claim.reference,
            insurer=org.pk,
            party=claim.claimant_id,
            nonpayment=claim_facts.is_nonpayment(data),
        )
    return claim


def _accident_date(data: dict[str, Any], article: Article) -> dt.date:
    value = data.get("accident_date")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise RuleViolation(
            "事故の年月日（accident_date）をYYYY-MM-DD形式で指定してください", article, field="accident_date"
        ) from exc


def _claim_fields(
    claim: PaymentClaim, kind: NoticeKind, requested_on: dt.date | None, dispatch: dt.date
) -> dict[str, object]:
    """The amounts come from the standards, never from the claim's data (PN-02, PN-06)."""
    data = dict(claim.data)
    nonpayment = claim_facts.is_nonpayment(data)
    if kind is NoticeKind.PAYMENT and nonpayment:
        raise RuleViolation(
            "支払わない理由が記録された請求には支払通知書を発出できません（不払通知書を発出してください）",
            ordinance("第4条", "PN-03"),
            field="kind",
        )
    if kind is NoticeKind.NONPAYMENT and not nonpayment:
        raise RuleViolation(
            "支払わない理由が記録されていません",
            ordinance("第4条第2号から第4号まで", "PN-03"),
            field="reasons",
        )
    if kind is NoticeKind.CLAIM_GUIDE:
        accident = data.get("accident_date")
        return facts.claim_guide_fields(
            dt.date.fromisoformat(accident) if isinstance(accident, str) else dispatch
        )
    needs_amounts = kind is NoticeKind.PAYMENT or (kind is NoticeKind.PAYMENT_EXPLANATION and not nonpayment)
    calculation = calc.calculate_dict(claim_facts.split_claim(data)[0]) if needs_amounts else None
    fields = claim_facts.payment_fields(kind, data, calculation, claim.claimant.name)
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        fields["requested_on"] = requested_on or dispatch
    return fields


def claim_notice_issue(
    *,
    actor: Actor,
    claim_id: int,
    kind: str,
    channel: str | None = None,
    requested_on: dt.date | None = None,
    dispatch_on: dt.date | None = None,
) -> IssuedDocument:
    """Issue a payment notice of the claim's insurer or co-op to the claimant: the claim-time guide
    (PN-01), payment (PN-02), non-payment (PN-03) or the detailed explanation (PN-06); a co-op's
    reads 共済金等 / 組合 / 被共済者 (PN-07, 令10条)."""
    parsed = NoticeKind(kind)
    if parsed not in PAYMENT_KINDS:
        raise ValueError(f"{parsed.value} は保険金等の支払に関する書面ではありません")
    claim = PaymentClaim.objects.select_related("insurer", "claimant").filter(pk=claim_id).first()
    if claim is None:
        raise NotFound(f"請求 {claim_id} は見つかりません")
    _insurer_actor(actor, claim.insurer_id)
    dispatch = dispatch_on or today()
    with removed_on_error(), transaction.atomic():
        # Locking the claim serialises its re-issues (their version numbers).
        PaymentClaim.objects.select_for_update().filter(pk=claim.pk).first()
        data = NoticeData(
            document_number=next_document_number(PAYMENT_PREFIX, dispatch.year),
            issued_on=dispatch,
            sender_name=claim.insurer.name,
            sender_title="",
            case_number=claim.reference,
            fields=_claim_fields(claim, parsed, requested_on, dispatch),
            contact=facts.insurer_contact(claim.insurer),
            coop=claim.coop,
            **facts.addressee(claim.claimant),
        )
        issue = Issue(
            parsed, data, claim.claimant, "claimant", delivery_channel(claim.claimant, channel), dispatch
        )
        return store(issue, actor=actor, claim=claim)
