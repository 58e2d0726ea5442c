"""Messages between a party and the secretariat on a case, with attachments (OD-01, issue #8 item 5).

A thread is one side's of one case: the applicant (or its agent) and the respondent (a person, or
the insurer's or co-op's user) each write to the secretariat and read its answers, never the other
side's. Attachments pass the evidence upload checks (DP-03). A message is correspondence, not a
change of the case record: it writes no ledger line and leaves the case's version alone, so a desk
form open on the case does not go stale when a party writes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from chotei import clock
from chotei.accounts.permissions import NotPermitted, require_operator, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Case, CaseParty
from chotei.disputes.selectors import party_sides
from chotei.disputes.services import uploads
from chotei.documents.files import file_read, file_write, removed_on_error
from chotei.portal.models import Message, MessageAttachment
from chotei.rules import application
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation

MAX_CHARS = 4000
ARTICLE = rules("第4条第3項", "DP-03")


@dataclass(frozen=True, slots=True)
class Upload:
    file_name: str
    content: bytes


def _checked_body(body: str) -> str:
    text = application.normalize(body)
    if not text:
        raise RuleViolation("メッセージの本文がありません", ARTICLE, field="body")
    if len(text) > MAX_CHARS:
        raise RuleViolation(
            f"メッセージは{MAX_CHARS}字までです（{len(text)}字でした）", ARTICLE, field="body"
        )
    return text


def _sender(user: Any, link: CaseParty | None) -> dict[str, Any]:
    """Who writes: the insurer's or co-op's organisation, else the party record the account speaks
    for on this case — the party itself, or its agent (代理人)."""
    if role_of(user) is not None:
        return {"sender_organization": user.profile.organization}
    if link is not None and link.agent_id and link.agent.portal_accounts.filter(user=user).exists():  # type: ignore[union-attr]
        return {"sender_party": link.agent}
    return {"sender_party": link.party if link else None}


def _write(
    *, token: uuid.UUID | None, case_id: int, uploads_: list[Upload], fields: dict[str, Any]
) -> Message:
    """One message, its attachments and its audit event together; a token seen before returns the
    message it made (a double click, a retry) and writes nothing more."""
    if token is not None:
        earlier = Message.objects.filter(token=token, author=fields["author"]).first()
        if earlier is not None:
            return earlier
    checked = [(u, uploads.check_upload(case_id, u.content)) for u in uploads_]
    try:
        with removed_on_error(), transaction.atomic():
            message = Message.objects.create(case_id=case_id, token=token, **fields)
            if not message.from_secretariat:
                Case.objects.filter(pk=case_id).update(unread_from_parties=True)
            for upload, check in checked:
                name, _ = file_write("attachments", upload.content, check.content_type)
                MessageAttachment.objects.create(
                    message=message,
                    file_name=upload.file_name[:200],
                    content_type=check.content_type,
                    file=name,
                    sha256=check.sha256,
                )
            audit_record(
                event_type=AuditEvent.Type.CASE_CHANGED,
                actor=fields["author"],
                case_id=case_id,
                action="message",
                message=message.pk,
                side=message.side,
                attachments=[c.sha256 for _, c in checked],
            )
    except IntegrityError:
        # Two submits with one token raced: the other one's message stands.
        return Message.objects.get(token=token, author=fields["author"])
    return message


def message_send(
    *, user: Any, case_id: int, body: str, attachments: list[Upload], token: uuid.UUID | None = None
) -> Message:
    """OD-01: a party writes to the secretariat on its own side's thread of its own case."""
    sides = party_sides(user, case_id)
    if not sides:
        raise NotPermitted("自らが当事者である事案についてのみメッセージを送れます")
    side = sorted(sides)[0]
    link = Case.objects.get(pk=case_id).party(side)
    fields = {"side": side, "author": user, "body": _checked_body(body), **_sender(user, link)}
    return _write(token=token, case_id=case_id, uploads_=attachments, fields=fields)


def message_reply(
    *,
    actor: Any,
    case_id: int,
    side: str,
    body: str,
    attachments: list[Upload],
    token: uuid.UUID | None = None,
) -> Message:
    """The secretariat answers one side's thread (OD-01)."""
    require_operator(actor)
    if side not in CaseParty.Side.values:
        raise RuleViolation("返信先の当事者を選んでください", ARTICLE, field="side")
    fields = {"side": side, "author": actor, "body": _checked_body(body), "from_secretariat": True}
    return _write(token=token, case_id=case_id, uploads_=attachments, fields=fields)


def thread(case_id: int, side: str) -> QuerySet[Message]:
    return (
        Message.objects.filter(case_id=case_id, side=side)
        .select_related("author", "sender_party", "sender_organization")
        .prefetch_related("attachments")
        .order_by("sent_at", "id")
    )


def party_thread_read(case_id: int, side: str) -> list[Message]:
    """The side's thread as its party reads it; the secretariat's answers become read."""
    messages = list(thread(case_id, side))
    Message.objects.filter(case_id=case_id, side=side, from_secretariat=True, read_at__isnull=True).update(
        read_at=clock.now()
    )
    return messages


def staff_threads_read(actor: Any, case_id: int) -> dict[str, list[Message]]:
    """Both sides' threads for the secretariat. The messages hold personal data, so the reading is
    audited like any other (DP-22, IM-06), and the parties' messages become read."""
    require_operator(actor)
    threads = {side: list(thread(case_id, side)) for side in CaseParty.Side.values}
    ids = [m.pk for t in threads.values() for m in t]
    with transaction.atomic():
        # The case row first, as every other writer of the case takes it before the audit chain's
        # lock; and a party's message written meanwhile then waits, so it is not left unread
        # under a cleared flag.
        Case.objects.filter(pk=case_id, unread_from_parties=True).update(unread_from_parties=False)
        Message.objects.filter(case_id=case_id, from_secretariat=False, read_at__isnull=True).update(
            read_at=clock.now()
        )
        if ids:
            audit_record(event_type=AuditEvent.Type.MESSAGE_READ, actor=actor, case_id=case_id, messages=ids)
    return threads


def unread_for_staff(case_id: int) -> QuerySet[Message]:
    return Message.objects.filter(case_id=case_id, from_secretariat=False, read_at__isnull=True)


def attachment_open(
    *, user: Any, case_id: int, attachment_id: int, side: str | None = None
) -> tuple[MessageAttachment, bytes]:
    """An attachment of this case's thread and its bytes from the documents storage: a party's own
    side only (``side``), staff any side; a staff opening is audited (DP-22). A file missing from
    the storage answers as absent (``chotei verify`` names it)."""
    qs = MessageAttachment.objects.select_related("message").filter(
        pk=attachment_id, message__case_id=case_id
    )
    if side is not None:
        qs = qs.filter(message__side=side)
    found = qs.first()
    if found is None:
        raise MessageAttachment.DoesNotExist
    if side is None:
        require_operator(user)
        audit_record(
            event_type=AuditEvent.Type.MESSAGE_READ,
            actor=user,
            case_id=case_id,
            messages=[found.message_id],
            attachment=found.pk,
        )
    data = file_read(found.file.name or "")
    if data is None:
        raise MessageAttachment.DoesNotExist
    return found, data
