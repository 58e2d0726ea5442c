"""Token authentication (IM-01): no token, a wrong one or a revoked one gets 401 with a Japanese reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from chotei.accounts.models import ApiToken
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_im01_missing_token_is_401_in_japanese(world: Any) -> None:
    response = Api(Client(), None).get("/cases")
    assert response.status_code == 401
    assert "APIトークン" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_im01_unknown_token_is_401(world: Any) -> None:
    assert Api(Client(), "ch_not-a-token").get("/cases").status_code == 401


def test_im01_basic_scheme_is_not_accepted(staff_api: Api) -> None:
    response = staff_api.client.get("/api/v1/cases", headers={"Authorization": f"Basic {staff_api.token}"})
    assert response.status_code == 401


def test_im01_revoked_token_is_401(world: Any) -> None:
    token, raw = ApiToken.issue(world.staff, "revoked")
    assert Api(Client(), raw).get("/cases").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    assert Api(Client(), raw).get("/cases").status_code == 401


def test_im01_inactive_user_token_is_401(world: Any) -> None:
    _, raw = ApiToken.issue(world.staff, "inactive")
    world.staff.is_active = False
    world.staff.save(update_fields=["is_active"])
    assert Api(Client(), raw).get("/cases").status_code == 401


def test_only_the_digest_is_stored(world: Any) -> None:
    token, raw = ApiToken.issue(world.staff, "digest")
    assert raw not in token.digest and len(token.digest) == 64


def test_schema_and_docs_are_published(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/cases/{case_id}/actions/{action}" in schema["paths"]
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert client.get("/api/docs").status_code == 200
