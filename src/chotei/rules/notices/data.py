"""What a notice is made of (the case facts) and what it is made into (the composed text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from chotei.rules.articles import Article
from chotei.rules.notices.kinds import NoticeKind

TABLE_HEADER: tuple[str, str, str] = ("損害の区分", "支払金額", "算定の内容")


@dataclass(slots=True)
class NoticeData:
    """The case facts a notice is made of. ``sender_title`` is the signer line, e.g. 「理事長　山田太郎」.

    Names and addresses are printed exactly as registered; nothing here normalises them.
    """

    document_number: str
    issued_on: date
    addressee_name: str
    honorific: str
    addressee_address: str
    sender_name: str
    sender_title: str
    case_number: str
    fields: dict[str, object] = field(default_factory=dict)
    contact: str = ""
    addressee_postcode: str = ""
    coop: bool = False
    # How the running text refers to the addressee (貴殿, 貴社, 貴組合, 貴会 …, see wording.you_word);
    # empty means it follows from the honorific and the name.
    you: str = ""
    # A notice sent to a party's agent names the party above the agent's name: 「申請人　山田 太郎　代理人」.
    represented: str = ""


@dataclass(frozen=True, slots=True)
class ComposedNotice:
    kind: NoticeKind
    title: str
    subject: str
    paragraphs: list[str]
    table: list[tuple[str, str, str]]
    table_header: tuple[str, str, str]
    # Index into ``paragraphs`` before which the table is placed.
    table_at: int
    basis: str
    article: Article
