"""Opening an uploaded statement or evidence file (DP-03, DP-22, IM-01).

Whoever may see the case may open its submissions (a member only on their panel's cases, an insurer
or co-op only on its own cases); anyone else gets NotFound, as if absent. Every opening is audited,
and the file is checked against the SHA-256 recorded on receipt before it is handed out.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from typing import Any

from chotei.accounts.permissions import NotPermitted, role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.disputes.models import Submission
from chotei.disputes.selectors import cases_visible_to
from chotei.disputes.services.core import NotFound
from chotei.documents.files import file_read
from chotei.rules import retention
from chotei.rules.articles import rules
from chotei.rules.errors import RuleViolation

FALLBACK_TYPE = "application/octet-stream"
_TOKEN = r"[a-z0-9][a-z0-9!#$&^_.+-]*"  # noqa: S105 — an RFC 6838 name pattern, not a secret
# type/subtype with optional parameters (text/plain; charset=utf-8); anything else would let a
# client inject header syntax when the file is served.
MEDIA_TYPE = re.compile(rf"{_TOKEN}/{_TOKEN}(\s*;\s*{_TOKEN}=[a-z0-9_.-]+)*", re.IGNORECASE)
MEDIA_TYPE_MAX = Submission._meta.get_field("content_type").max_length or 100


class DigestMismatch(Exception):
    """The stored file no longer matches its SHA-256 of receipt: refused, never served (HTTP 409)."""


def media_type(declared: str, file_name: str) -> str:
    """The content type to keep with an upload: as declared, else guessed from the file name."""
    value = declared.strip() or mimetypes.guess_type(file_name)[0] or FALLBACK_TYPE
    if len(value) > MEDIA_TYPE_MAX or not MEDIA_TYPE.fullmatch(value):
        raise RuleViolation(
            f"ファイルの種類「{value[:40]}」は受け付けられません（例: application/pdf）",
            rules("第4条第3項", "DP-03"),
            field="content_type",
        )
    return value


def submission_open(user: Any, submission_id: int, case_id: int | None = None) -> tuple[Submission, bytes]:
    """The submission and its file's bytes (from the documents storage), if the user may see its
    case; audited whether or not the file is still intact, so a failed check is on record too."""
    if role_of(user) is None:
        raise NotPermitted("ログインしてください")
    found = Submission.objects.filter(pk=submission_id, case__in=cases_visible_to(user))
    if case_id is not None:
        found = found.filter(case_id=case_id)
    sub = found.first()
    if sub is None:
        raise NotFound(f"提出書類 {submission_id} は見つかりません")
    if not sub.file.name:
        reason = (
            f"保存期間の経過により内容を廃棄しました（{retention.RETENTION_ARTICLE}）"
            if sub.sha256
            else "郵送で提出された書類のため、ファイルはありません"
        )
        raise NotFound(f"提出書類「{sub.title}」: {reason}")
    data = file_read(sub.file.name)
    intact = data is not None and hashlib.sha256(data).hexdigest() == sub.sha256
    audit_record(
        event_type=AuditEvent.Type.SUBMISSION_OPENED,
        actor=user,
        case_id=sub.case_id,
        submission=sub.pk,
        file_name=sub.file_name,
        sha256=sub.sha256,
        intact=intact,
    )
    if data is None:
        raise DigestMismatch(
            f"提出書類「{sub.title}」のファイルが保管先に見つかりません。事務局（システム管理者）に連絡してください"
        )
    if not intact:
        raise DigestMismatch(
            f"提出書類「{sub.title}」のファイルは受領時の記録（SHA-256）と一致しないため、提供できません。"
            "改ざん又は破損のおそれがあります。事務局（システム管理者）に連絡してください"
        )
    return sub, data
