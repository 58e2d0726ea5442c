"""The application (紛争処理申請書): who may apply, what it must state, and whether it is in scope.

DP-01 (法第23条の6, 規程第2条第2項): a dispute exists once the insurer/co-op notified its payment
decision, or a negotiator mandated by the liable party notified one with the insurer's consent.
DP-02 (令第13条, 規程第4条第1項): the items an application must state.
DP-04 (法第23条の6, 令第14条): either party may apply: insurer, co-op, insured, co-op insured, victim.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from chotei.rules.articles import Article, ordinance, rules
from chotei.rules.errors import MissingItems, RuleViolation


def normalize(text: str) -> str:
    """NFKC (full-width letters and spaces fold to their plain forms) and strip; for all text input."""
    return unicodedata.normalize("NFKC", text).strip()


class PartyRole(StrEnum):
    INSURER = "insurer"
    COOP = "coop"
    INSURED = "insured"
    COOP_INSURED = "coop_insured"
    VICTIM = "victim"

    @property
    def label(self) -> str:
        return PARTY_ROLE_LABELS[self]


PARTY_ROLE_LABELS: dict[PartyRole, str] = {
    PartyRole.INSURER: "保険会社",
    PartyRole.COOP: "共済組合",
    PartyRole.INSURED: "被保険者",
    PartyRole.COOP_INSURED: "被共済者",
    PartyRole.VICTIM: "被害者",
}
PARTY_ROLE_CHOICES: list[tuple[str, str]] = [(r.value, r.label) for r in PartyRole]
_ROLE_VALUES: frozenset[str] = frozenset(r.value for r in PartyRole)
ROLE_ARTICLE: Article = ordinance("第14条", "DP-04")


def _o13(item: int) -> Article:
    return ordinance(f"第13条第{item}号", "DP-02")


# DP-02: (field, label, article). Items 1-5 are the ordinance's; item 6 only the body's rules add.
APPLICATION_ITEMS: tuple[tuple[str, str, Article], ...] = (
    ("applicant_name", "申請人の氏名又は名称", _o13(1)),
    ("applicant_address", "申請人の住所", _o13(1)),
    ("respondent_name", "相手方の氏名又は名称", _o13(1)),
    ("respondent_address", "相手方の住所", _o13(1)),
    ("matters_sought", "紛争処理を求める事項", _o13(2)),
    ("issues", "紛争の問題点", _o13(3)),
    ("negotiation_history", "交渉経過の概要", _o13(3)),
    ("claim", "請求の内容（申請人の主張）", _o13(3)),
    ("accident_summary", "事故の状況の概要", _o13(4)),
    ("applied_on", "申請の年月日", _o13(5)),
    (
        "other_bodies",
        "他の機関における法律相談・斡旋等の状況（機関名又は「なし」）",
        rules("第4条第1項第6号", "DP-02"),
    ),
)
ROLE_ITEM: tuple[str, str, Article] = ("applicant_role", "申請人の立場", ROLE_ARTICLE)

# DP-02: an agent is optional, but one that is given must be identified by name and address.
AGENT_SIDES: dict[str, str] = {"applicant": "申請人", "respondent": "相手方"}


def agent_items(side: str) -> tuple[tuple[str, str, Article], ...]:
    who = AGENT_SIDES[side]
    return (
        (f"{side}_agent_name", f"{who}の代理人の氏名又は名称", _o13(1)),
        (f"{side}_agent_address", f"{who}の代理人の住所", _o13(1)),
    )


OTHER_BODIES_NONE = "なし"


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not normalize(value)
    if isinstance(value, list | tuple | set | frozenset):
        return all(_blank(v) for v in value)
    return False


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return normalize(value).lower() in {"true", "1", "on", "yes", "はい"}
    return value is True


def parse_other_bodies(value: object) -> list[str] | None:
    """DP-02: the other bodies named (``[]`` for an explicit 「なし」), or None when not answered."""
    if _blank(value):
        return None
    if isinstance(value, str):
        text = normalize(value)
        return [] if text == OTHER_BODIES_NONE else [text]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        names = [n for n in (normalize(str(v)) for v in value) if n]
        return [n for n in names if n != OTHER_BODIES_NONE]
    return None


def _has_agent(data: Mapping[str, object], side: str) -> bool:
    return _truthy(data.get(f"{side}_has_agent")) or any(
        not _blank(data.get(field)) for field, _, _ in agent_items(side)
    )


def check_application(data: Mapping[str, object]) -> None:
    """DP-02, DP-04, DP-01: refuse an incomplete, wrongly filed or out-of-scope application.

    Every missing item is named at once (MissingItems). An agent counts as given for a side when
    ``<side>_has_agent`` is true or either of its name and address is filled in.
    """
    required = [*APPLICATION_ITEMS, ROLE_ITEM]
    for side in AGENT_SIDES:
        if _has_agent(data, side):
            required.extend(agent_items(side))
    missing = [item for item in required if _blank(data.get(item[0]))]
    if not _blank(data.get("other_bodies")) and parse_other_bodies(data.get("other_bodies")) is None:
        missing.append(APPLICATION_ITEMS[-1])
    if missing:
        raise MissingItems(missing)

    # DP-04: only the parties 法第23条の6 names may apply.
    role = data.get("applicant_role")
    if not (isinstance(role, str) and normalize(role) in _ROLE_VALUES):
        raise RuleViolation(
            "申請人は保険会社、共済組合、被保険者、被共済者又は被害者でなければなりません",
            ROLE_ARTICLE,
            "applicant_role",
        )

    # DP-01: no dispute before a payment decision has been notified.
    if _truthy(data.get("negotiator_case")):
        if not _truthy(data.get("negotiator_consent")):
            raise RuleViolation(
                "交渉の受任者による判断結果の通知について、保険会社又は共済組合の承諾が確認できないため、紛争処理の対象となりません",
                rules("第2条第2項第2号", "DP-01"),
                "negotiator_consent",
            )
    elif _blank(data.get("decision_notified_on")):
        raise RuleViolation(
            "保険会社又は共済組合による保険金等の支払に関する判断結果の通知日がないため、紛争処理の対象となりません",
            rules("第2条第2項第1号", "DP-01"),
            "decision_notified_on",
        )


# DP-02: the dates an application states, in the order they must have happened.
DATE_ORDER: tuple[tuple[str, str], ...] = (
    ("accident_date", "事故発生日"),
    ("decision_notified_on", "保険会社等の支払判断通知日"),
    ("applied_on", "申請の年月日"),
    ("received_on", "受付日"),
)
FACTS_ARTICLE: Article = _o13(5)
ADDRESS_ARTICLE: Article = _o13(1)
POSTCODE = re.compile(r"\d{3}-?\d{4}")
_PREFECTURE = r"(?:北海道|東京都|京都府|大阪府|[^\s都道府県]{2,3}県)"
# A prefecture, then a municipality (市・区・町・村, a 郡 before a 町村); what follows is free.
ADDRESS = re.compile(rf"{_PREFECTURE}\s*(?:[^\s]+?郡\s*)?[^\s]+?[市区町村]")


def check_facts(data: Mapping[str, object], today: date) -> None:
    """DP-02: refuse what cannot be true before it is carried into the notices — a date in the
    future or out of order, a postal code that is not seven digits, an address without at least
    its prefecture and municipality. ``data`` holds dates and, per party, ``<key>_postcode`` and
    ``<key>_address`` with ``<key>_who`` naming it (e.g. 申請人)."""
    given = [(f, label, data.get(f)) for f, label in DATE_ORDER if isinstance(data.get(f), date)]
    for field, label, value in given:
        if isinstance(value, date) and value > today:
            raise RuleViolation(f"{label}が未来の日付です", FACTS_ARTICLE, field)
    for (_, before_label, before), (field, label, after) in itertools.pairwise(given):
        if isinstance(before, date) and isinstance(after, date) and after < before:
            raise RuleViolation(f"{label}が{before_label}より前になっています", FACTS_ARTICLE, field)
    for key in ("applicant", "respondent", "applicant_agent", "respondent_agent"):
        who = str(data.get(f"{key}_who") or "")
        postcode = normalize(str(data.get(f"{key}_postcode") or ""))
        if postcode and not POSTCODE.fullmatch(postcode):
            raise RuleViolation(
                f"{who}の郵便番号は7桁の数字で入力してください（例 156-0054）",
                ADDRESS_ARTICLE,
                f"{key}_postcode",
            )
        address = normalize(str(data.get(f"{key}_address") or ""))
        if address and not ADDRESS.match(address):
            raise RuleViolation(
                f"{who}の住所は都道府県と市区町村から入力してください（例 東京都世田谷区桜丘三丁目12番5号）",
                ADDRESS_ARTICLE,
                f"{key}_address",
            )


KANA_READING = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\s]*")


def kana_key(text: str) -> str:
    """A reading as stored and searched (DP-10, the worklist): hiragana, one space between words, NFKC first
    (half-width katakana become full-width, then hiragana)."""
    folded = "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in normalize(text))
    return " ".join(folded.split())


def check_kana(text: str) -> None:
    """The reading is kana only, or the search by reading would miss it."""
    if not KANA_READING.fullmatch(normalize(text)):
        raise RuleViolation(
            "申請人のふりがなは、ひらがな又はカタカナで入力してください", _o13(1), "applicant_kana"
        )
