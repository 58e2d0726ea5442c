"""Idle timeout of staff sessions (IM-01): a session ends ``SESSION_COOKIE_AGE`` after its last use.

Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every page; here the expiry is
moved forward at most once a minute, so an idle timeout costs one write a minute, not one a page."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

SEEN = "_chotei_seen"
REFRESH_SECONDS = 60


def mark_seen(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """At login (user_logged_in): the new session starts its idle clock without a second write."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(SEEN, 0) >= REFRESH_SECONDS:
                # Marking the session changed makes SessionMiddleware save it with a new expiry.
                session[SEEN] = now
        return response
