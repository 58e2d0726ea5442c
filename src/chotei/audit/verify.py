"""記録の検証 — walk the hash chains and every stored file's digest (issue #10, DP-21, DP-22, IM-01).

The first broken row of each chain is named with its id and what it belongs to; a file whose bytes no
longer match the SHA-256 stored at issue or upload is named with its document number or title. A file
blanked by retention disposal (令16条) is accepted only when a disposal event in the audit chain lists it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from typing import Any

from chotei.accounts.permissions import Actor
from chotei.audit import chain
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.documents import files

_BATCH = 2000


@dataclasses.dataclass
class Report:
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _walk_chain(model: Any, label: str, describe: Any) -> tuple[int, str | None]:
    """Rows checked, and the first broken one described (or None)."""
    prev = chain.GENESIS
    count = 0
    for row in model.objects.order_by("pk").iterator(chunk_size=_BATCH):
        count += 1
        expected = chain.link(prev, chain.content_of(row, model.chain_fields))
        if row.prev_hash != prev:
            return (
                count,
                f"{label} 第{row.pk}行（{describe(row)}）: 直前の行との連結が切れています（行の削除又は挿入）",
            )
        if row.row_hash != expected:
            return count, f"{label} 第{row.pk}行（{describe(row)}）: 内容がハッシュと一致しません（改ざん）"
        prev = row.row_hash
    return count, None


def _disposed_ids(key: str) -> set[int]:
    ids: set[int] = set()
    for payload in AuditEvent.objects.filter(event_type=AuditEvent.Type.RETENTION).values_list(
        "payload", flat=True
    ):
        ids.update(payload.get(key, []))
    return ids


def _check_files(
    rows: Iterable[tuple[int, str, str, str]], label: str, disposed: set[int]
) -> tuple[int, list[str]]:
    """Each row's stored file (documents storage: media/ or the object store) against its digest."""
    count, problems = 0, []
    for pk, stored, digest, name in rows:
        count += 1
        if not stored:
            if pk not in disposed:
                problems.append(f"{label}「{name}」（ID {pk}）: 内容がありません（廃棄の記録なし）")
            continue
        data = files.file_read(stored)
        if data is None:
            problems.append(
                f"{label}「{name}」（ID {pk}）: ファイル {stored} が保管先にありません（削除又は紛失）"
            )
        elif hashlib.sha256(data).hexdigest() != digest:
            problems.append(
                f"{label}「{name}」（ID {pk}）: ファイル {stored} が保存時のSHA-256と一致しません（改ざん）"
            )
    return count, problems


def records_verify(*, actor: Actor = None) -> Report:
    """Check both chains, every issued document and uploaded file, and the database guards; record
    the outcome as an audit event so the auditor sees when the records were last verified."""
    from chotei.disputes.models import LedgerLine, Submission
    from chotei.documents.models import IssuedDocument
    from chotei.portal.models import AgentMandate, MessageAttachment

    report = Report()
    for model, label, describe in (
        (LedgerLine, "帳簿", lambda r: f"事案ID {r.case_id}、{r.on.isoformat()}、{r.action}"),
        (AuditEvent, "監査ログ", lambda r: f"{r.at:%Y-%m-%d %H:%M}、{r.get_event_type_display()}"),
    ):
        count, broken = _walk_chain(model, label, describe)
        report.counts[label] = count
        if broken:
            report.problems.append(broken)

    docs = IssuedDocument.objects.order_by("pk").values_list("pk", "file", "sha256", "document_number")
    count, problems = _check_files(docs.iterator(chunk_size=200), "発出文書", _disposed_ids("document_ids"))
    report.counts["発出文書"] = count
    report.problems += problems
    uploads = (
        Submission.objects.exclude(sha256="").order_by("pk").values_list("pk", "file", "sha256", "title")
    )
    count, problems = _check_files(
        uploads.iterator(chunk_size=200), "提出書類", _disposed_ids("submission_ids")
    )
    report.counts["提出書類"] = count
    report.problems += problems
    mandates = AgentMandate.objects.order_by("pk").values_list("pk", "file", "sha256", "file_name")
    count, problems = _check_files(mandates.iterator(chunk_size=200), "委任状", set())
    report.counts["委任状"] = count
    report.problems += problems
    attachments = MessageAttachment.objects.order_by("pk").values_list("pk", "file", "sha256", "file_name")
    count, problems = _check_files(attachments.iterator(chunk_size=200), "メッセージの添付ファイル", set())
    report.counts["メッセージの添付ファイル"] = count
    report.problems += problems

    report.problems += [
        f"改ざん防止トリガー {name} がありません（chotei manage migrate で再作成）"
        for name in chain.missing_guards()
    ]
    audit_record(
        event_type=AuditEvent.Type.VERIFIED,
        actor=actor,
        ok=report.ok,
        counts=report.counts,
        problems=report.problems[:20],
    )
    return report
