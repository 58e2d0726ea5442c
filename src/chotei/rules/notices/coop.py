"""令10条: a co-op's payment notices read in co-op terms (PN-07).

令10条 reads 令2-9条 for co-ops with 共済金等 / 組合 / 被共済者; every other insurance term a notice
uses has its co-op counterpart too (共済金額, 被共済自動車, 共済契約 …), or a co-op's notice would
still speak of an insurance it does not sell.
"""

from __future__ import annotations

import re

# Longer terms first: 被保険自動車 before 被保険者 before 保険者, 保険契約者 before 保険契約.
COOP_TERMS: tuple[tuple[str, str], ...] = (
    ("被保険自動車", "被共済自動車"),
    ("被保険者", "被共済者"),
    ("保険契約者", "共済契約者"),
    ("保険契約", "共済契約"),
    ("保険金等", "共済金等"),
    ("保険金額", "共済金額"),
    ("保険金", "共済金"),
    ("保険料", "共済掛金"),
    ("保険期間", "共済期間"),
    ("保険証明書", "共済証明書"),
    ("保険会社", "組合"),
    ("保険者", "組合"),
    ("自賠責保険", "自賠責共済"),
    ("責任保険", "責任共済"),
)
# Proper names that keep their words in a co-op's notice: the designated body itself, and the
# rating organisation whose assessment the parties cite.
KEPT_NAMES: tuple[str, ...] = ("自賠責保険・共済紛争処理機構", "損害保険料率算出機構")
_KEPT = re.compile("|".join(re.escape(name) for name in KEPT_NAMES))


def _reword(text: str) -> str:
    for insurer_term, coop_term in COOP_TERMS:
        text = text.replace(insurer_term, coop_term)
    return text


def coop_wording(text: str) -> str:
    """Read ``text`` as a co-op's notice (令10条, PN-07), leaving the kept proper names as they are."""
    out: list[str] = []
    last = 0
    for kept in _KEPT.finditer(text):
        out.append(_reword(text[last : kept.start()]))
        out.append(kept.group())
        last = kept.end()
    out.append(_reword(text[last:]))
    return "".join(out)


def insurer_terms_left(text: str) -> list[str]:
    """The insurance words a co-op's text still holds outside the kept names; empty when it reads
    wholly as a co-op's (the test of every co-op document uses this)."""
    return re.findall(r"\S{0,6}保険\S{0,4}", _KEPT.sub("", text))
