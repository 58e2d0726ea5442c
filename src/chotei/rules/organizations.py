"""An insurer or co-op party is the registered organisation (登録組織), never a free-text name.

DP-02 (令第13条第1号): the parties are identified by name; for an insurer or co-op that name must be
the registered one, or the DP-11/CM-05 conflict check (法第23条の7第2項, 規程第12条) — which compares
organisations — and the insurer's own view of its cases cannot see who the party is.
DP-04 (令第14条): the party's role follows what the organisation is registered as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chotei.rules.application import AGENT_SIDES, ROLE_ARTICLE, PartyRole, normalize
from chotei.rules.articles import Article, ordinance
from chotei.rules.errors import RuleViolation

PARTY_NAME_ARTICLE: Article = ordinance("第13条第1号", "DP-02")
PERSON = "person"
# The organisation kinds that are a role of their own; Organization.Kind uses the same codes.
ROLE_KINDS: dict[str, str] = {PartyRole.INSURER: "insurer", PartyRole.COOP: "coop"}

# Company-form words clerks write in every variant; NFKC has already made （株） and ㈱ into (株).
_COMPANY_FORMS = re.compile(r"株式会社|有限会社|相互会社|\(株\)|\(有\)|\(相\)")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The form two spellings of one organisation share: NFKC, no spaces, no company-form words."""
    return _COMPANY_FORMS.sub("", _SPACES.sub("", normalize(name))).casefold()


@dataclass(frozen=True, slots=True)
class Registered:
    """A registered organisation as the rules see it; ``kind_label`` is its kind in Japanese."""

    name: str
    kind: str
    kind_label: str


def _who(side: str) -> str:
    return AGENT_SIDES[side]


def _role_label(role: str) -> str:
    return PartyRole(role).label


def check_party_role(side: str, role: str, party_kind: str, organization: Registered | None) -> None:
    """DP-04: an insurer's or co-op's role is taken only by an organisation registered as such, and
    such an organisation takes no other role. ``role`` is a valid PartyRole; the field is named."""
    who = _who(side)
    wanted = ROLE_KINDS.get(role)
    if wanted is not None and party_kind == PERSON:
        raise RuleViolation(
            f"{who}が個人の場合、{_role_label(role)}の立場にはなれません", ROLE_ARTICLE, f"{side}_kind"
        )
    if organization is None or organization.kind == wanted:
        return
    if wanted is not None or organization.kind in ROLE_KINDS.values():
        raise RuleViolation(
            f"{who}「{organization.name}」は{organization.kind_label}として登録されているため、"
            f"{_role_label(role)}の立場にはなれません",
            ROLE_ARTICLE,
            f"{side}_role",
        )


def unregistered(side: str, role: str, name: str) -> RuleViolation:
    """DP-02: an insurer or co-op typed in by a name the register does not know."""
    label = _role_label(role)
    return RuleViolation(
        f"{_who(side)}「{name}」は{label}として登録されていません。"
        f"先に組織の登録で{label}を登録してから受け付けてください",
        PARTY_NAME_ARTICLE,
        f"{side}_name",
    )


def ambiguous(side: str, name: str, candidates: list[str]) -> RuleViolation:
    """DP-02: a name that matches more than one registered organisation."""
    return RuleViolation(
        f"{_who(side)}「{name}」に該当する登録組織が複数あります（{'、'.join(candidates)}）。"
        "登録済みの組織から選んでください",
        PARTY_NAME_ARTICLE,
        f"{side}_organization",
    )
