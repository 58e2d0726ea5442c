"""``chotei calc CLAIM.json``: the payment computation (PN-06) as indented JSON on stdout.

Kept free of Django so the computation can be checked from a shell; refusals go to stderr in
Japanese with exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from chotei.rules.errors import RuleViolation
from chotei.rules.payment.calc import calculate_dict

USAGE = "使い方: chotei calc CLAIM.json（- で標準入力）"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    source = argv[0]
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"請求ファイルを読めません: {source}（{exc.strerror}）", file=sys.stderr)
        return 2
    try:
        claim = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"請求ファイルがJSONとして読めません: {source} {exc.lineno}行{exc.colno}列", file=sys.stderr)
        return 2
    try:
        result = calculate_dict(claim)
    except RuleViolation as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
