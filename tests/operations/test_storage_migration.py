"""Issue #10 item 6: the data migrations move the database blobs of issued documents, submissions and
mandates into the documents storage, keeping every row's SHA-256, and the hash chains still verify
(DP-20, DP-21, DP-22)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chotei.audit.verify import records_verify
from chotei.disputes.models import CaseParty, Submission
from chotei.documents import files
from chotei.documents.models import IssuedDocument
from chotei.portal.models import AgentMandate
from chotei.rules.states import CaseState
from tests.disputes.conftest import submission
from tests.factories import stored

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("documents", "0007_desk3_labels"),
    ("disputes", "0012_fin_lawsuit_ground"),
    ("portal", "0002_portal_mandates"),
]
MODELS = {
    "documents.IssuedDocument": "pdf",
    "disputes.Submission": "content",
    "portal.AgentMandate": "content",
}


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [
        key for key in executor.loader.graph.leaf_nodes() if key[0] in {"documents", "disputes", "portal"}
    ]


def test_dp20_dp22_blobs_move_into_the_storage_with_their_digests(world: Any) -> None:
    case = world.make_case(CaseState.ACCEPTED)
    sub = submission(world, case)
    name, digest = files.file_write("mandates", b"%PDF-1.4 mandate", "application/pdf")
    AgentMandate.objects.create(
        case_party=CaseParty.objects.filter(case=case).first(),
        agent_kind="lawyer",
        file_name="委任状.pdf",
        content_type="application/pdf",
        file=name,
        sha256=digest,
        recorded_by=world.staff,
    )
    rows = [*IssuedDocument.objects.filter(case=case), sub, AgentMandate.objects.get()]
    before = {(type(r).__name__, r.pk): (stored(r), r.sha256, r.file.name) for r in rows}
    assert all(data for data, _, _ in before.values()) and len(before) >= 3

    try:
        # Back to the blob columns (the reverse migration fills them), then the files are removed:
        # what the forward migration finds is a database of blobs, as before issue #10 item 6.
        old = _migrate(BEFORE)
        for label, blob in MODELS.items():
            model = old.get_model(*label.split("."))
            for pk, data in model.objects.values_list("pk", blob):
                key = (model.__name__, pk)
                if key in before:
                    assert bytes(data) == before[key][0]
        for _, _, stored_name in before.values():
            files.storage().delete(stored_name)
    finally:
        _migrate(_latest())

    for model in (IssuedDocument, Submission, AgentMandate):
        for row in model.objects.filter(pk__in=[pk for (kind, pk) in before if kind == model.__name__]):
            data, digest, old_name = before[(model.__name__, row.pk)]
            assert stored(row) == data and row.sha256 == digest
            assert row.file.name != old_name and digest in row.file.name
    assert records_verify().ok
