"""Who may act (IM-01): the desk, the API and the CLI all pass through these checks."""

from __future__ import annotations

from typing import Any

from chotei.accounts.models import Role
from chotei.accounts.permissions import require_role


def operator(actor: Any) -> None:
    """Secretariat or chair act on cases; ``None`` is the system itself (demo loader, CLI)."""
    if actor is not None:
        require_role(actor, Role.SECRETARIAT, Role.CHAIR)


def chair(actor: Any) -> None:
    """Naming a panel is the chair's act (法23-7第2項); the secretariat prepares it."""
    if actor is not None:
        require_role(actor, Role.CHAIR, Role.SECRETARIAT)
