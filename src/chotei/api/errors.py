"""The one place exceptions of the services become HTTP answers, each with a Japanese ``detail``.

RuleViolation names its article and obligation so a client can show why (e.g. 令第13条第2号, DP-02).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from chotei.accounts.permissions import NotPermitted
from chotei.api import validation
from chotei.disputes.services.core import Conflict, NotFound
from chotei.rules.errors import MissingItems, RuleViolation, TransitionNotAllowed
from chotei.web.access import refusal_record

UNAUTHORIZED = "認証が必要です。有効なAPIトークンを「Authorization: Bearer <トークン>」で指定してください"


def rule_body(exc: RuleViolation) -> dict[str, Any]:
    body: dict[str, Any] = {
        "detail": str(exc),
        "article": str(exc.article),
        "obligation": exc.article.obligation,
        "field": exc.field,
    }
    if isinstance(exc, MissingItems):
        body["problems"] = [
            {"field": field, "label": label, "article": str(article)}
            for field, label, article in exc.problems
        ]
    elif hasattr(exc, "problems"):
        # PanelViolation lists every problem of a proposed panel as text (DP-11).
        body["problems"] = [str(p) for p in exc.problems]
    return body


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, {"detail": UNAUTHORIZED}, 401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        # Only plain parts: pydantic's ``ctx`` may hold exception objects JSON cannot carry.
        errors = validation.explain(exc.errors)
        return respond(request, {"detail": validation.summary(errors), "errors": errors}, 422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja answers any failure of the body parser with an English 400; the cause says which.
        cause = exc.__cause__
        if isinstance(cause, validation.BodyRefused):
            return respond(request, {"detail": str(cause)}, cause.status)
        if exc.status_code == 400 and cause is not None:
            return respond(request, {"detail": validation.not_json(cause)}, 400)
        return respond(request, {"detail": exc.message}, exc.status_code)

    @api.exception_handler(TransitionNotAllowed)
    def not_now(request: HttpRequest, exc: TransitionNotAllowed) -> HttpResponse:
        return respond(request, rule_body(exc), 409)

    @api.exception_handler(RuleViolation)
    def violation(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
        return respond(request, rule_body(exc), 422)

    @api.exception_handler(Conflict)
    def stale(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return respond(request, {"detail": str(exc), "current_version": exc.case.version}, 409)

    # IM-01, IM-06: every refusal is recorded, after the refused service's transaction rolled back.
    @api.exception_handler(NotPermitted)
    def forbidden(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        refusal_record(request, getattr(request, "auth", None), channel="api", status=403, reason=str(exc))
        return respond(request, {"detail": str(exc)}, 403)

    @api.exception_handler(NotFound)
    def missing(request: HttpRequest, exc: NotFound) -> HttpResponse:
        refusal_record(
            request,
            getattr(request, "auth", None),
            channel="api",
            status=404,
            reason=str(exc),
            case_id=exc.case_id,
        )
        return respond(request, {"detail": str(exc)}, 404)
