"""Issue #10 item 6: documents go through Django's storage API, so an S3-compatible object store can
hold them (django-storages, tested against moto's in-process S3: no network). A notice issued and a
file uploaded land in the bucket, are read back through the same services, verify, are named by
`chotei verify` when altered or missing in the bucket, and are carried by `chotei backup`
(DP-20, DP-21, DP-22)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chotei.audit.verify import records_verify
from chotei.disputes.models import Submission
from chotei.disputes.services import core
from chotei.disputes.services.evidence import submission_open
from chotei.documents import services
from chotei.documents.models import IssuedDocument
from chotei.operations.backup import backup_write
from chotei.operations.checks import documents_storage_check
from chotei.rules.states import CaseState
from tests.disputes.conftest import submission

pytestmark = pytest.mark.django_db
BUCKET = "chotei-documents"


@pytest.fixture
def bucket(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The documents storage switched to S3Storage on a mocked bucket, as CHOTEI_STORAGE=s3 sets it."""
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(var, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-northeast-1")
    with mock_aws():
        s3 = boto3.client("s3", region_name="ap-northeast-1")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
        settings.STORAGES = {
            **settings.STORAGES,
            "documents": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "ap-northeast-1",
                    "file_overwrite": False,
                    "location": "chotei",
                },
            },
        }
        yield s3


def _keys(s3: Any) -> set[str]:
    return {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db(transaction=True)  # the backup reads the database as committed
def test_dp22_notices_and_uploads_round_trip_through_the_object_store(
    world: Any, bucket: Any, tmp_path: Path
) -> None:
    case = world.make_case(CaseState.RECEIVED)
    doc = IssuedDocument.objects.filter(case=case).first()
    assert doc is not None and doc.file.name.startswith("issued/")
    sub = submission(world, case)
    assert {f"chotei/{doc.file.name}", f"chotei/{sub.file.name}"} <= _keys(bucket)

    assert services.document_content(doc).startswith(b"%PDF")
    opened, data = submission_open(world.staff, sub.pk, case.pk)
    assert opened == sub and data == b"%PDF-1.7 \xe8\xa8\xba\xe6\x96\xad\xe6\x9b\xb8 evidence"
    assert records_verify().ok

    archive = tmp_path / "backup.tar.gz"
    backup_write(archive)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {f"media/{doc.file.name}", f"media/{sub.file.name}"} <= names

    bucket.put_object(Bucket=BUCKET, Key=f"chotei/{sub.file.name}", Body=b"forged")
    bucket.delete_object(Bucket=BUCKET, Key=f"chotei/{doc.file.name}")
    problems = records_verify().problems
    assert (
        f"発出文書「{doc.document_number}」（ID {doc.pk}）: ファイル {doc.file.name} が保管先にありません（削除又は紛失）"
        in problems
    )
    assert any(p.startswith("提出書類「後遺障害診断書」") and "SHA-256" in p for p in problems)


def test_dp22_a_rolled_back_upload_leaves_no_object(
    world: Any, bucket: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file stored by a change that then fails (here its ledger line) is removed with the rollback."""
    case = world.make_case(CaseState.ACCEPTED)
    before = _keys(bucket)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("ledger unavailable")

    monkeypatch.setattr(core, "ledger_write", broken)
    with pytest.raises(RuntimeError, match="ledger unavailable"):
        submission(world, case)
    assert _keys(bucket) == before and not Submission.objects.filter(case=case).exists()


def test_chotei_storage_s3_selects_the_object_store_from_the_environment(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CHOTEI_DATA_DIR": str(tmp_path),
        "CHOTEI_STORAGE": "s3",
        "CHOTEI_S3_BUCKET": "chotei-prod",
        "CHOTEI_S3_ENDPOINT_URL": "https://s3.example.jp",
        "CHOTEI_S3_PREFIX": "documents",
    }
    code = "from django.conf import settings; print(settings.STORAGES['documents'])"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "chotei.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "storages.backends.s3.S3Storage" in out and "chotei-prod" in out and "s3.example.jp" in out
    assert "'file_overwrite': False" in out


def test_the_object_store_without_a_bucket_stops_the_start(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": ""}},
    }
    assert [e.id for e in documents_storage_check()] == ["chotei.E005"]
