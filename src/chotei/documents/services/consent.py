"""Electronic delivery consent (PN-04, PN-05, 令5-6条) and the channel a notice goes by."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, require_role, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import CaseParty
from chotei.disputes.services.core import NotFound
from chotei.documents.models import (
    DeliveryConsent,
    IssuedDocument,
)
from chotei.parties.models import Party
from chotei.rules.articles import ordinance
from chotei.rules.errors import RuleViolation

CONSENT_ROLES = (Role.SECRETARIAT, Role.CHAIR)

# PN-04/PN-05 (令5条1項1号ロ, 令6条): the one electronic method offered, shown before consent. It
# names what recipients can actually reach: the desk is staff-only, so an insurer or co-op fetches
# the PDF through the authenticated API.
CONSENT_METHOD = (
    "機構のオンラインサービス（保険会社・共済組合にあっては、認証を要するAPI"
    "「GET /api/v1/cases/{事案ID}/documents/{文書ID}/pdf」）を通じて、書面の内容を記録した"
    "PDFファイルを受信者の閲覧に供し、受信者の使用に係る電子計算機に備えられたファイルに記録"
    "（ダウンロードして保存）していただく方法（令第5条第1項第1号ロ）"
)
CONSENT_FORMAT = "PDF（フォント埋め込み、印刷可能）"
CONSENT_ARTICLE = ordinance("第6条", "PN-05")


def speaks_for(user: Any, party_id: int) -> bool:
    """A portal account speaks for a party it is, or one it represents as agent on some case."""
    mine = Q(party__portal_accounts__user=user) | Q(agent__portal_accounts__user=user)
    return CaseParty.objects.filter(mine, party_id=party_id).exists()


def consented(party: Party) -> bool:
    latest = DeliveryConsent.objects.filter(party=party).order_by("-at", "-id").first()
    return latest is not None and latest.consented


def delivery_channel(party: Party, requested: str | None) -> str:
    """PN-04/PN-05: paper unless the addressee's latest answer consents to electronic delivery."""
    electronic = consented(party)
    if requested == IssuedDocument.Channel.ELECTRONIC and not electronic:
        raise RuleViolation(
            f"{party.name}から電磁的方法による提供の承諾を得ていないため、電子で送付できません",
            CONSENT_ARTICLE,
            field="channel",
        )
    if requested not in (None, "", *IssuedDocument.Channel.values):
        raise RuleViolation(f"送付方法「{requested}」は選べません", CONSENT_ARTICLE, field="channel")
    if requested == IssuedDocument.Channel.POST:
        return IssuedDocument.Channel.POST
    return IssuedDocument.Channel.ELECTRONIC if electronic else IssuedDocument.Channel.POST


def consent_offer_text() -> str:
    """What the recipient is shown before answering (令6条): the method and the file format."""
    return (
        "書面の交付に代えて、電磁的方法により書面の内容をご提供することについて、承諾するか否かをお知らせください。\n"
        f"方法：{CONSENT_METHOD}\n"
        f"ファイル形式：{CONSENT_FORMAT}\n"
        "提供した書面はいつでも印刷することができます。承諾されない場合は、これまでどおり書面を郵送します。"
        "承諾は後から撤回することができます。"
    )


def consent_record(
    *, actor: Actor, party_id: int, consented: bool, method: str, file_format: str
) -> DeliveryConsent:
    """Record a consent or a refusal to electronic delivery, with the method and format shown (PN-05).

    Only the method and format this system offers may be consented to; a refusal is kept too, and
    paper stays the default until a consent is on record. The secretariat records an answer given on
    paper; a portal party answers for the parties it speaks for itself (OD-01)."""
    if role_of(actor) is None and getattr(actor, "is_authenticated", False):
        if not speaks_for(actor, party_id):
            raise NotFound(f"当事者 {party_id} は見つかりません")
    else:
        require_role(actor, *CONSENT_ROLES)
    if method != CONSENT_METHOD or file_format != CONSENT_FORMAT:
        raise RuleViolation(
            "承諾を求める際に示した方法及びファイル形式と異なります", CONSENT_ARTICLE, field="method"
        )
    with transaction.atomic():
        party = Party.objects.filter(pk=party_id).first()
        if party is None:
            raise NotFound(f"当事者 {party_id} は見つかりません")
        consent = DeliveryConsent.objects.create(
            party=party, method=method, file_format=file_format, consented=consented, recorded_by=actor
        )
        audit_record(
            event_type=AuditEvent.Type.CONSENT,
            actor=actor,
            party=party.pk,
            consented=consented,
            method=method,
            file_format=file_format,
            article=str(CONSENT_ARTICLE),
        )
    return consent
