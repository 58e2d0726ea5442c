"""Retrying work that failed on a transient database error (issue #10 item 6; DP-21, DP-22).

A notice task that meets a locked SQLite file, a lost PostgreSQL connection (a failover to the
replica, a restarted server), a serialization failure or a deadlock has done nothing — its
transaction rolled back — and would succeed a moment later. Left failed, the notice would wait for a
person to notice; retried here a bounded number of times, with backoff, it is issued. The work must
be idempotent (notices are: one per step, kind and addressee), and each attempt must be a whole
transaction, so only work that does not run inside an outer transaction is retried.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, close_old_connections, connection

logger = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 5
FIRST_DELAY = 0.2  # seconds; doubled after every failed attempt (0.2 + 0.4 + 0.8 + 1.6 = 3 s in all)

# SQLSTATE classes and codes that say "try again": 08 connection exception, 40001 serialization
# failure, 40P01 deadlock, 57P01..57P03 the server shutting down or not yet accepting connections.
_TRANSIENT_STATES = ("08", "40001", "40P01", "57P01", "57P02", "57P03")
# SQLite says it only in words; PostgreSQL drivers too when the socket is gone.
_TRANSIENT_WORDS = (
    "database is locked",
    "database table is locked",
    "server closed the connection",
    "connection already closed",
    "connection is closed",
    "terminating connection",
    "could not connect",
    "consuming input failed",
)


def is_transient(exc: BaseException) -> bool:
    """Whether a database error is one a retry can get past (not a constraint or a bad query)."""
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    state = getattr(exc.__cause__, "sqlstate", None) or ""
    if state.startswith(_TRANSIENT_STATES):
        return True
    text = str(exc).lower()
    return any(words in text for words in _TRANSIENT_WORDS)


def with_retries(
    work: Callable[[], T], *, what: str, attempts: int = ATTEMPTS, first_delay: float = FIRST_DELAY
) -> T:
    """Run ``work``; on a transient database error, log it and run it again after a growing pause,
    at most ``attempts`` times in all. Any other error, and the last transient one, is raised."""
    delay = first_delay
    for attempt in range(1, attempts):
        try:
            return work()
        except (OperationalError, InterfaceError) as exc:
            if connection.in_atomic_block or not is_transient(exc):
                raise
            logger.warning(
                "%s: transient database error on attempt %d of %d, retrying in %.1fs: %s",
                what,
                attempt,
                attempts,
                delay,
                exc,
            )
            # A lost connection is closed here so the next attempt opens a new one.
            close_old_connections()
            time.sleep(delay)
            delay *= 2
    return work()
