"""``chotei calc CLAIM.json``: the payment computation (PN-06) as indented JSON on stdout.

Kept free of Django so the computation can be checked from a shell; every refusal goes to stderr
in Japanese with exit status 2 (the operating system's own messages are English, so they are not
passed through).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from chotei.rules.errors import RuleViolation
from chotei.rules.payment.calc import calculate_dict

USAGE = "使い方: chotei calc CLAIM.json（- で標準入力）"
CANNOT_READ = "請求ファイルを読めません"

# json's messages by their start (the rest names a position, given separately).
_JSON_REASONS: tuple[tuple[str, str], ...] = (
    ("Expecting value", "値がありません"),
    ("Expecting ',' delimiter", "「,」がありません"),
    ("Expecting ':' delimiter", "「:」がありません"),
    ("Expecting property name enclosed in double quotes", '項目名は「"」で囲んでください'),
    ("Extra data", "JSONの後に余分な文字があります"),
    ("Unterminated string", '文字列が「"」で閉じられていません'),
    ("Invalid control character", "文字列に制御文字があります"),
    ("Invalid \\", "不正なエスケープがあります"),
    ("Illegal trailing comma", "末尾に余分な「,」があります"),
)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "ファイルが見つかりません"
    if isinstance(exc, PermissionError):
        return "ファイルを読む権限がありません"
    if isinstance(exc, IsADirectoryError):
        return "ファイルではなくディレクトリです"
    return f"入出力エラーです（エラー番号 {exc.errno}）"


def _json_reason(exc: json.JSONDecodeError) -> str:
    reason = next((ja for en, ja in _JSON_REASONS if exc.msg.startswith(en)), "JSONの書式に誤りがあります")
    return f"{exc.lineno}行{exc.colno}列: {reason}"


def _read(source: str) -> str:
    if source == "-":
        # A BOM (Windows editors write one) is not part of the JSON.
        return sys.stdin.read().removeprefix("\ufeff")
    return Path(source).read_text(encoding="utf-8-sig")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    source = argv[0]
    name = "標準入力" if source == "-" else source
    try:
        text = _read(source)
    except OSError as exc:
        print(f"{CANNOT_READ}。{_os_reason(exc)}: {name}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"{CANNOT_READ}。UTF-8ではありません（{exc.start + 1}バイト目）: {name}", file=sys.stderr)
        return 2
    try:
        claim = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"請求ファイルがJSONとして読めません: {name} {_json_reason(exc)}", file=sys.stderr)
        return 2
    try:
        result = calculate_dict(claim)
    except RuleViolation as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
