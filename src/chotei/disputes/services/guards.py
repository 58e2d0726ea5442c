"""Who may act (IM-01): the desk, the API and the CLI all pass through these checks."""

from __future__ import annotations

from typing import Any

from chotei.accounts.models import Role
from chotei.accounts.permissions import Actor, NotPermitted, require_role, role_of
from chotei.disputes.selectors import party_sides


def operator(actor: Actor) -> None:
    """Secretariat or chair act on cases; ``None`` is the system itself (demo loader, CLI)."""
    if actor is not None:
        require_role(actor, Role.SECRETARIAT, Role.CHAIR)


def chair(actor: Actor) -> None:
    """Naming a panel is the chair's act (法23-7第2項); the secretariat prepares it."""
    if actor is not None:
        require_role(actor, Role.CHAIR, Role.SECRETARIAT)


def operator_or_party(actor: Actor, case: Any, side: str | None = None) -> None:
    """Staff, or an insurer / co-op user acting for its own organization's side of this case, or a
    portal party account for the side it speaks for (OD-01)."""
    role = role_of(actor)
    if actor is None or role not in (Role.INSURER, None) or (role is None and side is None):
        # Without a side the act is the insurer's or co-op's own (e.g. answering 法23-12 requests):
        # never a portal party's.
        operator(actor)
        return
    sides = party_sides(actor, case.pk)
    if not sides or (side is not None and side not in sides):
        raise NotPermitted("自らが当事者である立場についてのみ手続を行えます")
