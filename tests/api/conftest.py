"""API test helpers: a client per role, each holding a real bearer token."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.test import Client

from chotei.accounts.models import ApiToken
from chotei.disputes.models import Case

BASE = "/api/v1"


@dataclasses.dataclass
class Api:
    client: Client
    token: str | None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params, headers=self._headers())

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(
            BASE + path,
            body if body is not None else {},
            content_type="application/json",
            headers=self._headers(),
        )

    def act(self, case: Case, action: str, **params: Any) -> Any:
        case.refresh_from_db()
        return self.post(f"/cases/{case.pk}/actions/{action}", {"version": case.version, **params})


@pytest.fixture
def api_as(world: Any) -> Any:
    """``api_as("secretariat")`` — a client authenticated with a fresh token of that role's user."""

    def make(role: str) -> Api:
        _, raw = ApiToken.issue(world.users[role], f"test-{role}")
        return Api(Client(), raw)

    return make


@pytest.fixture
def staff_api(api_as: Any) -> Api:
    return api_as("secretariat")


@pytest.fixture
def insurer_api(api_as: Any) -> Api:
    """A user of あおば損害保険, the respondent of the world's default case."""
    return api_as("insurer")


@pytest.fixture
def coop_case(world: Any) -> Case:
    """A case against みなと共済 — not one あおば損害保険's token may see."""
    from chotei.disputes.services.intake import PartyInput
    from chotei.parties.models import Party

    coop = Party.objects.get(organization=world.coop)
    return world.make_case(
        respondent=PartyInput(name=coop.name, address=coop.address, party_id=coop.pk, kind=coop.kind),
        respondent_role="coop",
    )
