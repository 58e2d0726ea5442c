"""One JSON object of the calc input of the payment notices (PN-02, PN-06): every refusal names the
dotted field path and the article, in Japanese."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from chotei.rules.articles import Article
from chotei.rules.errors import MissingItems, RuleViolation

PROVEN_FIELDS: dict[str, str] = {"amount": "立証額（円）", "basis": "立証資料（領収書等）"}


class Section:
    """One JSON object of the claim; every refusal names the dotted field path."""

    def __init__(self, data: object, path: str, fields: Mapping[str, str], article: Article) -> None:
        self.path = path
        self.fields = fields
        self.article = article
        if not isinstance(data, dict):
            raise RuleViolation(f"{path or '請求'}はJSONオブジェクトで指定してください", article, field=path)
        self.data: dict[str, Any] = data
        for key in data:
            if key not in fields:
                raise RuleViolation(f"不明な項目「{key}」があります", article, field=self.field(key))

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def require(self, keys: tuple[str, ...]) -> None:
        missing = [(self.field(k), self.fields[k], self.article) for k in keys if self.data.get(k) is None]
        if missing:
            raise MissingItems(missing)

    def refuse(self, key: str, expected: str) -> RuleViolation:
        return RuleViolation(
            f"{self.fields[key]}（{self.field(key)}）は{expected}", self.article, self.field(key)
        )

    def integer(self, key: str, default: int = 0, minimum: int = 0) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.refuse(key, "整数で指定してください")
        if value < minimum:
            raise self.refuse(key, f"{minimum}以上で指定してください")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def date(self, key: str) -> date:
        value = self.data.get(key)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.refuse(key, "YYYY-MM-DD形式の日付で指定してください")

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.refuse(key, "true又はfalseで指定してください")
        return value

    def text(self, key: str) -> str:
        value = self.data.get(key, "")
        if not isinstance(value, str):
            raise self.refuse(key, "文字列で指定してください")
        return value.strip()

    def section(self, key: str, fields: Mapping[str, str], article: Article) -> Section | None:
        value = self.data.get(key)
        return None if value is None else Section(value, self.field(key), fields, article)


@dataclass(frozen=True, slots=True)
class Proven:
    """An amount proven by documents (立証資料), with what proves it."""

    amount: int
    basis: str

    @classmethod
    def read(cls, parent: Section, key: str) -> Proven | None:
        s = parent.section(key, PROVEN_FIELDS, parent.article)
        if s is None:
            return None
        s.require(("amount",))
        amount, basis = s.integer("amount", minimum=1), s.text("basis")
        if not basis:
            # An amount above the flat rate is paid only "where proven by documents" (支払基準第2の1).
            raise MissingItems(
                [(s.field("basis"), f"{parent.fields[key]}の{PROVEN_FIELDS['basis']}", s.article)]
            )
        return cls(amount, basis)

    def to_dict(self) -> dict[str, Any]:
        return {"amount": self.amount, "basis": self.basis}
