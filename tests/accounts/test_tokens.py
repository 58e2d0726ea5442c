"""API tokens (IM-01): issued, listed and revoked only by the system administrator, by the console
(``chotei token``) or the desk page, each action audited; the raw token is shown once."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from chotei.accounts import services
from chotei.accounts.models import ApiToken, token_digest
from chotei.accounts.permissions import NotPermitted
from chotei.audit.models import AuditEvent
from chotei.rules.errors import RuleViolation

pytestmark = pytest.mark.django_db


def _token_events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=AuditEvent.Type.API_TOKEN, payload__action=action))


def _api_status(raw: str) -> int:
    return Client().get("/api/v1/grounds", headers={"Authorization": f"Bearer {raw}"}).status_code


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_im01_cli_issue_list_revoke_round_trip(world: Any) -> None:
    out = _run("issue", "--user", "insurer", "--name", "支払通知システム")
    raw = out.strip().splitlines()[-1]
    token = ApiToken.objects.get(user=world.users["insurer"])
    assert token.digest == token_digest(raw) and raw not in token.digest
    assert "二度と表示されません" in out and _api_status(raw) == 200
    (event,) = _token_events("issue")
    assert event.actor is None and event.payload["channel"] == "cli"
    assert event.payload["user"] == "insurer" and event.payload["token"] == token.pk
    assert raw not in str(event.payload)

    listing = _run("list", "--user", "insurer")
    assert f"{token.pk}\tinsurer\t支払通知システム" in listing and "有効" in listing
    assert _token_events("list")[0].payload["user"] == "insurer"

    assert "失効させました" in _run("revoke", str(token.pk))
    assert _api_status(raw) == 401
    assert _token_events("revoke")[0].payload["token"] == token.pk
    assert "失効" in _run("list")


def test_im01_cli_refusals_are_japanese_and_write_nothing(world: Any) -> None:
    with pytest.raises(CommandError, match="利用者「nobody」は登録されていません"):
        _run("issue", "--user", "nobody", "--name", "x")
    with pytest.raises(CommandError, match="トークンの名称"):
        _run("issue", "--user", "insurer", "--name", "　")
    with pytest.raises(CommandError, match="APIトークン 999 は見つかりません"):
        _run("revoke", "999")
    assert not ApiToken.objects.exists() and not _token_events("issue")


def test_im01_inactive_user_gets_no_token(world: Any) -> None:
    user = world.users["insurer"]
    user.is_active = False
    user.save()
    with pytest.raises(RuleViolation) as exc:
        services.token_issue(actor=None, username="insurer", name="x")
    assert exc.value.field == "user" and exc.value.obligation == "IM-01"


@pytest.mark.parametrize("role", ["secretariat", "chair", "auditor", "insurer", "member"])
def test_im01_only_the_administrator_manages_tokens(world: Any, role: str) -> None:
    actor = world.users[role]
    with pytest.raises(NotPermitted):
        services.token_issue(actor=actor, username="insurer", name="x")
    with pytest.raises(NotPermitted):
        services.token_list(actor=actor)
    token, _ = ApiToken.issue(world.users["insurer"], "t")
    with pytest.raises(NotPermitted):
        services.token_revoke(actor=actor, token_id=token.pk)
    assert not ApiToken.objects.get(pk=token.pk).revoked


def test_im01_revoking_twice_is_refused(world: Any) -> None:
    token, _ = services.token_issue(actor=world.users["admin"], username="insurer", name="t")
    services.token_revoke(actor=world.users["admin"], token_id=token.pk)
    with pytest.raises(RuleViolation, match="失効済み"):
        services.token_revoke(actor=world.users["admin"], token_id=token.pk)
    assert len(_token_events("revoke")) == 1


def _desk(world: Any, role: str = "admin") -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def test_im01_desk_page_issues_showing_the_token_once_then_revokes(world: Any) -> None:
    client = _desk(world)
    assert 'href="/desk/tokens/"' in client.get("/desk/").content.decode()
    response = client.post("/desk/tokens/", {"user": "insurer", "name": "あおば 支払システム"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=world.users["insurer"])
    page = response.content.decode()
    raw = page.split('<code class="token" style="user-select: all; word-break: break-all">')[1].split("<")[0]
    assert token.digest == token_digest(raw) and "二度と表示できません" in page
    assert raw not in client.get("/desk/tokens/").content.decode()
    issue = _token_events("issue")[0]
    assert issue.actor == world.users["admin"] and issue.payload["channel"] == "desk"

    revoked = client.post(f"/desk/tokens/{token.pk}/revoke/", follow=True)
    assert "を失効させました" in revoked.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked and _api_status(raw) == 401
    assert _token_events("revoke")[0].actor == world.users["admin"]


def test_im01_desk_issue_refusal_names_the_field(world: Any) -> None:
    response = _desk(world).post("/desk/tokens/", {"user": "insurer", "name": ""})
    assert response.status_code == 422 and "「名称（用途）」を入力してください" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ["secretariat", "chair", "auditor", "member"])
def test_im01_desk_page_is_for_the_administrator_only(world: Any, role: str) -> None:
    client = _desk(world, role)
    assert client.get("/desk/tokens/").status_code == 403
    token, _ = ApiToken.issue(world.users["insurer"], "t")
    assert client.post(f"/desk/tokens/{token.pk}/revoke/").status_code == 403
    assert not ApiToken.objects.get(pk=token.pk).revoked
    assert 'href="/desk/tokens/"' not in client.get("/desk/").content.decode()
