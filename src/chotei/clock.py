"""The time the services record (時刻).

Normally the wall clock. ``replaying_at`` fixes it for the current thread's context only, so the demo
loader can replay a case's history at its own dates — receipt, steps, ledger, audit and notices all
dated together — without patching Django's clock for every thread of the process.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_fixed: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("chotei_clock", default=None)


def now() -> dt.datetime:
    return _fixed.get() or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def replaying_at(moment: dt.datetime) -> Iterator[None]:
    token = _fixed.set(moment)
    try:
        yield
    finally:
        _fixed.reset(token)
