"""Opening an issued document: who may, and when the addressee first did (DP-22, PN-04)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from chotei.accounts.models import Role
from chotei.accounts.permissions import NotPermitted, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes import selectors
from chotei.disputes.services.core import NotFound
from chotei.documents.files import file_read
from chotei.documents.models import (
    IssuedDocument,
)
from chotei.documents.selectors import claims_visible_to
from chotei.documents.services.consent import consented, speaks_for
from chotei.parties.models import Party


def _may_open(user: Any, doc: IssuedDocument) -> bool:
    role = role_of(user)
    if role is None:
        # A portal party: only notices addressed to the side it speaks for, and only once the
        # addressee consented to electronic delivery (PN-05, 令6条).
        if doc.case_id is None or doc.addressee_side not in selectors.account_sides(user, doc.case_id):
            return False
        party = doc.addressee_party
        if party is None or not consented(party):
            raise NotPermitted("電子交付を承諾すると、通知書をここで読むことができます（令第6条）")
        return True
    if doc.claim_id is not None:
        return claims_visible_to(user).filter(pk=doc.claim_id).exists()
    if role == Role.INSURER:
        # IM-01: only documents addressed to the side the insurer's organization is on.
        return doc.addressee_side in selectors.organization_sides(user, doc.case_id)
    return selectors.cases_visible_to(user).filter(pk=doc.case_id).exists()


def is_addressee(user: Any, doc: IssuedDocument) -> bool:
    """PN-04: the recipient itself — an insurer's or co-op's user whose organization is the
    addressee party's, or the portal account that speaks for the addressee party. Staff, members and
    the sender of a payment notice are not the recipient."""
    if doc.addressee_party_id is None:
        return False
    role = role_of(user)
    if role is None:
        return speaks_for(user, doc.addressee_party_id)
    if role != Role.INSURER:
        return False
    org = user.profile.organization_id
    return bool(org) and Party.objects.filter(pk=doc.addressee_party_id, organization_id=org).exists()


def document_open(user: Any, document_id: int) -> IssuedDocument:
    """Open an issued document. first_opened_at records when the addressee first opened it (PN-04:
    the electronic notice reached its recipient), so only the addressee's opening stamps it, once;
    every opening, staff's included, is audited (DP-22). A document the user may not see answers
    NotFound, as if absent."""
    if not getattr(user, "is_authenticated", False):
        raise NotPermitted("ログインしてください")
    doc = IssuedDocument.objects.filter(pk=document_id).first()
    if doc is None or not _may_open(user, doc):
        raise NotFound(f"文書 {document_id} は見つかりません", case_id=doc.case_id if doc else None)
    if is_addressee(user, doc):
        # One conditional UPDATE, so two simultaneous first openings cannot both stamp the time.
        IssuedDocument.objects.filter(pk=doc.pk, first_opened_at__isnull=True).update(
            first_opened_at=timezone.now()
        )
        doc.refresh_from_db(fields=["first_opened_at"])
    audit_record(
        event_type=AuditEvent.Type.DOCUMENT_OPENED,
        actor=user,
        case_id=doc.case_id,
        document=doc.pk,
        number=doc.document_number,
        kind=doc.kind,
        version=doc.version,
    )
    return doc


def document_content(doc: IssuedDocument) -> bytes:
    """The issued PDF's bytes from the documents storage (chotei.documents.files); a file disposed at
    the end of its retention (DP-20) or missing from the store answers NotFound saying which."""
    data = file_read(doc.file.name)
    if data is None:
        reason = (
            "保存期間の経過により廃棄しました" if not doc.file.name else "ファイルが保管先に見つかりません"
        )
        raise NotFound(f"文書「{doc.document_number}」: {reason}", case_id=doc.case_id)
    return data
