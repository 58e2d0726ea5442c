"""Hash chains (改ざん検知) over the append-only records: the ledger (帳簿, 令24条) and the audit log.

Each row carries ``prev_hash`` (the previous row's ``row_hash``) and ``row_hash`` = SHA-256 of the
previous hash and the row's own content, written in the transaction that writes the row. Changing,
removing or reordering a row breaks every later link, so ``chotei verify`` finds it. The database
itself refuses UPDATE and DELETE on these tables (triggers, installed after every migrate so a
migration that rebuilds a table cannot drop them silently).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import zlib
from collections.abc import Iterator
from typing import Any

from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

GENESIS = "0" * 64


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, memoryview | bytes):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def content_of(row: Any, fields: tuple[str, ...]) -> str:
    """The row's content as canonical JSON. The columns are listed on the model, not discovered, so
    a column added later does not change the hash of the rows written before it."""
    values = {name: _plain(getattr(row, name)) for name in fields}
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link(prev_hash: str, content: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content}".encode()).hexdigest()


def _lock(model: type[models.Model]) -> None:
    """Serialise appends to one chain. SQLite's IMMEDIATE transaction already holds the database's
    write lock; PostgreSQL takes a transaction-scoped advisory lock keyed by the table.

    One transaction often appends to both chains (a step: ledger then audit; a notice: audit then
    ledger), so on PostgreSQL the locks are always taken in one order — every chain's up to this
    one, by table name — or two such transactions deadlock (found by ``python -m bench load``)."""
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        keys = [zlib.crc32(name.encode()) for name in _chain_tables() if name <= table]
        # One round trip; PostgreSQL evaluates the target list left to right, so the order holds.
        calls = ", ".join("pg_advisory_xact_lock(%s)" for _ in keys)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {calls}", keys)


@functools.cache
def _chain_tables() -> list[str]:
    return sorted(guarded_tables())


def _last_hash(model: type[models.Model]) -> str:
    # Plain SQL: every step appends to two chains, and the ORM's query building for this one-row
    # read cost more than the read itself (bench intake).
    # Chained tables keep Django's automatic ``id`` key, whose order is the order of appends.
    sql = f"SELECT row_hash FROM {connection.ops.quote_name(model._meta.db_table)} ORDER BY id DESC LIMIT 1"  # noqa: S608 (a model's table name)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return str(row[0]) if row else GENESIS


class ChainedRow(models.Model):
    """An append-only row that links itself into its table's hash chain when first saved."""

    prev_hash = models.CharField("直前の行のハッシュ", max_length=64, editable=False, default=GENESIS)
    row_hash = models.CharField("この行のハッシュ", max_length=64, editable=False, default="")

    # The message a refused change names (the article that makes the table append-only).
    append_only_message = "追記のみの記録です"
    # The columns the hash covers (attnames, so a foreign key is its id).
    chain_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError(self.append_only_message)
        model = type(self)
        # No savepoint: a row is always appended inside its step's transaction, and a failure here
        # must roll the whole step back anyway (two statements fewer per row).
        with transaction.atomic(savepoint=False):
            _lock(model)
            self.prev_hash = _last_hash(model)
            self.row_hash = link(self.prev_hash, content_of(self, self.chain_fields))
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(self.append_only_message)


# --- database guards --------------------------------------------------------------------------

_ERASE_SETTING = "chotei.erase_allowed"
_erase_allowed = False


def _sqlite_erase_allowed() -> int:
    return int(_erase_allowed)


def register_sqlite_function(connection: BaseDatabaseWrapper, **_: Any) -> None:
    """The SQLite guards ask this function whether a whole-table erase is allowed (tests' flush)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("chotei_erase_allowed", 0, _sqlite_erase_allowed)


@contextlib.contextmanager
def erasing(conn: BaseDatabaseWrapper = connection) -> Iterator[None]:
    """Allow emptying the guarded tables — only for a test database's flush between tests."""
    global _erase_allowed
    _erase_allowed = True
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [_ERASE_SETTING])
    try:
        yield
    finally:
        _erase_allowed = False
        if conn.vendor == "postgresql":
            with conn.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', false)", [_ERASE_SETTING])


def guarded_tables() -> dict[str, str]:
    """Table → the refusal message its guard raises."""
    from django.apps import apps

    return {m._meta.db_table: m.append_only_message for m in apps.get_models() if issubclass(m, ChainedRow)}


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Per vendor: the triggers each guarded table carries, by name suffix, as (suffix, SQL template);
# ``install_guards`` creates them and ``missing_guards`` looks for the same names.
_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION chotei_append_only() RETURNS trigger AS $$ BEGIN "
    f"IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('{_ERASE_SETTING}', true) = 'on' "
    "THEN RETURN OLD; END IF; RAISE EXCEPTION '%', TG_ARGV[0]; END $$ LANGUAGE plpgsql"
)
_GUARDS: dict[str, tuple[tuple[str, str], ...]] = {
    "postgresql": (
        (
            "append_only",
            "CREATE OR REPLACE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION chotei_append_only({msg})",
        ),
        (
            "no_truncate",
            "CREATE OR REPLACE TRIGGER {name} BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION chotei_append_only({msg})",
        ),
    ),
    "sqlite": (
        (
            "no_update",
            "CREATE TRIGGER IF NOT EXISTS {name} BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, {msg}); END",
        ),
        (
            "no_delete",
            "CREATE TRIGGER IF NOT EXISTS {name} BEFORE DELETE ON {table} "
            "WHEN NOT chotei_erase_allowed() BEGIN SELECT RAISE(ABORT, {msg}); END",
        ),
    ),
}


def install_guards(using: str = "default", **_: Any) -> None:
    """Create (or re-create) the triggers that refuse UPDATE and DELETE on every chained table."""
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
        for table, message in guarded_tables().items():
            for suffix, template in _GUARDS.get(conn.vendor, ()):
                cursor.execute(
                    template.format(name=f"{table}_{suffix}", table=table, msg=_sql_literal(message))
                )


def rechain(model: Any, fields: tuple[str, ...]) -> int:
    """Link rows written before the chain existed, in id order (used by the migration that adds it)."""
    prev = GENESIS
    count = 0
    for row in model.objects.order_by("pk").iterator():
        row_hash = link(prev, content_of(row, fields))
        model.objects.filter(pk=row.pk).update(prev_hash=prev, row_hash=row_hash)
        prev, count = row_hash, count + 1
    return count


def install_guards_after_migrate(sender: Any, using: str = "default", **_: Any) -> None:
    if sender.name == "chotei.audit":  # once per migrate, not once per app
        install_guards(using)


def missing_guards(using: str = "default") -> list[str]:
    """Guard triggers that should exist and do not (reported by ``chotei verify``)."""
    from django.db import connections

    conn = connections[using]
    suffixes = [suffix for suffix, _ in _GUARDS.get(conn.vendor, ())]
    expected = [f"{table}_{suffix}" for table in guarded_tables() for suffix in suffixes]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in expected if name not in present]
