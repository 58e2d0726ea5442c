"""Issuing documents (being written)."""

from __future__ import annotations

from typing import Any


def case_notices_issue(
    *, case_id: int, kinds: list[str], actor_id: int | None = None, **extra: Any
) -> list[Any]:
    return []
