"""The ``chotei`` console command: thin dispatch to Django management commands.

``chotei serve``, ``chotei demo``, ``chotei ledger``, ``chotei roster-check``, ``chotei retention``,
``chotei render-samples``, ``chotei verify``, ``chotei backup``, ``chotei restore``, ``chotei worker``,
``chotei calc``, ``chotei token issue|list|revoke``, ``chotei alerts``; ``chotei manage ...`` passes through to Django.
A fresh database is migrated on first use so every command works from a clean checkout.
"""

from __future__ import annotations

import os
import sys

# Commands that need no database at all, or (restore) must find the target as it is.
_NO_DB = {"calc", "restore"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chotei.settings")
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    if args[0] == "calc":
        from chotei.rules.payment.cli import main as calc_main

        return calc_main(args[1:])

    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command, execute_from_command_line

    try:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        django.setup()
    except ImproperlyConfigured as exc:
        print(f"設定に誤りがあります: {exc}", file=sys.stderr)
        return 2
    if args[0] == "manage":
        execute_from_command_line(["chotei", *args[1:]])
        return 0
    if args[0] not in _NO_DB:
        call_command("migrate", interactive=False, verbosity=0)
    execute_from_command_line(["chotei", args[0].replace("-", "_"), *args[1:]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
