"""Small display helpers of the desk templates."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from chotei.disputes.labels import LEDGER_ACTIONS
from chotei.disputes.services.assignment import person_name
from chotei.rules import screening
from chotei.rules.application import AGENT_SIDES
from chotei.rules.notices.kinds import SPECS
from chotei.rules.panel import QUALIFICATION_LABELS
from chotei.rules.states import STATE_LABELS

register = template.Library()


STATE_NAMES: dict[str, str] = {s.value: label for s, label in STATE_LABELS.items()}
NOTICE_TITLES: dict[str, str] = {k.value: spec.title for k, spec in SPECS.items()}


@register.filter
def ymd(value: dt.date | None) -> str:
    """Dates as staff write them: 2026年10月1日."""
    if not value:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def person(user: Any) -> str:
    """A person by name, never by login ID where a name is known (header, timeline, ledger 担当)."""
    return person_name(user) if user else "—"


@register.filter
def yen(value: int | None) -> str:
    return f"{value or 0:,}円"


@register.filter
def payload(value: dict[str, Any] | None) -> str:
    """An audit payload on one line in Japanese, for scanning by eye; an empty value says nothing."""
    if not value:
        return ""
    return "  ".join(
        f"{PAYLOAD_KEYS.get(k, k)}: {_payload_value(k, v)}" for k, v in value.items() if v is not None
    )


PAYLOAD_KEYS: dict[str, str] = {
    "action": "処理",
    "source": "変更前",
    "target": "変更後",
    "article": "根拠",
    "number": "事案番号",
    "document": "文書ID",
    "kind": "文書",
    "version": "版",
    "channel": "経路",
    "members": "委員ID",
    "chief": "主任委員ID",
    "ground": "不受理事由",
    "meeting": "期日ID",
    "side": "立場",
    "member": "委員ID",
    "declaration": "申告ID",
    "key": "対象",
    "template": "文例ID",
    "party": "当事者ID",
    "consented": "承諾",
    "fiscal_year": "年度",
    "format": "形式",
    "rows": "件数",
    "username": "利用者",
    "token": "トークンID",
    "user": "利用者",
    "role": "役割",
    "name": "名称",
    "submission": "提出書類ID",
    "file_name": "ファイル名",
    "intact": "内容の同一性",
    "claim": "請求ID",
    "reference": "請求番号",
    "method": "方式",
    "path": "要求先",
    "status": "応答",
    "reason": "理由",
    "clerk": "担当職員",
    "refusals": "拒否回数",
    "threshold": "基準",
    "window": "集計開始",
    "description": "内容",
    "appointment": "任命・解任ID",
    "board_meeting": "理事会ID",
    "emergency": "緊急の選任",
    "warnings": "名簿の警告（令第17条）",
}
# Audit actions outside the ledger's vocabulary.
_ACTIONS = {"issue": "発行", "list": "一覧", "revoke": "失効"}
_CHANNELS = {"desk": "事務局デスク", "api": "API", "cli": "コマンド", "post": "郵送", "electronic": "電子"}


def _payload_value(key: str, value: Any) -> str:
    if key == "action":
        return LEDGER_ACTIONS.get(value) or _ACTIONS.get(value, value)
    if key in ("source", "target"):
        return STATE_NAMES.get(value, value)
    if key == "kind" and value in NOTICE_TITLES:
        return NOTICE_TITLES[value]
    if key == "channel":
        return _CHANNELS.get(value, value)
    if key == "side":
        return AGENT_SIDES.get(value, value)
    if key == "ground" and value in screening.GROUND_CODES:
        found = screening.ground(value)
        return f"{found.label}（{found.article}）"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@register.filter
def qualification(code: str) -> str:
    return QUALIFICATION_LABELS.get(code, code)


@register.filter
def ledger_action(value: str) -> str:
    return LEDGER_ACTIONS.get(value, value)


@register.filter
def state_label(value: str) -> str:
    return STATE_NAMES.get(value, value)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


def chosen(bound: BoundField) -> set[str]:
    """The field's submitted value(s) as the strings its choices are compared with (as Django's
    widgets compare them)."""
    value = bound.value()
    values = value if isinstance(value, list | tuple) else [value]
    return {"" if v is None else str(v) for v in values}


@register.simple_tag
def chips(bound: BoundField) -> SafeString:
    """A multiple choice's checkboxes as chips, ticked as submitted (the worklist's states: a loop
    through the template language cost a quarter of the page's template time, bench/desk.py)."""
    selected = chosen(bound)
    name = html.escape(bound.html_name)
    return mark_safe(  # noqa: S308 - the values and labels are escaped
        "".join(
            f'<label class="chip"><input type="checkbox" name="{name}" value="{html.escape(str(value))}" '
            f'id="id_{name}_{i}"{" checked" if str(value) in selected else ""}> {html.escape(str(label))}</label>'
            for i, (value, label) in enumerate(bound.field.choices)
        )
    )


@register.simple_tag
def options(bound: BoundField, choices: Iterable[tuple[Any, Any]] | None = None) -> SafeString:
    """A select's options (the field's own choices unless given) with the submitted one selected.
    Django renders each option through its widget templates; the worklist's filter form has ~80
    of them on every page (bench/desk.py)."""
    selected = chosen(bound)
    # The standard library's escape: Django's wraps every value in a SafeString first.
    return mark_safe(  # noqa: S308 - the values and labels are escaped
        "".join(
            f'<option value="{html.escape(str(value))}"{" selected" if str(value) in selected else ""}>{html.escape(str(label))}</option>'
            for value, label in (bound.field.choices if choices is None else choices)
        )
    )
