"""Model texts (文例) of the notices, reviewed by someone other than their author (CP-05)."""

from __future__ import annotations

import string

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, require_role
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.services.core import NotFound
from chotei.documents.models import (
    NoticeTemplate,
)
from chotei.rules.articles import Article
from chotei.rules.errors import RuleViolation
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.notices.placeholders import check_template, placeholders
from chotei.rules.notices.texts import DEFAULT_TEMPLATES

# CP-05: model texts are reviewed (指針 Ⅱ-3-6-2⑤コ(エ)); the author cannot be the reviewer.
GUIDELINE_REVIEW = Article("指針", "Ⅱ-3-6-2⑤コ(エ)", "CP-05")
# Who reviews the model texts (文例); the desk menu and pages ask this too. A tuple: refusals list the
# roles in this order.
TEMPLATE_ROLES = (Role.SECRETARIAT, Role.CHAIR, Role.ADMIN)


def effective_template(kind: NoticeKind) -> NoticeTemplate | None:
    """CP-05: the latest approved model text of ``kind``; ``None`` means the built-in default."""
    return (
        NoticeTemplate.objects.filter(kind=kind.value, approved_at__isnull=False).order_by("-version").first()
    )


def _used(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def template_required(kind: NoticeKind) -> frozenset[str]:
    """The placeholders a model text must keep: those the built-in text uses for required items,
    so a reviewed text can never drop what the regime requires the notice to state."""
    spec = SPECS[kind]
    required = {req[0] for req in spec.required} | {"case_number", "ground_article", "table"}
    return frozenset(_used(DEFAULT_TEMPLATES[kind]) & required & placeholders(kind))


def template_propose(*, actor: Actor, kind: str, text: str) -> NoticeTemplate:
    """A new version of a kind's model text; it takes effect only once someone else approves it."""
    require_role(actor, *TEMPLATE_ROLES)
    parsed = NoticeKind(kind)
    text = text.replace("\r\n", "\n").strip("\n")
    if not text.strip():
        raise RuleViolation("文例の本文がありません", GUIDELINE_REVIEW, field="text")
    try:
        check_template(parsed, text)
    except ValueError as exc:
        raise RuleViolation(str(exc), GUIDELINE_REVIEW, field="text") from exc
    missing = sorted(template_required(parsed) - _used(text))
    if missing:
        raise RuleViolation(
            f"文例に必須事項の差込項目がありません: {'、'.join('{' + m + '}' for m in missing)}",
            SPECS[parsed].article,
            field="text",
        )
    with transaction.atomic():
        last = (
            NoticeTemplate.objects.select_for_update()
            .filter(kind=parsed.value)
            .aggregate(v=Max("version"))["v"]
        )
        template = NoticeTemplate.objects.create(
            kind=parsed.value, version=(last or 0) + 1, text=text, created_by=actor
        )
        audit_record(
            event_type=AuditEvent.Type.TEMPLATE,
            actor=actor,
            action="propose",
            template=template.pk,
            kind=parsed.value,
            version=template.version,
        )
    return template


def template_approve(*, actor: Actor, template_id: int) -> NoticeTemplate:
    """Approve a model text; the author may not approve their own (CP-05, 指針 Ⅱ-3-6-2⑤コ(エ))."""
    require_role(actor, *TEMPLATE_ROLES)
    with transaction.atomic():
        template = NoticeTemplate.objects.select_for_update().filter(pk=template_id).first()
        if template is None:
            raise NotFound(f"文例 {template_id} は見つかりません")
        if template.approved_at is not None:
            raise RuleViolation(
                f"文例（第{template.version}版）は承認済みです", GUIDELINE_REVIEW, field="template"
            )
        if template.created_by_id == actor.pk:
            raise RuleViolation(
                "文例は作成者以外の者が確認して承認してください（作成者自身は承認できません）",
                GUIDELINE_REVIEW,
                field="approved_by",
            )
        template.approved_by = actor
        template.approved_at = timezone.now()
        template.save(update_fields=["approved_by", "approved_at"])
        audit_record(
            event_type=AuditEvent.Type.TEMPLATE,
            actor=actor,
            action="approve",
            template=template.pk,
            kind=template.kind,
            version=template.version,
            author=template.created_by_id,
        )
    return template
