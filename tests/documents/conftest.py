"""Fixtures of the documents tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def doc_artifacts(artifacts: Path) -> Path:
    return artifacts / "documents"


@pytest.fixture
def staff(world: Any) -> Any:
    return world.users["secretariat"]


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """``with committed():`` runs the block's on-commit hooks (the notice tasks) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def make_case(world: Any, committed: Any) -> Any:
    """The shared factory, with the notices its steps queue issued as after a real commit."""

    def make(state: str = "received", **overrides: Any) -> Any:
        with committed():
            case = world.make_case(state, **overrides)
        case.refresh_from_db()
        return case

    return make
