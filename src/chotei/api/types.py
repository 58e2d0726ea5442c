"""Input types that refuse with a 422 what the database would otherwise refuse with a 500.

PostgreSQL rejects NUL characters, lone surrogates, over-long ``varchar`` values and out-of-range
integers; the services normalize text with NFKC (which can lengthen it, e.g. ㍿ → 株式会社), so the
length is checked after normalizing. Dates are bounded because business-day arithmetic near
``date.max`` overflows.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.utils import timezone
from pydantic import AfterValidator, Field

from chotei.rules import application

MAX_ID = 2**63 - 1  # bigint primary keys
MAX_INT = 2**31 - 1  # PositiveIntegerField on PostgreSQL
FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def _storable(value: str, max_length: int) -> str:
    # Worded to follow 「項目名は」 (chotei.api.validation).
    if "\x00" in value:
        raise ValueError("NUL文字を含めずに入力してください")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("UTF-8で表せない文字を含めずに入力してください") from exc
    if len(application.normalize(value)) > max_length:
        raise ValueError(f"正規化（NFKC）した後で{max_length}文字以内になるよう入力してください")
    return value


def text(max_length: int) -> Any:
    """A string the database can store, of at most ``max_length`` characters (DP-02): the model
    field's, or for a text field a realistic bound, stated in the OpenAPI schema as maxLength."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(lambda v: _storable(v, max_length))]


def _in_range(value: dt.date) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"{FIRST_DAY.year}年から{LAST_DAY.year}年までの日付を指定してください")
    return value


def _aware(value: dt.datetime) -> dt.datetime:
    # A time without offset is Japan time, as the desk shows it. Any other offset is converted to it:
    # ISO 8601 allows offsets (±23:59) that PostgreSQL refuses (beyond ±15:59).
    _in_range(value.date())
    return timezone.make_aware(value) if timezone.is_naive(value) else timezone.localtime(value)


Day = Annotated[dt.date, AfterValidator(_in_range)]
Moment = Annotated[dt.datetime, AfterValidator(_aware)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=1, le=MAX_INT)]
Yen = Annotated[int, Field(ge=0, le=MAX_INT)]
# Stated, not derived, so type checkers see it; tests/api hold it equal to rules.offices.
Office = Literal["tokyo", "osaka"]
