"""Small display helpers of the desk templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from chotei.rules.panel import QUALIFICATION_LABELS
from chotei.rules.states import ACTION_LABELS, STATE_LABELS

register = template.Library()

# Ledger actions that are records rather than steps, as the ledger reader names them (DP-21).
LEDGER_ACTIONS: dict[str, str] = {
    "receive": "申請受付",
    "amend": "求める事項の変更",
    "submission": "提出書類の受領",
    "insurer_request": "保険会社等への要求",
    "insurer_answer": "保険会社等の回答",
    "meeting_schedule": "期日の指定",
    "meeting_record": "期日調書",
    "observer": "傍聴の許可",
    "special_request": "特別の手続の申出",
    "special_decide": "特別の手続の判断",
    "explain": "審理結果の説明",
    **{a.value: label for a, label in ACTION_LABELS.items()},
}


STATE_NAMES: dict[str, str] = {s.value: label for s, label in STATE_LABELS.items()}


@register.filter
def ymd(value: dt.date | None) -> str:
    """Dates as staff write them: 2026年10月1日."""
    if not value:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def yen(value: int | None) -> str:
    return f"{value or 0:,}円"


@register.filter
def payload(value: dict[str, Any] | None) -> str:
    """An audit payload on one line, key=value, for scanning by eye."""
    if not value:
        return ""
    return "  ".join(f"{k}={v}" for k, v in value.items())


@register.filter
def qualification(code: str) -> str:
    return QUALIFICATION_LABELS.get(code, code)


@register.filter
def ledger_action(value: str) -> str:
    return LEDGER_ACTIONS.get(value, value)


@register.filter
def state_label(value: str) -> str:
    return STATE_NAMES.get(value, value)
