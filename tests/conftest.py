"""Shared fixtures: a realistic cast (victim 山田 太郎 against あおば損害保険), committee members and
one user per role. Django-free tests under tests/rules do not touch these."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_configure(config: pytest.Config) -> None:
    # Notices are issued synchronously in tests so their effects can be asserted. pytest-django may
    # have loaded the settings already, so set both the variable and the live setting.
    os.environ["CHOTEI_TASK_BACKEND"] = "immediate"
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Password hashing is deliberately slow in production; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
