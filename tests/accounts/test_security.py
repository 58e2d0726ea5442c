"""Issue #10 item 5: staff sessions end when idle, failed logins are audited and lock the name,
passwords are checked beyond their length, every privilege change is on the audit log, and internal
audit has an access review page and CSV; the account administrator does not read the audit log and
holds no superuser (IM-01, IM-02, IM-06)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from chotei import clock
from chotei.accounts.models import Role
from chotei.accounts.security import account_administration_grant, acting_as
from chotei.audit.models import AuditEvent
from tests.factories import PASSWORD

LOCKED = "ログインの失敗が続いたため"


def login(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post("/desk/login/", {"username": username, "password": password})


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_im01_an_idle_staff_session_ends_and_each_request_extends_it(world: Any, client: Client) -> None:
    assert login(client, "secretariat").status_code == 302
    session = Session.objects.get()
    assert client.get("/desk/").status_code == 200
    extended = Session.objects.get().expire_date
    assert extended >= session.expire_date
    assert extended - timezone.now() > dt.timedelta(minutes=29)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))  # 30 idle minutes on
    response = client.get("/desk/")
    assert response.status_code == 302 and response["Location"].startswith("/desk/login/")


@pytest.mark.django_db
def test_im06_failed_logins_are_audited_and_lock_the_name_for_a_while(world: Any, client: Client) -> None:
    for _ in range(5):
        assert "正しいユーザー名とパスワード" in login(client, "secretariat", "guess").content.decode()
    failures = AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN_FAILED)
    assert failures.count() == 5
    payload = failures.first().payload  # type: ignore[union-attr]
    assert payload["username"] == "secretariat" and payload["known"] and payload["channel"] == "desk"
    assert "guess" not in str(payload)

    refused = login(client, "secretariat")  # the right password, during the lock
    assert refused.status_code == 200 and LOCKED in refused.content.decode()
    assert client.get("/desk/").status_code == 302
    assert failures.filter(payload__locked=True).count() == 1
    # Another name is not locked by these failures.
    assert login(Client(), "chair").status_code == 302

    with clock.replaying_at(timezone.now() + dt.timedelta(minutes=16)):
        assert login(client, "secretariat").status_code == 302


@pytest.mark.django_db
def test_im06_the_admin_site_login_is_locked_too(world: Any, client: Client) -> None:
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin", "password": "guess"})
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert LOCKED in response.content.decode()
    assert (
        AuditEvent.objects.filter(event_type=AuditEvent.Type.LOGIN_FAILED, payload__channel="admin").count()
        == 6
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kawa-sora", "短すぎます"),
        ("314159265358979", "数字しか使われていません"),
        ("password12345", "一般的すぎます"),
        ("secretariat01", "似すぎています"),
    ],
)
def test_im01_passwords_are_checked_beyond_length(world: Any, password: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, world.users["secretariat"])
    assert message in " ".join(refused.value.messages)
    validate_password("kawa-sora-umi-2026", world.users["secretariat"])


@pytest.mark.django_db
def test_im02_every_privilege_change_is_audited_with_who_made_it(world: Any) -> None:
    admin, target = world.users["admin"], world.users["member"]
    changes = AuditEvent.objects.filter(event_type=AuditEvent.Type.PRIVILEGE)
    created = changes.filter(payload__target="member", payload__created=True)
    assert created.exists()  # granting at creation is a change too

    before = changes.count()
    with acting_as(admin):
        target.profile.role = Role.SECRETARIAT
        target.profile.save()
        target.groups.add(Group.objects.create(name="本部"))
        target.is_active = False
        target.save()
    target.save(update_fields=["last_login"])  # logging in changes no privilege
    new = list(changes.order_by("id")[before:])
    assert [list(e.payload["changes"]) for e in new] == [["役割"], ["グループ"], ["有効"]]
    assert new[0].payload["changes"]["役割"] == ["member", "secretariat"]
    assert all(e.actor == admin and e.payload["target"] == "member" for e in new)


@pytest.mark.django_db
def test_im02_the_account_administrator_keeps_accounts_only(world: Any, client: Client) -> None:
    admin = world.users["admin"]
    account_administration_grant(admin)
    admin.refresh_from_db()
    assert admin.is_staff and not admin.is_superuser
    assert admin.has_perm("accounts.change_staffprofile") and not admin.has_perm("audit.view_auditevent")
    client.force_login(admin)
    assert client.get("/desk/audit/").status_code == 403
    assert client.get("/desk/access-review/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/disputes/case/").status_code == 403


@pytest.mark.django_db
def test_im02_im06_access_review_page_and_csv_for_the_auditor(world: Any) -> None:
    world.users["secretariat"].last_login = timezone.now()
    world.users["secretariat"].save(update_fields=["last_login"])
    with acting_as(world.users["admin"]):
        world.users["chair"].is_superuser = True
        world.users["chair"].save()
    auditor = as_user(world.users["auditor"])
    page = auditor.get("/desk/access-review/").content.decode()
    assert "アクセス権の棚卸し" in page and "未使用" in page and "全権限" in page
    assert "全権限（スーパーユーザー）: False → True" in page

    rows = auditor.get("/desk/access-review/", {"csv": "accounts"}).content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("ユーザー名,氏名,役割,所属組織,有効")
    by_name = {r.split(",")[0]: r for r in rows[1:]}
    assert by_name["secretariat"].endswith(",") and "事務局" in by_name["secretariat"]  # used: no finding
    assert by_name["member"].endswith("未使用")
    assert by_name["chair"].endswith("未使用・全権限")
    changes = auditor.get("/desk/access-review/", {"csv": "changes"}).content.decode("utf-8-sig")
    assert ",admin,chair,全権限（スーパーユーザー）,×,○" in changes
    for role in ("secretariat", "admin", "member"):
        assert as_user(world.users[role]).get("/desk/access-review/").status_code == 403
