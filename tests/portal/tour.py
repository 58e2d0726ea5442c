"""Every page behind the portal's login rendered in one language (OD-03): allauth's account pages
(sign-up, e-mail confirmation, login, password reset and change, TOTP and its recovery codes), each step of the guided
application with and without errors, the review, my page and my case with a notice, a deadline, a
submission and the withdrawal page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from chotei.disputes.models import Case
from chotei.disputes.services.lifecycle import case_accept, case_start_screening
from tests.portal.conftest import PARTY_PASSWORD, Mailbox
from tests.portal.helpers import ANSWERS, fill, start

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _path(link: str) -> str:
    return link.split("testserver", 1)[-1]


def _totp(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    return str(format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time()))))


def _client(lang: str) -> Client:
    client = Client()
    client.cookies["chotei_lang"] = lang
    return client


def tour(lang: str, world: Any, mailbox: Mailbox, capture: Any) -> dict[str, Any]:
    """Each page as the party sees it in ``lang``, by name; a form error page's name ends "-errors"."""
    pages: dict[str, Any] = {}
    email = f"{lang}@example.jp"
    client = _client(lang)
    pages["signup"] = client.get("/portal/accounts/signup/")
    pages["signup-errors"] = client.post("/portal/accounts/signup/", {"email": "", "password1": "x"})
    client.post(
        "/portal/accounts/signup/", {"email": email, "password1": PARTY_PASSWORD, "password2": PARTY_PASSWORD}
    )
    pages["verification-sent"] = client.get("/portal/accounts/confirm-email/")
    confirm = _path(mailbox.link("/portal/accounts/confirm-email/"))
    pages["email-confirm"] = client.get(confirm)
    assert client.post(confirm).status_code == 302
    pages["my-page-empty"] = client.get("/portal/")

    draft = start(client)
    for key, answers in ANSWERS.items():
        pages[f"apply-{key}"] = client.get(f"/portal/apply/{draft}/{key}/")
        # A browser always posts something (the CSRF token); an empty POST is no submission.
        wrong = {"agent_kind": "lawyer"} if key == "agent" else {"csrfmiddlewaretoken": "-"}
        pages[f"apply-{key}-errors"] = fill(client, draft, key, wrong)
        if key == "respondent":
            answers = {"respondent_organization": str(world.insurer.pk)}
        if key == "claim":
            answers = {**answers, "claimed_to_insurer": "no"}  # a DP-06 warning on the review
        assert fill(client, draft, key, answers).status_code == 302
    pages["review"] = client.get(f"/portal/apply/{draft}/review/")
    empty = start(client)
    pages["review-errors"] = client.post(f"/portal/apply/{empty}/submit/")
    with capture(execute=True):
        client.post(f"/portal/apply/{draft}/submit/")
        case = Case.objects.get(
            parties__party__name="山田 太郎", number__isnull=False, portal_draft__pk=draft
        )
        case = case_start_screening(actor=world.staff, case_id=case.pk, version=case.version)
        case = case_accept(actor=world.staff, case_id=case.pk, version=case.version)
    pages["case-before-consent"] = client.get(f"/portal/cases/{case.pk}/")
    client.post(f"/portal/cases/{case.pk}/consent/", {"consented": "yes"})
    pages["submit"] = client.get(f"/portal/cases/{case.pk}/submit/")
    pages["submit-errors"] = client.post(f"/portal/cases/{case.pk}/submit/", {"title": "診断書"})
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("診断書.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/portal/cases/{case.pk}/submit/", {"kind": "evidence", "title": "後遺障害診断書", "file": upload}
    )
    pages["case"] = client.get(f"/portal/cases/{case.pk}/")
    pages["withdraw"] = client.get(f"/portal/cases/{case.pk}/withdraw/")
    pages["my-page"] = client.get("/portal/")
    pages["password-change"] = client.get("/portal/accounts/password/change/")
    pages["password-change-errors"] = client.post("/portal/accounts/password/change/", {})
    pages["mfa-index"] = client.get("/portal/accounts/2fa/")
    pages["reauthenticate"] = client.get("/portal/accounts/reauthenticate/")
    client.post("/portal/accounts/reauthenticate/", {"password": PARTY_PASSWORD})
    pages["totp-activate"] = client.get("/portal/accounts/2fa/totp/activate/")
    pages["totp-activate-errors"] = client.post("/portal/accounts/2fa/totp/activate/", {"code": ""})
    secret = pages["totp-activate"].context["form"].secret
    activated = client.post("/portal/accounts/2fa/totp/activate/", {"code": _totp(secret)})
    pages["recovery-codes"] = client.get(activated["Location"])
    pages["recovery-codes-generate"] = client.get("/portal/accounts/2fa/recovery-codes/generate/")
    pages["totp-deactivate"] = client.get("/portal/accounts/2fa/totp/deactivate/")
    pages["logout"] = client.get("/portal/accounts/logout/")

    second = _client(lang)  # TOTP is on now: a login asks for the code
    second.post("/portal/accounts/login/", {"login": email, "password": PARTY_PASSWORD})
    pages["mfa-authenticate"] = second.get("/portal/accounts/2fa/authenticate/")
    pages["mfa-authenticate-errors"] = second.post("/portal/accounts/2fa/authenticate/", {"code": "000000"})

    visitor = _client(lang)
    pages["login"] = visitor.get("/portal/accounts/login/")
    pages["login-errors"] = visitor.post("/portal/accounts/login/", {"login": email, "password": "wrong"})
    pages["password-reset"] = visitor.get("/portal/accounts/password/reset/")
    pages["password-reset-errors"] = visitor.post("/portal/accounts/password/reset/", {"email": ""})
    visitor.post("/portal/accounts/password/reset/", {"email": email})
    pages["password-reset-done"] = visitor.get("/portal/accounts/password/reset/done/")
    key_form = visitor.get(_path(mailbox.link("/portal/accounts/password/reset/key/")))["Location"]
    pages["password-reset-key"] = visitor.get(key_form)
    pages["password-reset-key-errors"] = visitor.post(
        key_form, {"password1": PARTY_PASSWORD + "x", "password2": "b"}
    )
    return pages
