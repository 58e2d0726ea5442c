"""Party accounts (issue #8 item 2): allauth sign-up with a real e-mail, login, reset, TOTP, lockout;
staff and party accounts kept apart (IM-01). Mail arrives on a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from chotei.audit.models import AuditEvent
from chotei.portal.models import PartyAccount
from tests.factories import PASSWORD
from tests.portal.conftest import PARTY_PASSWORD, Mailbox

pytestmark = pytest.mark.django_db


def _login(client: Client, login: str, password: str) -> Any:
    return client.post("/portal/accounts/login/", {"login": login, "password": password})


def test_sign_up_needs_the_mailed_confirmation_then_lands_on_my_page(mailbox: Mailbox) -> None:
    client = Client()
    response = client.post(
        "/portal/accounts/signup/",
        {"email": "hanako@example.jp", "password1": PARTY_PASSWORD, "password2": PARTY_PASSWORD},
    )
    assert response.status_code == 302
    assert len(mailbox.messages) == 1
    assert mailbox.messages[0]["To"] == "hanako@example.jp"
    assert "紛争処理機構" in mailbox.messages[0]["Subject"]
    # Not confirmed yet: my page is not open.
    assert client.get("/portal/").status_code == 302
    # A login before confirmation is sent to "confirm your address", not in.
    assert _login(Client(), "hanako@example.jp", PARTY_PASSWORD)["Location"] != "/portal/"
    path = mailbox.link("/portal/accounts/confirm-email/").split("testserver", 1)[-1]
    assert client.post(path)["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200
    user = User.objects.get(email="hanako@example.jp")
    assert PartyAccount.objects.filter(user=user).exists()
    # IM-01: the login is logged like the desk's.
    assert AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN, actor=user).exists()


def test_login_and_logout(party_client: Client) -> None:
    party_client.post("/portal/accounts/logout/")
    assert party_client.get("/portal/").status_code == 302
    assert _login(party_client, "taro@example.jp", PARTY_PASSWORD)["Location"] == "/portal/"
    assert "マイページ" in party_client.get("/portal/").content.decode()


def test_password_reset_through_the_mailed_link(party_client: Client, mailbox: Mailbox) -> None:
    client = Client()
    client.post("/portal/accounts/password/reset/", {"email": "taro@example.jp"})
    link = mailbox.link("/portal/accounts/password/reset/key/").split("testserver", 1)[-1]
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": "atarashii-2026!", "password2": "atarashii-2026!"})
    assert response.status_code == 302
    assert _login(Client(), "taro@example.jp", "atarashii-2026!")["Location"] == "/portal/"
    assert _login(Client(), "taro@example.jp", PARTY_PASSWORD).status_code == 200


def test_lockout_after_five_wrong_passwords_even_with_the_right_one(party_client: Client) -> None:
    client = Client()
    for _ in range(5):
        response = _login(client, "taro@example.jp", "wrong-password")
        assert response.status_code == 200
    response = _login(client, "taro@example.jp", PARTY_PASSWORD)
    assert response.status_code in (200, 429)
    assert response.get("Location") != "/portal/"
    assert client.get("/portal/").status_code == 302


def test_im01_staff_cannot_sign_in_on_the_portal_and_parties_not_on_the_desk(
    world: Any, party_client: Client
) -> None:
    staff = world.users["secretariat"]
    staff.email = "jimu@example.jp"
    staff.save()
    assert _login(Client(), "jimu@example.jp", PASSWORD).status_code == 200
    # A party signed in is refused by the desk, and a staff session by the portal.
    assert party_client.get("/desk/").status_code in (302, 403)
    staff_client = Client()
    staff_client.force_login(staff)
    assert staff_client.get("/portal/").status_code == 403


def test_totp_is_optional_and_once_on_asked_at_login(party_client: Client) -> None:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    # Turning it on asks for the password again first.
    assert "reauthenticate" in party_client.get("/portal/accounts/2fa/totp/activate/")["Location"]
    party_client.post("/portal/accounts/reauthenticate/", {"password": PARTY_PASSWORD})
    response = party_client.get("/portal/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    secret = response.context["form"].secret
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counter))
    response = party_client.post("/portal/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302, response.content.decode()
    client = Client()
    response = _login(client, "taro@example.jp", PARTY_PASSWORD)
    assert response["Location"] == "/portal/accounts/2fa/authenticate/"
    assert client.get("/portal/").status_code == 302
