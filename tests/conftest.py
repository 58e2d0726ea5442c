"""Shared fixtures: a realistic cast (victim 山田 太郎 against あおば損害保険), committee members and
one user per role. Django-free tests under tests/rules do not touch these."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check rules, not speed: on a loaded two-core CI machine a first call that loads the
# holiday tables can take a second, which hypothesis would report as a flaky failure.
hypothesis_settings.register_profile("chotei", deadline=None)
hypothesis_settings.load_profile("chotei")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def shots(artifacts: Path) -> Path:
    """Where browser tests leave their screenshots for a human to look at."""
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pytest_configure(config: pytest.Config) -> None:
    # Notices are issued synchronously in tests so their effects can be asserted. pytest-django may
    # have loaded the settings already, so set both the variable and the live setting.
    os.environ["CHOTEI_TASK_BACKEND"] = "immediate"
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Password hashing is deliberately slow in production; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests of other things log in with force_login or the password alone; tests/accounts/
    # test_second_factor.py and the browser's test_second_factor.py turn the second factor on.
    settings.CHOTEI_STAFF_TOTP = False
    # Stored files (chotei.documents.files) go to a folder of this run, never the worktree's var/.
    media = Path(tempfile.mkdtemp(prefix="chotei-media-"))
    atexit.register(shutil.rmtree, media, ignore_errors=True)
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {**settings.STORAGES["documents"], "OPTIONS": {"location": media}},
    }
    _allow_flush_of_guarded_tables()


def _allow_flush_of_guarded_tables() -> None:
    """Transactional tests empty every table between tests; the ledger's and audit log's guards
    (issue #10) refuse that everywhere else."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from chotei.audit import chain

    flush = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: Any) -> None:
        with chain.erasing(self.connection):
            flush(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]


@pytest.fixture
def world(db: Any) -> Any:
    from tests.factories import World

    return World.build()


@pytest.fixture
def make_case(world: Any) -> Any:
    return world.make_case


@pytest.fixture
def board(world: Any) -> Any:
    """The board meeting that chose or dismissed members before the requests (CM-02)."""
    from tests.factories import board_meeting

    return board_meeting(world.staff)


@pytest.fixture
def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def issue_document() -> Any:
    """``issue_document(case, side)`` — a stored notice without rendering one."""
    from chotei.documents.files import file_write
    from chotei.documents.models import IssuedDocument

    def make(case: Any, side: str = "applicant", number: str = "") -> Any:
        name, _ = file_write("issued", b"%PDF-1.4\n% test\n")
        return IssuedDocument.objects.create(
            case=case,
            kind="receipt",
            addressee_side=side,
            document_number=number or f"{case.number}-受付-{side}",
            title="紛争処理申請の受付について",
            addressee="山田 太郎",
            channel=IssuedDocument.Channel.POST,
            dispatch_date=dt.date(2026, 10, 2),
            file=name,
            sha256="0" * 64,
        )

    return make
