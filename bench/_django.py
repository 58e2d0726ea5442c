"""Django set-up shared by the database benchmarks (intake, desk, ledger).

The database is DATABASE_URL's, else a SQLite file in a fresh temporary CHOTEI_DATA_DIR. A bench
fills tables with throw-away rows, so it refuses a database that already holds cases and empties
what it wrote when it ends.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any


@contextlib.contextmanager
def django_db() -> Iterator[str]:
    """Set Django up on an empty database, migrate, yield the vendor name, clean up after."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chotei.settings")
    tmp = None
    if "CHOTEI_DATA_DIR" not in os.environ:
        tmp = tempfile.mkdtemp(prefix="chotei-bench-")
        os.environ["CHOTEI_DATA_DIR"] = tmp
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    tables = _tables()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT 1 FROM "{table}" LIMIT 1')
            if cursor.fetchone():
                raise SystemExit(f"bench: {table} is not empty; run on an empty database")
    print(
        f"database: {connection.vendor} ({connection.settings_dict['NAME']}); {platform.processor() or platform.machine()}, {os.cpu_count()} cores"
    )
    try:
        yield connection.vendor
    finally:
        if tmp is None or os.environ.get("DATABASE_URL"):
            _empty(connection, tables)
        connection.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


BENCH_USER = "bench-secretariat"
_APPS = ("disputes", "documents", "audit", "parties", "committee", "accounts", "django_tasks_database")


def _tables() -> list[str]:
    from django.apps import apps

    return [m._meta.db_table for label in _APPS for m in apps.get_app_config(label).get_models()]


def _empty(connection: Any, tables: list[str]) -> None:
    """Remove the bench's rows: these tables were empty when it started (so emptying the append-only
    ledger and audit log, which their guards otherwise refuse, removes only what the bench wrote)."""
    from chotei.audit.chain import erasing

    with erasing(connection), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("DELETE FROM auth_user WHERE username = %s", [BENCH_USER])


def bench_user() -> Any:
    """A secretariat user: sees every case (SEE_ALL) and may receive applications."""
    from django.contrib.auth.models import User

    from chotei.accounts.models import Role, StaffProfile

    user = User.objects.create_user(username=BENCH_USER)
    StaffProfile.objects.create(user=user, role=Role.SECRETARIAT)
    return User.objects.select_related("profile").get(pk=user.pk)


def insert_sql(table: str, columns: Sequence[str]) -> str:
    marks = ", ".join(["%s"] * len(columns))
    cols = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'


def bench_args(name: str, argv: Sequence[str] | None) -> list[str]:
    """The bench's own arguments, whether run as ``python -m bench NAME …`` or ``python -m bench.NAME …``."""
    args = list(sys.argv[1:] if argv is None else argv)
    return args[1:] if args[:1] == [name] else args


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile; NaN when nothing was measured (a phase too short for its load)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(p) - 1]
