"""The staff second factor (IM-01): a TOTP authenticator app with one-time recovery codes, required of
every role that reads or changes case records (法23条の9, 監督指針 Ⅱ-3-7(2)①ロ).

The only code that writes staff authenticators (a service: views and the login step call it). The crypto, the stored secret and the recovery codes
are django-allauth's ``mfa`` (the party portal's own TOTP): one implementation for both logins.
"""

from __future__ import annotations

import base64
from typing import Any

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.db import transaction

from chotei.accounts.models import Role
from chotei.accounts.permissions import role_of
from chotei.audit.models import AuditEvent
from chotei.audit.services import audit_record
from chotei.rules.application import normalize

# Everyone who may open a case record; insurer users see only their own cases through the API.
SECOND_FACTOR_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.MEMBER, Role.AUDITOR, Role.ADMIN})
WRONG_CODE = "確認コードが正しくありません。認証アプリの6桁のコード又はリカバリーコードを入力してください"
WRONG_ENROLMENT_CODE = (
    "確認コードが正しくありません。QRコードを読み取った認証アプリの6桁のコードを入力してください"
)


class WrongCode(Exception):
    """The code matched neither the authenticator nor an unused recovery code; nothing was written."""

    def __init__(self, message: str = WRONG_CODE) -> None:
        super().__init__(message)


def required(user: Any) -> bool:
    """CHOTEI_STAFF_TOTP (on unless an installation's tests turn it off) and a case-reading role."""
    return bool(getattr(settings, "CHOTEI_STAFF_TOTP", True)) and role_of(user) in SECOND_FACTOR_ROLES


def enrolled(user: Any) -> bool:
    return bool(Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists())


def new_secret() -> str:
    return str(generate_totp_secret())


def provisioning(user: Any, secret: str) -> tuple[str, str]:
    """(otpauth:// URL, QR code as an SVG data: URI) for the authenticator app to scan."""
    adapter = get_adapter()
    url = adapter.build_totp_url(user, secret)
    svg = adapter.build_totp_svg(url)
    return url, "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _code(raw: str) -> str:
    # Full-width digits from a Japanese IME, and the spaces an app shows between groups, are allowed.
    return normalize(raw or "").replace(" ", "").replace("-", "")


@transaction.atomic
def enrol(user: Any, secret: str, code: str) -> list[str]:
    """The secret becomes the user's authenticator once a code from the app proves it was scanned;
    returns the recovery codes, shown this once. Authenticator and audit event commit together."""
    if not required(user) or enrolled(user) or not secret:
        raise WrongCode(WRONG_ENROLMENT_CODE)
    # Checked through the new authenticator so the code is spent (allauth marks it used), and the
    # activation rolls back with the refusal.
    if not TOTP.activate(user, secret).validate_code(_code(code)):
        raise WrongCode(WRONG_ENROLMENT_CODE)
    # A fresh set: codes of an earlier, reset authenticator must not outlive it.
    Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.RECOVERY_CODES).delete()
    codes: list[str] = list(RecoveryCodes.activate(user).generate_codes())
    audit_record(event_type=AuditEvent.Type.LOGIN, actor=user, channel="desk", second_factor="enrolled")
    return codes


def verify(user: Any, code: str) -> str:
    """Checks a code from the app (each used once) or an unused recovery code (then spent); returns
    which it was, recorded with the login. Raises WrongCode; the caller records the refusal."""
    code = _code(code)
    found = {a.type: a for a in Authenticator.objects.filter(user_id=user.pk)}
    totp = found.get(Authenticator.Type.TOTP)
    recovery = found.get(Authenticator.Type.RECOVERY_CODES)
    if totp is not None and TOTP(totp).validate_code(code):
        method = "totp"
    elif totp is not None and recovery is not None and RecoveryCodes(recovery).validate_code(code):
        method = "recovery_code"
    else:
        raise WrongCode
    audit_record(event_type=AuditEvent.Type.LOGIN, actor=user, channel="desk", second_factor=method)
    return method


def unused_recovery_codes(user: Any) -> int:
    recovery = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.RECOVERY_CODES).first()
    return len(RecoveryCodes(recovery).get_unused_codes()) if recovery is not None else 0
