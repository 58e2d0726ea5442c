"""Helpers for the dispute-service tests: the current version of a case, and the notices queued."""

from __future__ import annotations

from typing import Any

import pytest


def submission(world: Any, case: Any, **kw: Any) -> Any:
    """An evidence file uploaded by the secretariat for the applicant; ``kw`` overrides any item."""
    from chotei.disputes.services import proceedings

    args: dict[str, Any] = dict(
        actor=world.staff,
        case_id=case.pk,
        side="applicant",
        kind="evidence",
        channel="upload",
        title="後遺障害診断書",
        file_name="shindansho.pdf",
        content=b"%PDF-1.7 \xe8\xa8\xba\xe6\x96\xad\xe6\x9b\xb8 evidence",
    )
    args.update(kw)
    return proceedings.submission_record(**args)


def version(case: Any) -> int:
    from chotei.disputes.models import Case

    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any) -> Any:
    """Notices the services queue after commit, as (case_id, kinds, extra), and the ledger line of the
    step that queued each (``steps``); ``with notices():`` runs the on-commit hooks of the block, as
    a real commit would."""
    sent: list[tuple[int, list[str], dict[str, Any]]] = []
    steps: list[int] = []

    class Task:
        # Stands in for documents.tasks.issue_case_notices, whatever task backend is configured.
        @staticmethod
        def enqueue(
            *, case_id: int, kinds: list[str], step_id: int, actor_id: int | None = None, **extra: Any
        ) -> None:
            sent.append((case_id, list(kinds), extra))
            steps.append(step_id)

    monkeypatch.setattr("chotei.documents.tasks.issue_case_notices", Task)

    class Capture:
        def __call__(self) -> Any:
            return django_capture_on_commit_callbacks(execute=True)

        @property
        def sent(self) -> list[tuple[int, list[str], dict[str, Any]]]:
            return sent

        @property
        def steps(self) -> list[int]:
            return steps

        def kinds(self) -> list[str]:
            return [k for _, kinds, _ in sent for k in kinds]

    return Capture()
