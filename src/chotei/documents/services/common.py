"""Steps every issue shares: the document number, rendering with the effective model text, and storing
the PDF with its audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Max

from chotei.accounts.permissions import Actor
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case
from chotei.documents.files import file_write
from chotei.documents.models import (
    DocumentNumberSequence,
    IssuedDocument,
    NoticeTemplate,
    PaymentClaim,
)
from chotei.documents.pdf import render
from chotei.documents.services.templates import effective_template
from chotei.parties.models import Party
from chotei.rules.notices.compose import compose
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.sequences import next_value

BODY_PREFIX = "紛処"
PAYMENT_PREFIX = "支通"
PREVIEW_NUMBER = "（発出時に付番）"


def actor_user(actor_id: int | None) -> Any:
    if actor_id is None:
        return None
    return get_user_model().objects.filter(pk=actor_id).first()


def next_document_number(prefix: str, year: int) -> str:
    """「紛処第2026-000123号」: a locked sequence per prefix and year, so numbers never repeat."""
    return f"{prefix}第{year}-{next_value(DocumentNumberSequence, prefix=prefix, year=year):06d}号"


def render_notice(kind: NoticeKind, data: NoticeData) -> tuple[bytes, NoticeTemplate | None]:
    """Compose (refusing missing items) and render (refusing missing glyphs) with the effective text."""
    template = effective_template(kind)
    notice = compose(kind, data, template.text if template is not None else None)
    return render(notice, data), template


@dataclass(frozen=True, slots=True)
class Issue:
    kind: NoticeKind
    data: NoticeData
    party: Party
    side: str
    channel: str
    dispatch: dt.date
    step_id: int | None = None


def store(
    issue: Issue, *, actor: Actor, case: Case | None = None, claim: PaymentClaim | None = None
) -> IssuedDocument:
    pdf, template = render_notice(issue.kind, issue.data)
    # Written before the row that names it; the caller's transaction runs in removed_on_error, so a
    # rollback takes the file away again (chotei.documents.files).
    name, digest = file_write("issued", pdf)
    previous = IssuedDocument.objects.filter(
        case=case, claim=claim, kind=issue.kind.value, addressee_side=issue.side
    ).aggregate(v=Max("version"))["v"]
    doc = IssuedDocument.objects.create(
        case=case,
        claim=claim,
        step_id=issue.step_id,
        kind=issue.kind.value,
        addressee_side=issue.side,
        version=(previous or 0) + 1,
        document_number=issue.data.document_number,
        title=SPECS[issue.kind].title,
        addressee="　".join(
            p for p in (issue.data.represented, issue.data.addressee_name, issue.data.honorific) if p
        ),
        addressee_party=issue.party,
        channel=issue.channel,
        dispatch_date=issue.dispatch,
        file=name,
        sha256=digest,
        template=template,
        template_version=template.version if template is not None else 0,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        event_type=AuditEvent.Type.DOCUMENT_ISSUED,
        actor=actor,
        case_id=case.pk if case is not None else None,
        document=doc.pk,
        claim=claim.pk if claim is not None else None,
        kind=doc.kind,
        number=doc.document_number,
        version=doc.version,
        side=doc.addressee_side,
        channel=doc.channel,
        dispatch_date=doc.dispatch_date.isoformat(),
        sha256=doc.sha256,
        template_version=doc.template_version,
    )
    return doc
