"""Gap-free counters (事案番号, 文書番号): one row per key, numbered under that row's lock."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Model


def next_value(model: type[Model], **key: Any) -> int:
    """The next value of ``model``'s counter row for ``key`` (its ``last`` column), to be called inside
    the transaction that uses it. One UPDATE … RETURNING takes the row lock and the value together,
    so concurrent callers queue on it and never share a value; the row is created on first use."""
    qn = connection.ops.quote_name
    where = " AND ".join(f"{qn(k)} = %s" for k in key)
    sql = f"UPDATE {qn(model._meta.db_table)} SET last = last + 1 WHERE {where} RETURNING last"  # noqa: S608 — quoted identifiers only; values are bound
    with connection.cursor() as cursor:
        cursor.execute(sql, list(key.values()))
        row = cursor.fetchone()
        if row is None:
            try:
                with transaction.atomic():
                    model._default_manager.create(**key, last=1)
                return 1
            except IntegrityError:  # another transaction created the row first
                cursor.execute(sql, list(key.values()))
                row = cursor.fetchone()
    return int(row[0])
