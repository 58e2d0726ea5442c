from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def as_role(world: Any) -> Any:
    """A test client logged in as the world's user of ``role``."""

    def login(role: str) -> Client:
        client = Client()
        client.force_login(world.users[role])
        return client

    return login


def post_action(client: Client, case: Any, action: str, confirmed: bool = True, **data: Any) -> Any:
    """POST an action's form; ``confirmed`` as if the clerk pressed 「確定する」 on the confirmation
    page the steps that cannot be undone show first (issue 9 item 4)."""
    return client.post(
        f"/desk/cases/{case.pk}/actions/{action}/", {**data, **({"confirmed": "1"} if confirmed else {})}
    )


def fresh(case: Any) -> Any:
    case.refresh_from_db()
    return case
