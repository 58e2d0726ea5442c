"""Recorded corrections (訂正) of a case's and a party's registered details (issue #9 item 3).

A record is never edited in place: a correction names the item, the value before and after and the
reason, and is entered in the ledger (DP-21, 令24条) beside the items it corrects (DP-02, 令13条).
The matters sought are not corrected here: changing them is an amendment under 規程5条の2 (DP-09).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chotei.rules.articles import Article, ordinance
from chotei.rules.errors import RuleViolation

ARTICLE: Article = ordinance("第24条", "DP-21")
ITEMS_ARTICLE: Article = ordinance("第13条", "DP-02")

CASE = "case"
PARTY = "party"


@dataclass(frozen=True, slots=True)
class Item:
    target: str
    name: str
    label: str
    kind: str = "text"  # "text" or "date"
    required: bool = True


ITEMS: tuple[Item, ...] = (
    Item(CASE, "applied_on", "申請の年月日", "date"),
    Item(CASE, "accident_date", "事故発生日", "date", required=False),
    Item(CASE, "decision_notified_on", "支払判断の通知日", "date", required=False),
    Item(CASE, "issues", "紛争の問題点"),
    Item(CASE, "negotiation_history", "交渉経過の概要"),
    Item(CASE, "claim", "請求の内容（申請人の主張）"),
    Item(CASE, "accident_summary", "事故の状況の概要"),
    Item(CASE, "other_facts", "その他参考事項", required=False),
    Item(CASE, "other_bodies", "他の機関での相談・斡旋等"),
    Item(PARTY, "name", "氏名又は名称"),
    Item(PARTY, "postcode", "郵便番号", required=False),
    Item(PARTY, "address", "住所又は所在地"),
    Item(PARTY, "phone", "電話番号", required=False),
    Item(PARTY, "email", "メールアドレス", required=False),
)
BY_KEY: dict[str, Item] = {f"{i.target}.{i.name}": i for i in ITEMS}
CHOICES: list[tuple[str, str]] = [
    (key, ("事案: " if i.target == CASE else "当事者: ") + i.label) for key, i in BY_KEY.items()
]


def item(key: str) -> Item:
    found = BY_KEY.get(key)
    if found is None:
        raise RuleViolation("訂正できる項目を選んでください", ARTICLE, field="item")
    return found


def check(it: Item, before: str, after: str, reason: str, *, today: dt.date, received_on: dt.date) -> None:
    """Refuse a correction that changes nothing, has no reason, or states what cannot be true."""
    if not reason:
        raise RuleViolation("訂正の理由を記載してください", ARTICLE, field="reason")
    if after == before:
        raise RuleViolation(f"{it.label}は訂正前と同じです", ARTICLE, field="after")
    if it.required and not after:
        raise RuleViolation(f"{it.label}は空にできません", ITEMS_ARTICLE, field="after")
    if it.kind == "date" and after:
        try:
            day = dt.date.fromisoformat(after)
        except ValueError as exc:
            raise RuleViolation(f"{it.label}は日付で入力してください", ITEMS_ARTICLE, field="after") from exc
        if day > today:
            raise RuleViolation(f"{it.label}に将来の日付は記録できません", ITEMS_ARTICLE, field="after")
        if it.name == "applied_on" and day > received_on:
            raise RuleViolation("申請の年月日は受付日より後にできません", ITEMS_ARTICLE, field="after")
    if (
        it.name == "postcode"
        and after
        and not (len(after.replace("-", "")) == 7 and after.replace("-", "").isdigit())
    ):
        raise RuleViolation("郵便番号は7桁の数字です", ITEMS_ARTICLE, field="after")
