"""令10条: a co-op's payment notices read in co-op terms (PN-07)."""

from __future__ import annotations

# 令10条: the same notices of a co-op read 共済金等 / 組合 / 被共済者 (PN-07).
COOP_TERMS: tuple[tuple[str, str], ...] = (
    ("保険金等", "共済金等"),
    ("保険会社", "組合"),
    ("被保険者", "被共済者"),
)


def coop_wording(text: str) -> str:
    """Read ``text`` as a co-op's notice: 令10条 replaces 保険金等, 保険会社 and 被保険者 (PN-07)."""
    for insurer_term, coop_term in COOP_TERMS:
        text = text.replace(insurer_term, coop_term)
    return text
