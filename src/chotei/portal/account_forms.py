"""allauth's forms with every message naming its field, in the chosen language (issue #8 "Bad
input", OD-03): the same wording as the portal's own forms (web.forms.name_the_fields)."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa
from allauth.mfa.totp import forms as totp
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext

from chotei.web.forms import name_the_fields


class _NamedErrors:
    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name_the_fields(self.fields)

    def add_error(self, field: str | None, error: Any) -> None:
        """allauth's and Django's own checks (a password too short, two that differ) speak of "the
        password"; the message shown names the field it is about."""
        if isinstance(error, Promise):  # allauth's messages are lazy
            error = str(error)
        if (
            field in self.fields
            and isinstance(error, str | ValidationError)
            and not hasattr(error, "error_dict")
        ):
            label = str(self.fields[field].label)
            errors = error.error_list if isinstance(error, ValidationError) else [ValidationError(error)]
            error = ValidationError(
                [ValidationError(_named(label, m), code=e.code) for e in errors for m in e.messages]
            )
        super().add_error(field, error)  # type: ignore[misc]


def _named(label: str, message: str) -> str:
    return (
        message
        if label in message
        else gettext("「%(label)s」：%(message)s") % {"label": label, "message": message}
    )


class LoginForm(_NamedErrors, account.LoginForm):  # type: ignore[misc]
    pass


class SignupForm(_NamedErrors, account.SignupForm):  # type: ignore[misc]
    pass


class ResetPasswordForm(_NamedErrors, account.ResetPasswordForm):  # type: ignore[misc]
    pass


class ResetPasswordKeyForm(_NamedErrors, account.ResetPasswordKeyForm):  # type: ignore[misc]
    pass


class ChangePasswordForm(_NamedErrors, account.ChangePasswordForm):  # type: ignore[misc]
    pass


class ReauthenticateForm(_NamedErrors, account.ReauthenticateForm):  # type: ignore[misc]
    pass


class AuthenticateForm(_NamedErrors, mfa.AuthenticateForm):  # type: ignore[misc]
    pass


class ActivateTOTPForm(_NamedErrors, totp.ActivateTOTPForm):  # type: ignore[misc]
    pass
