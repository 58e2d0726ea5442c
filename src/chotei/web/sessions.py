"""Sessions (IM-01): Django's database sessions read in one statement, and an idle timeout — a
session ends ``SESSION_COOKIE_AGE`` after its last use.

Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every page; here the expiry is
moved forward at most once a minute, so an idle timeout costs one write a minute, not one a page."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SEEN = "_chotei_seen"


class SessionStore(db.SessionStore):
    """SESSION_ENGINE: every request reads its session, and the ORM's query for it cost twice the
    statement itself (bench/desk.py on PostgreSQL); saving, expiry and clearing are Django's."""

    def load(self) -> dict[str, Any]:
        connection = connections[router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(
                _load_sql(self.model._meta.db_table),
                [
                    self.session_key,
                    connection.ops.adapt_datetimefield_value(timezone.now()),
                ],
            )
            row = cursor.fetchone()
        if row is None:
            # As Django's store: an unknown or expired key is dropped, and a new one made on save.
            self._session_key = None
            return {}
        return self.decode(row[0])


@functools.cache
def _load_sql(table: str) -> str:
    return f'SELECT "session_data" FROM "{table}" WHERE "session_key" = %s AND "expire_date" > %s'  # noqa: S608


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
