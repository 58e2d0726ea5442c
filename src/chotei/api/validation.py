"""Input errors explained in Japanese (DP-02, DP-09): each names the item and says what is expected,
keeping pydantic's ``loc`` and ``type`` for programs; the body must be JSON, sent as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

from chotei.rules.application import APPLICATION_ITEMS, ROLE_ITEM
from chotei.rules.states import ACTION_LABELS

NOT_JSON = "リクエスト本文をJSONとして解釈できません。JSON形式で送信してください"
BODY_LABEL = "リクエスト本文"
JSON_PROBLEMS = {
    "Expecting value": "値がありません",
    "Expecting property name enclosed in double quotes": "項目名は二重引用符で囲んでください",
    "Expecting ',' delimiter": "「,」がありません",
    "Expecting ':' delimiter": "「:」がありません",
    "Unterminated string starting at": "文字列が閉じられていません",
    "Extra data": "余分なデータがあります",
    "Invalid control character at": "文字列に制御文字があります",
}
# Where ninja puts a parameter before its name: ("body", <parameter>, field…), ("query", field…).
SOURCES = {"body": 2, "form": 2, "file": 2, "query": 1, "path": 1, "header": 1, "cookie": 1}

# The application's items carry the ordinance's names (DP-02); the rest are the API's own.
FIELD_LABELS: dict[str, str] = {field: label for field, label, _ in (*APPLICATION_ITEMS, ROLE_ITEM)} | {
    "applicant": "申請人",
    "respondent": "相手方",
    "applicant_agent": "申請人の代理人",
    "respondent_agent": "相手方の代理人",
    "name": "氏名又は名称",
    "address": "住所",
    "kind": "種類",
    "postcode": "郵便番号",
    "organization_id": "組織ID",
    "party_id": "当事者ID",
    "respondent_role": "相手方の立場",
    "category": "事案の区分",
    "channel": "経路",
    "office": "事務所",
    "accident_date": "事故の年月日",
    "other_facts": "その他の事実",
    "decision_notified_on": "保険会社等の決定の通知日",
    "negotiator_case": "示談代行の事案",
    "negotiator_consent": "示談代行についての同意",
    "received_on": "受付日",
    "version": "版",
    "dispatch_on": "受理通知の発送日",
    "ground_code": "不受理事由",
    "requested_on": "申出日",
    "refuse_reason": "変更を認めない理由",
    "member_ids": "委員",
    "chief_id": "主任委員",
    "result": "結果",
    "reasons": "結果の理由",
    "side": "当事者の立場",
    "reason": "理由",
    "scheduled_for": "期日の日時",
    "place": "場所",
    "present_member_ids": "出席した委員",
    "minutes": "期日調書",
    "item": "訂正する項目",
    "after": "訂正後の内容",
    "title": "表題",
    "postal_receipt": "郵便の受付番号",
    "file_name": "ファイル名",
    "content_base64": "ファイルの内容",
    "form": "形式",
    "request": "要求の内容",
    "due_on": "期限",
    "answer": "回答",
    "refusal_reason": "回答しない理由",
    "requested_by": "申出をした当事者",
    "approve": "承認",
    "cost_yen": "費用（円）",
    "charged_to": "費用の負担者",
    "state": "状態",
    "member": "委員",
    "overdue": "期限超過",
    "fiscal_year": "年度",
    "q": "検索語",
    "before": "ページの位置",
    "limit": "件数",
    "case_id": "事案ID",
    "document_id": "文書ID",
    "meeting_id": "期日ID",
    "request_id": "要求ID",
    "procedure_id": "特別の手続ID",
    "action": "処理",
}
ACTION_NAMES: dict[str, str] = {str(a): label for a, label in ACTION_LABELS.items()} | {
    "amend": "求める事項の変更",
    "explain": "結果の説明",
}

_DATE = "は日付（例 2026-04-01）で指定してください"
_MOMENT = "は日時（例 2026-04-01T10:00:00+09:00）で指定してください"
_INTEGER = "は整数で指定してください"
_OBJECT = "はオブジェクト（{…}）で指定してください"
_CHOICE = "は次のいずれかで指定してください：{expected}"
# What is expected, after 「項目名（field）」; ctx fills the braces.
EXPECTED: dict[str, str] = {
    "missing": "は必須です。指定してください",
    "string_too_long": "は{max_length}文字以内で入力してください",
    "string_too_short": "は{min_length}文字以上で入力してください",
    "string_type": "は文字列で指定してください",
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "int_parsing_size": "は大きすぎます。整数の範囲で指定してください",
    "bool_type": "は true か false で指定してください",
    "bool_parsing": "は true か false で指定してください",
    "greater_than_equal": "は{ge}以上で指定してください",
    "greater_than": "は{gt}より大きい値で指定してください",
    "less_than_equal": "は{le}以下で指定してください",
    "less_than": "は{lt}より小さい値で指定してください",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _MOMENT,
    "datetime_parsing": _MOMENT,
    "datetime_from_date_parsing": _MOMENT,
    "literal_error": _CHOICE,
    "enum": _CHOICE,
    "list_type": "は配列（[…]）で指定してください",
    "too_long": "は{max_length}件以内で指定してください",
    "too_short": "は{min_length}件以上で指定してください",
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dict_type": _OBJECT,
    "extra_forbidden": "は{action}では指定できません",
}


class BodyRefused(ValueError):
    """A body refused before its items are read, with the HTTP status to answer."""

    def __init__(self, message: str, status: int) -> None:
        self.status = status
        super().__init__(message)


class JsonOnly(Parser):
    """Bodies are JSON objects only: ``text/plain`` or a form is refused (415) rather than read as
    JSON anyway. Ninja turns any parser error into a 400; chotei.api.errors answers its cause."""

    def parse_body(self, request: HttpRequest) -> Any:
        kind = request.content_type or ""
        if kind != "application/json" and not kind.endswith("+json"):
            raise BodyRefused(
                f"Content-Type「{kind or '（なし）'}」は受け付けられません。"
                "application/json でJSONを送信してください",
                415,
            )
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise BodyRefused("リクエスト本文はJSONのオブジェクト（{…}）で送信してください", 400)
        return data


def not_json(cause: BaseException) -> str:
    """The 400 answer to a body the JSON parser refused, with where it stopped when it says."""
    if isinstance(cause, json.JSONDecodeError):
        return f"{NOT_JSON}（{cause.lineno}行目 {cause.colno}文字目：{JSON_PROBLEMS.get(cause.msg, '誤り')}）"
    return NOT_JSON


def _field_path(loc: Iterable[Any]) -> list[str | int]:
    parts = list(loc)
    skip = SOURCES.get(str(parts[0]), 0) if parts else 0
    return parts[skip:]


def _label(path: list[str | int]) -> str:
    words: list[str] = []
    for part in path:
        if isinstance(part, int):
            words.append(f"{part + 1}番目")
        else:
            words.append(FIELD_LABELS.get(part, part))
    return "の".join(words) or BODY_LABEL


def _ctx_text(ctx: Mapping[str, Any]) -> dict[str, str]:
    # pydantic writes choices as "'a', 'b' or 'c'"; only the values are kept.
    return {k: str(v).replace(" or ", ", ") for k, v in ctx.items()}


def _expected(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "value_error":
        # chotei.api.types words its refusals to follow 「…は」.
        return "は" + str(error.get("msg", "")).removeprefix("Value error, ")
    template = EXPECTED.get(kind)
    if template is None:
        return "の値が正しくありません"
    try:
        return template.format(**_ctx_text(error.get("ctx") or {}))
    except KeyError:
        return "の値が正しくありません"


def explain(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each error as 「項目名（field）＋what is expected」, with ``loc`` and ``type`` kept."""
    explained = []
    for error in errors:
        loc = list(error.get("loc", ()))
        path = _field_path(loc)
        field = ".".join(str(p) for p in path)
        label = _label(path)
        named = f"{label}（{field}）" if field and label != field else label
        explained.append(
            {
                "loc": loc,
                "field": field,
                "label": label,
                "type": str(error.get("type", "")),
                "msg": named + _expected(error),
            }
        )
    return explained


def summary(explained: list[dict[str, Any]]) -> str:
    messages = [e["msg"] for e in explained]
    if len(messages) == 1:
        return str(messages[0])
    return f"入力内容に{len(messages)}件の誤りがあります：" + "／".join(messages)


def not_for_action(action: str, fields: Iterable[str]) -> list[dict[str, Any]]:
    """Errors for items an action does not take (DP-09: an amendment changes only 求める事項)."""
    return [
        {"loc": ("body", "body", f), "type": "extra_forbidden", "ctx": {"action": ACTION_NAMES[action]}}
        for f in fields
    ]
