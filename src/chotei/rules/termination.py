"""打切り (DP-18, 規程第17条第1項): the chief member may terminate on a ground of 規程第5条第1項 or
because dispute processing has no prospect of resolving the dispute; the ground is one of these,
each citing its provision, so the notice (同条第2項) can state it."""

from __future__ import annotations

from dataclasses import dataclass

from chotei.rules.articles import Article, rules
from chotei.rules.errors import RuleViolation
from chotei.rules.screening import GROUNDS


@dataclass(frozen=True, slots=True)
class TerminationGround:
    code: str
    label: str
    article: Article


NO_PROSPECT = "R17-1"
LAWSUIT_PENDING = "R5-1-9S"

# 規程第17条 names 第5条第1項各号 only: the ordinance's grounds (令第15条) refuse, they do not terminate.
TERMINATION_GROUNDS: tuple[TerminationGround, ...] = (
    *(
        TerminationGround(g.code, g.label, rules(g.article.ref, "DP-18"))
        for g in GROUNDS
        if g.code.startswith("R5-")
    ),
    # A lawsuit is not ground 2 (another body's mediation) but makes the body unsuitable (第9号); its own
    # code lets the notice stop advising the lawsuit already pending (issue #7 item 4).
    TerminationGround(
        LAWSUIT_PENDING, "同一の紛争について訴訟が係属している", rules("第5条第1項第9号", "DP-18")
    ),
    TerminationGround(NO_PROSPECT, "紛争処理による解決の見込みがない", rules("第17条第1項", "DP-18")),
)

_BY_CODE: dict[str, TerminationGround] = {g.code: g for g in TERMINATION_GROUNDS}
TERMINATION_GROUND_CODES: frozenset[str] = frozenset(_BY_CODE)

TERMINATION_GROUND_CHOICES: list[tuple[str, str]] = [
    (g.code, f"{g.article.ref} {g.label}") for g in TERMINATION_GROUNDS
]


def termination_ground(code: str) -> TerminationGround:
    """DP-18: the ground for ``code``; a termination rests on one of 規程第17条第1項's grounds."""
    found = _BY_CODE.get(code)
    if found is None:
        what = f"打切りの事由「{code}」は定められた事由ではありません" if code else "打切りの事由がありません"
        raise RuleViolation(what, rules("第17条第1項", "DP-18"), "ground")
    return found


def ground_statement(g: TerminationGround) -> str:
    """The ground as the notice states it, with its provision (規程第17条第1項 and, for a screening
    ground, the number of 第5条第1項 it falls under)."""
    if g.code == NO_PROSPECT:
        return f"{g.label}（紛争処理業務規程{g.article.ref}）"
    return f"{g.label}（紛争処理業務規程第17条第1項、同規程{g.article.ref}該当）"


# DP-18 (規程第17条第2項): where the dispute is already before a court or another body, the notice says it
# will be resolved there instead of advising a lawsuit (the default guidance).
_PENDING_PROCEDURE: dict[str, str] = {
    LAWSUIT_PENDING: "本件紛争は、係属中の訴訟手続において解決が図られることとなります。",
    "R5-1-2": "本件紛争は、申出中の他の機関における斡旋、調停等の手続において解決が図られることとなります。",
}


def pending_procedure_guidance(g: TerminationGround) -> str | None:
    """The closing guidance when the ground means another procedure is pending, else None."""
    return _PENDING_PROCEDURE.get(g.code)
