"""``python -m bench <name>`` runs ``bench/<name>.py``'s ``main()``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def _available() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_")
    )


def main() -> None:
    names = _available()
    if len(sys.argv) < 2 or sys.argv[1] not in names:
        print(f"usage: python -m bench <name> [options]\navailable: {', '.join(names)}")
        raise SystemExit(2)
    # Each bench's main() reads sys.argv itself and skips the leading bench name.
    importlib.import_module(f"bench.{sys.argv[1]}").main()


if __name__ == "__main__":
    main()
