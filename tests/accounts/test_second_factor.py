"""The staff second factor (IM-01): enrolment at the first login with a QR code and recovery codes
shown once, a code at every later login before any desk or admin page, wrong codes refused in
Japanese and recorded, five of them ending the session; API tokens unaffected."""

from __future__ import annotations

import io
import re
import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client

from chotei.accounts.models import ApiToken, Role
from chotei.accounts.services import second_factor
from chotei.audit.models import AuditEvent
from tests.api.conftest import Api
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
STEP = "/desk/login/second-factor/"


@pytest.fixture(autouse=True)
def totp_on(settings: Any) -> None:
    settings.CHOTEI_STAFF_TOTP = True
    # allauth remembers used codes in the cache; a code of an earlier test must not count as used.
    cache.clear()


def code_for(secret: str) -> str:
    """What the authenticator app shows now, computed with allauth's own functions."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def password_login(role: str, next_url: str = "/desk/") -> tuple[Client, Any]:
    client = Client()
    response = client.post("/desk/login/", {"username": role, "password": PASSWORD, "next": next_url})
    return client, response


def enrol(client: Client) -> tuple[str, list[str]]:
    page = client.get(STEP).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    done = client.post(STEP, {"code": code_for(secret), "next": "/desk/"}).content.decode()
    return secret, re.findall(r"<li><code>(\d{8})</code></li>", done)


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.AUDITOR, Role.ADMIN])
def test_im01_every_case_reading_role_needs_the_second_factor(world: Any, role: str) -> None:
    assert second_factor.required(world.users[role])
    client, response = password_login(role, "/desk/")
    assert response.status_code == 302 and response["Location"] == f"{STEP}?next=%2Fdesk%2F"
    # The password alone opens nothing: the desk sends the user back to the step.
    page = client.get("/desk/ledger/")
    assert page.status_code == 302 and page["Location"].startswith(STEP)


def test_im01_insurer_users_and_the_switched_off_setting_need_none(world: Any, settings: Any) -> None:
    assert not second_factor.required(world.users[Role.INSURER])
    settings.CHOTEI_STAFF_TOTP = False
    assert not second_factor.required(world.staff)
    client, response = password_login(Role.SECRETARIAT)
    assert response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_im01_enrolment_shows_qr_and_secret_then_recovery_codes_once(world: Any) -> None:
    client, _ = password_login(Role.SECRETARIAT)
    page = client.get(STEP).content.decode()
    assert "二要素認証の設定" in page and 'src="data:image/svg+xml;base64,' in page
    before = client.session.session_key
    secret, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.session.session_key != before
    assert client.get("/desk/").status_code == 200
    assert Authenticator.objects.filter(user=world.staff).count() == 2
    event = AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN, actor=world.staff).first()
    assert event is not None and event.payload["second_factor"] == "enrolled"
    # Enrolled now: the step asks for a code, never shows the secret or the codes again.
    client.post("/desk/logout/")
    client, _ = password_login(Role.SECRETARIAT)
    page = client.get(STEP).content.decode()
    assert "確認コードの入力" in page and secret not in page and codes[0] not in page


def test_im01_wrong_code_at_enrolment_is_refused_in_japanese_and_recorded(world: Any) -> None:
    client, _ = password_login(Role.CHAIR)
    client.get(STEP)
    response = client.post(STEP, {"code": "000000"})
    assert response.status_code == 200
    assert "確認コードが正しくありません" in response.content.decode()
    assert not Authenticator.objects.filter(user=world.users[Role.CHAIR]).exists()
    refusal = AuditEvent.objects.get(event_type=AuditEvent.Type.ACCESS_REFUSED, actor=world.users[Role.CHAIR])
    assert refusal.payload["status"] == 401 and refusal.payload["path"] == STEP
    assert client.get("/desk/").status_code == 302


def test_im01_later_logins_take_a_code_once_or_a_recovery_code_once(world: Any) -> None:
    client, _ = password_login(Role.AUDITOR)
    secret, codes = enrol(client)
    used = code_for(secret)
    client.post("/desk/logout/")

    client, response = password_login(Role.AUDITOR, "/desk/audit/")
    assert response["Location"] == f"{STEP}?next=%2Fdesk%2Faudit%2F"
    # The code that enrolled was spent: a replay within its 30 seconds is refused.
    assert "確認コードが正しくありません" in client.post(STEP, {"code": used}).content.decode()
    ok = client.post(STEP, {"code": f" {codes[0][:4]} {codes[0][4:]} ", "next": "/desk/audit/"})
    assert ok.status_code == 302 and ok["Location"] == "/desk/audit/"
    assert client.get("/desk/audit/").status_code == 200
    assert second_factor.unused_recovery_codes(world.users[Role.AUDITOR]) == 9
    client.post("/desk/logout/")

    client, _ = password_login(Role.AUDITOR)
    assert "確認コードが正しくありません" in client.post(STEP, {"code": codes[0]}).content.decode()
    # Full-width digits from a Japanese IME are the same code (NFKC).
    wide = codes[1].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert client.post(STEP, {"code": wide})["Location"] == "/desk/"
    methods = [
        e.payload.get("second_factor")
        for e in AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN, actor=world.users[Role.AUDITOR])
    ]
    assert methods.count("recovery_code") == 2 and methods.count("enrolled") == 1


def test_im01_five_wrong_codes_end_the_session(world: Any) -> None:
    client, _ = password_login(Role.MEMBER)
    enrol(client)
    client.post("/desk/logout/")
    client, _ = password_login(Role.MEMBER)
    for _ in range(4):
        assert client.post(STEP, {"code": "123456"}).status_code == 200
    response = client.post(STEP, {"code": "123456"})
    assert response.status_code == 302 and response["Location"].startswith("/desk/login/")
    assert client.get("/desk/").status_code == 302
    assert client.get(STEP)["Location"].startswith("/desk/login/")
    refused = AuditEvent.objects.filter(
        event_type=AuditEvent.Type.ACCESS_REFUSED, actor=world.users[Role.MEMBER]
    )
    assert refused.count() == 5


def test_im01_next_is_kept_on_this_site_only(world: Any) -> None:
    client, _ = password_login(Role.SECRETARIAT)
    page = client.get(STEP).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)  # type: ignore[union-attr]
    done = client.post(STEP, {"code": code_for(secret), "next": "https://evil.example/"})
    assert 'href="/desk/"' in done.content.decode()


def test_im01_admin_site_waits_for_the_second_factor(world: Any) -> None:
    admin = world.users[Role.ADMIN]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    # Django admin's own password login does not get round the step.
    client.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD, "next": "/admin/"})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"].startswith(f"{STEP}?next=")
    enrol(client)
    assert client.get("/admin/").status_code == 200


def test_im01_api_tokens_are_unaffected(world: Any) -> None:
    _, raw = ApiToken.issue(world.staff, "batch")
    assert Api(Client(), raw).get("/cases").status_code == 200


def test_im01_enrolment_refused_twice_or_for_a_role_without_it(world: Any) -> None:
    secret = second_factor.new_secret()
    second_factor.enrol(world.staff, secret, code_for(secret))
    other = second_factor.new_secret()
    with pytest.raises(second_factor.WrongCode):
        second_factor.enrol(world.staff, other, code_for(other))
    insurer = second_factor.new_secret()
    with pytest.raises(second_factor.WrongCode):
        second_factor.enrol(world.users[Role.INSURER], insurer, code_for(insurer))
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 1


def test_im01_demo_says_staff_enrol_at_first_login(settings: Any) -> None:
    from chotei.desk.management.commands.demo import Command

    out = io.StringIO()
    Command(stdout=out)._logins()
    assert "初回ログイン時に認証アプリ（TOTP）を設定" in out.getvalue()
    settings.CHOTEI_STAFF_TOTP = False
    out = io.StringIO()
    Command(stdout=out)._logins()
    assert "TOTP" not in out.getvalue()


def test_im01_a_reset_authenticator_means_enrolling_again(world: Any) -> None:
    client, _ = password_login(Role.SECRETARIAT)
    _, old_codes = enrol(client)
    client.post("/desk/logout/")
    # The administrator's reset for a lost phone: the user's authenticators deleted in the admin.
    Authenticator.objects.filter(user=world.staff).delete()
    client, _ = password_login(Role.SECRETARIAT)
    assert "二要素認証の設定" in client.get(STEP).content.decode()
    _, new_codes = enrol(client)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
