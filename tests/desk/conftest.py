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


def post_action(client: Client, case: Any, action: str, **data: Any) -> Any:
    return client.post(f"/desk/cases/{case.pk}/actions/{action}/", data)


def fresh(case: Any) -> Any:
    case.refresh_from_db()
    return case
